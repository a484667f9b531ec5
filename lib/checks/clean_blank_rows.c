/* clean.blank_rows (implicit): a record is not blank. A blank line (a
 * record with no fields, as Python's csv.reader reads it) and a record
 * whose every field is empty (",,") fail; a file's final line end is no
 * blank line. Like clean.encoding, it scores only when some row failed it.
 * Off with dataset: {blank_rows: allow}. */
#include "check.h"

#include <stdio.h>

static bool blank_row(struct bound_check *b, const struct plan_row *row, char *note,
		      size_t cap)
{
	(void)b;
	const struct record *rec = row->rec;
	for (size_t i = 0; i < rec->n; i++)
		if (rec->lens[i])
			return true;
	if (note && rec->n == 0)
		snprintf(note, cap, "blank line");
	else if (note)
		snprintf(note, cap, "all %zu fields empty", rec->n);
	return false;
}

const struct check_ops check_blank_rows = {
	.kind = "blank_rows", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .implicit = true,
	.unscored_when_clean = true, .passes_when = ROW_PASS_NOT_BLANK, .row = blank_row,
	.dataset = check_unscore_when_clean,
};
