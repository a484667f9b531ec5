/* sufficient.rows: the row count lies within [min, max], for the whole
 * dataset (a dataset-level check) or per unit (unit-level). */
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
	if (v)
		FORWARD_IF_ERROR(param_bool(ctx, v, "per_unit", &cfg->per_unit));
	if (cfg->per_unit) {
		c->dataset_level = false;
		c->counts = "units";
	}
	return 0;
}

static int rows_note(struct plan *plan, struct tally *t, uint64_t rows, const char *where,
		     dqa_error *err)
{
	char note[96];
	snprintf(note, sizeof note, "%llu row%s in %s", (unsigned long long)rows,
		 rows == 1 ? "" : "s", where);
	t->note = arena_strdup(plan->out, note);
	RETURN_IF_NOMEM(t->note, err);
	return 0;
}

static int rows_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct rows_config *cfg = b->def->config;
	if (!cfg->per_unit) {
		struct tally *t = plan_dataset_tally(plan, b->index);
		t->evaluated = 1;
		t->failed = !bounds_hold(&cfg->bounds, (double)plan->rows);
		return t->failed ? rows_note(plan, t, plan->rows, "the dataset", err) : 0;
	}
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		struct tally *t = plan_tally(plan, u, b->index);
		t->evaluated = 1;
		t->failed = !bounds_hold(&cfg->bounds, (double)plan->unit_rows[u]);
		if (t->failed)
			FORWARD_IF_ERROR(rows_note(plan, t, plan->unit_rows[u], "this unit", err));
	}
	return 0;
}

static const char *const rows_params[] = {"min", "max", "per_unit", NULL};

const struct check_ops check_rows = {
	.kind = "rows", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "datasets", .shape = SHAPE_NONE, .params = rows_params,
	.configure = rows_configure, .dataset = rows_dataset,
};
