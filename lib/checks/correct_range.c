/* correct.range: the value is a number within [min, max], written as the
 * column's declaration says (decimal, thousands); a value that is not a
 * number fails. */
#include "bounds.h"
#include "../util/values.h"

struct range_config {
	struct bounds bounds;
	struct number_style number;
};

static int range_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct range_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	const struct column_decl *decl = rules_column(ctx->rules, c->cols[0].name);
	cfg->number = decl ? decl->number : NUMBER_STYLE_PLAIN;
	c->config = cfg;
	return bounds_read(ctx, c, map, &cfg->bounds);
}

static bool range_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	const struct range_config *cfg = b->def->config;
	int col = b->cols[0];
	double v;
	return value_number_in(cfg->number, row->fields[col], row->lens[col], &v) &&
	       bounds_hold(&cfg->bounds, v);
}

static const char *const range_params[] = {"min", "max", NULL};

const struct check_ops check_range = {
	.kind = "range", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = range_params, .configure = range_configure, .row = range_row,
};
