/* correct.range: the value is a number within [min, max]; a value that is
 * not a number fails. */
#include "bounds.h"
#include "../util/values.h"

static bool range_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	double v;
	return value_number(row->fields[col], row->lens[col], &v) && bounds_hold(b->def->config, v);
}

static const char *const range_params[] = {"min", "max", NULL};

const struct check_ops check_range = {
	.kind = "range", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = range_params, .configure = bounds_configure, .row = range_row,
};
