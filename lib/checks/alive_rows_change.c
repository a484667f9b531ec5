/* alive.rows_change: a unit's row count changed by more than max_percent
 * since its most recent earlier run in the history, up or down. A unit
 * with no earlier run (or no history at all) is not judged (n/a). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "past.h"
#include "../util/timeparse.h"

struct rows_change_config {
	double max_percent;
	const char *history;      /* NULL: the audit's --history */
};

static int rows_change_configure(struct check *c, const struct ynode *value,
				 struct rules_ctx *ctx)
{
	struct rows_change_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	const struct ynode *v = value, *h;
	if (value->kind == YNODE_MAP) {
		v = ymap_get(value, "max_percent");
		if (!v)
			return rules_error_pos(ctx, c->pos, "add max_percent: 20",
					       "'rows_change' needs max_percent");
		if ((h = ymap_get(value, "history"))) {
			FORWARD_IF_ERROR(param_string(ctx, h, "history", &cfg->history));
			RETURN_IF_NOMEM(cfg->history = rules_path(ctx, cfg->history), ctx->err);
		}
	}
	FORWARD_IF_ERROR(param_number(ctx, v, "max_percent", &cfg->max_percent));
	if (!(cfg->max_percent >= 0))
		return rules_error(ctx, v, "20 accepts a change of up to 20% either way",
				   "'max_percent' must be a number of at least 0");
	return 0;
}

/* Percent change from before to now; infinite when rows appear from none. */
static double change_percent(uint64_t before, uint64_t now)
{
	if (before == 0)
		return now == 0 ? 0 : INFINITY;
	return 100.0 * ((double)now - (double)before) / (double)before;
}

static int judge(struct plan *plan, size_t check, size_t unit, const struct hist_entry *last,
		 double max_percent, dqa_error *err)
{
	struct tally *t = plan_tally(plan, unit, check);
	uint64_t rows = plan->unit_rows[unit];
	double change = change_percent(last->rows, rows);
	t->evaluated = 1;
	t->failed = fabs(change) > max_percent;
	if (!t->failed)
		return 0;
	char when[21], note[160];
	time_format_iso(last->run_at, when);
	if (isinf(change))
		snprintf(note, sizeof note, "0 -> %llu rows since %s", (unsigned long long)rows, when);
	else
		snprintf(note, sizeof note, "%llu -> %llu rows (%+.1f%%) since %s",
			 (unsigned long long)last->rows, (unsigned long long)rows, change, when);
	RETURN_IF_NOMEM(t->note = arena_strdup(plan->out, note), err);
	return 0;
}

static int rows_change_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct rows_change_config *cfg = b->def->config;
	struct dqa_history *h;
	const char *why = NULL;
	FORWARD_IF_ERROR(past_load(cfg->history, plan, &h, &why, err));
	if (!h) {
		past_not_applicable(plan, b->index, why);
		return 0;
	}
	const struct hist_entry **last = calloc(plan->nunits + 1, sizeof *last);
	size_t *counts = calloc(plan->nunits + 1, sizeof *counts);
	int rc = last && counts ? 0 : error_nomem(err);
	if (rc == 0)
		past_recent(h, plan, 1, last, counts);
	for (size_t u = 0; rc == 0 && u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		if (counts[u])
			rc = judge(plan, b->index, u, last[u], cfg->max_percent, err);
		else
			plan_tally(plan, u, b->index)->note = "no earlier run of this unit";
	}
	free(last);
	free(counts);
	dqa_history_free(h);
	return rc;
}

static const char *const rows_change_params[] = {"max_percent", "history", NULL};

const struct check_ops check_rows_change = {
	.kind = "rows_change", .scope = SCOPE_DATASET, .counts = "units", .shape = SHAPE_NONE,
	.params = rows_change_params, .configure = rows_change_configure,
	.dataset = rows_change_dataset,
};
