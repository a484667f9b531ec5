/* correct.length: the value's length in Unicode code points is within
 * [min, max]. */
#include "bounds.h"
#include "../values.h"

static bool length_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return bounds_hold(b->def->config, (double)utf8_length(row->fields[col], row->lens[col]));
}

static const char *const length_params[] = {"min", "max", NULL};

const struct check_ops check_length = {
	.kind = "length", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = length_params, .configure = bounds_configure, .row = length_row,
};
