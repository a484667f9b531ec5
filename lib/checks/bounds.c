/* min/max reading shared by the range, length and rows kinds. */
#include <math.h>

#include "bounds.h"

int bounds_read(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		struct bounds *out)
{
	out->min = -INFINITY;
	out->max = INFINITY;
	const struct ynode *min = ymap_get(map, "min"), *max = ymap_get(map, "max");
	if (!min && !max)
		return rules_error_pos(ctx, c->pos, "add min: N, max: N or both",
				       "'%s' needs min or max", c->ops->kind);
	if (min)
		FORWARD_IF_ERROR(param_number(ctx, min, "min", &out->min));
	if (max)
		FORWARD_IF_ERROR(param_number(ctx, max, "max", &out->max));
	if (out->min > out->max)
		return rules_error(ctx, max, NULL, "'max' (%g) is below 'min' (%g)", out->max,
				   out->min);
	return 0;
}

int bounds_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct bounds *b = arena_alloc(&ctx->rules->arena, sizeof *b);
	RETURN_IF_NOMEM(b, ctx->err);
	c->config = b;
	return bounds_read(ctx, c, map, b);
}
