/* sufficient.not_null: the value is not empty and not only spaces or tabs. */
#include "check.h"
#include "../util/values.h"

static bool not_null_row(struct bound_check *b, const struct plan_row *row, char *note,
			 size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return !value_blank(row->fields[col], row->lens[col]);
}

const struct check_ops check_not_null = {
	.kind = "not_null", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .row = not_null_row,
};
