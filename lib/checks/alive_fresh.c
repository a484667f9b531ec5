/* alive.fresh: the date in a column is at most max_age before --now (future
 * values pass); values that are not dates fail. */
#include "check.h"
#include "../timeparse.h"

struct fresh_config {
	int64_t max_age_s;
	const char *format;       /* NULL: ISO 8601 */
};

static int fresh_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct fresh_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	const struct ynode *v = ymap_get(map, "max_age");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add max_age: 7d (s, m, h, d or w)",
				       "'fresh' needs max_age");
	if (v->kind != YNODE_SCALAR || !duration_parse(v->text, v->len, &cfg->max_age_s))
		return rules_error(ctx, v, "write a number and a unit: 45s, 90m, 36h, 7d, 2w",
				   "'max_age' must be a duration");
	return rules_check_date_format(ctx, c->cols[0].name, map, &cfg->format);
}

static bool fresh_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	const struct fresh_config *cfg = b->def->config;
	int col = b->cols[0];
	int64_t t;
	return time_parse_as(cfg->format, row->fields[col], row->lens[col], &t) &&
	       b->plan->opts.now - t <= cfg->max_age_s;
}

static const char *const fresh_params[] = {"max_age", "format", NULL};

const struct check_ops check_fresh = {
	.kind = "fresh", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = fresh_params, .configure = fresh_configure, .row = fresh_row,
};
