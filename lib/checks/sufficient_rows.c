/* sufficient.rows: the row count lies within [min, max], for the whole
 * dataset (the same verdict for every unit) or per unit. */
#include <stdio.h>

#include "bounds.h"

struct rows_config {
	struct bounds bounds;
	bool per_unit;
};

static int rows_configure(struct check *c, const struct ynode *value, struct rules_ctx *ctx)
{
	struct rows_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	if (value->kind != YNODE_MAP) {
		FORWARD_IF_ERROR(param_number(ctx, value, "rows", &cfg->bounds.min));
		cfg->bounds.max = 1.0 / 0.0;
		return 0;
	}
	FORWARD_IF_ERROR(bounds_read(ctx, c, value, &cfg->bounds));
	const struct ynode *v = ymap_get(value, "per_unit");
	return v ? param_bool(ctx, v, "per_unit", &cfg->per_unit) : 0;
}

static int rows_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct rows_config *cfg = b->def->config;
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		uint64_t rows = cfg->per_unit ? plan->unit_rows[u] : plan->rows;
		struct tally *t = plan_tally(plan, u, b->index);
		t->evaluated = 1;
		t->failed = !bounds_hold(&cfg->bounds, (double)rows);
		if (t->failed) {
			char note[96];
			snprintf(note, sizeof note, "%llu row%s in %s", (unsigned long long)rows,
				 rows == 1 ? "" : "s", cfg->per_unit ? "this unit" : "the dataset");
			t->note = arena_strdup(plan->out, note);
			RETURN_IF_NOMEM(t->note, err);
		}
	}
	return 0;
}

static const char *const rows_params[] = {"min", "max", "per_unit", NULL};

const struct check_ops check_rows = {
	.kind = "rows", .scope = SCOPE_DATASET, .shape = SHAPE_NONE, .params = rows_params,
	.configure = rows_configure, .dataset = rows_dataset,
};
