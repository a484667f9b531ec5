/* correct.length: the value's length in Unicode code points is within
 * [min, max]. */
#include "bounds.h"
#include "../util/values.h"

static bool length_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	const struct bounds *bounds = b->def->config;
	int col = b->cols[0];
	size_t len = row->lens[col];
	/* utf8_length counts between one code point per 4 bytes and one per
	 * byte, so most values are decided by their byte length alone. */
	double fewest = (double)((len + 3) / 4), most = (double)len;
	if (bounds_hold(bounds, fewest) && bounds_hold(bounds, most))
		return true;
	if (most < bounds->min || fewest > bounds->max)
		return false;
	return bounds_hold(bounds, (double)utf8_length(row->fields[col], len));
}

static const char *const length_params[] = {"min", "max", NULL};

const struct check_ops check_length = {
	.kind = "length", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = length_params, .configure = bounds_configure, .row = length_row,
};
