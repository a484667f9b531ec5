/* correct.structure (implicit): a record has as many fields as the header.
 * Short rows read their missing fields as empty; extra fields are ignored.
 * Blank header names (read as column_N) count once, on the first record. */
#include "check.h"
#include <stdio.h>


static bool structure_row(struct bound_check *b, const struct plan_row *row, char *note,
			  size_t cap)
{
	const struct plan *p = b->plan;
	/* A header finding (blank names) is counted once, on the first record. */
	if (p->header_note && row->input == 0 && row->line == p->first_row_line) {
		if (note)
			snprintf(note, cap, "%s", p->header_note);
		return false;
	}
	if (row->nfields_read == b->plan->nheader)
		return true;
	if (note)
		snprintf(note, cap, "%zu fields, the header has %zu", row->nfields_read,
			 b->plan->nheader);
	return false;
}

const struct check_ops check_structure = {
	.kind = "structure", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .implicit = true,
	.row = structure_row,
};
