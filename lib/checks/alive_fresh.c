/* alive.fresh: the dates in a column are recent. By default (measure: rows)
 * each row is judged: its date is at most max_age before --now (future
 * values pass; values that are not dates fail). With measure: newest, each
 * unit is judged once on its newest date, so a unit that stopped updating
 * fails however many old rows it has. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "per_unit.h"
#include "when.h"
#include "../state/codec.h"
#include "../util/timeparse.h"

struct fresh_config {
	int64_t max_age_s;
	const char *format;       /* NULL: ISO 8601 */
};

extern const struct check_ops check_fresh_newest;

static int fresh_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct fresh_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	FORWARD_IF_ERROR(when_duration(ctx, c, map, "max_age", true, &cfg->max_age_s));
	FORWARD_IF_ERROR(rules_check_date_format(ctx, c->cols[0].name, map, &cfg->format));
	const struct ynode *v = ymap_get(map, "measure");
	if (!v || yscalar_eq(v, "rows"))
		return 0;
	if (!yscalar_eq(v, "newest"))
		return rules_error(ctx, v, "rows judges every row, newest each unit's newest date",
				   "'measure' must be rows or newest");
	/* The parameter picks the scope, so the check takes the sibling ops. */
	c->ops = &check_fresh_newest;
	return 0;
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

/* measure: newest. State: per unit, the newest date seen. */
struct newest {
	int64_t t;
	bool seen;
};

static int newest_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	struct per_unit *pu = calloc(1, sizeof *pu);
	RETURN_IF_NOMEM(pu, err);
	*pu = (struct per_unit)PER_UNIT_INIT(struct newest);
	b->state = pu;
	return 0;
}

static void newest_keep(struct per_unit *pu, size_t unit, int64_t t)
{
	struct newest *n = per_unit_at(pu, unit);
	if (n && (!n->seen || t > n->t))
		*n = (struct newest){t, true};
}

static void newest_observe(struct bound_check *b, const struct plan_row *row)
{
	const struct fresh_config *cfg = b->def->config;
	int col = b->cols[0];
	int64_t t;
	if (time_parse_as(cfg->format, row->fields[col], row->lens[col], &t))
		newest_keep(b->state, row->unit, t);
}

static int newest_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	(void)err;
	const struct per_unit *more = from->state;
	for (size_t u = 0; u < more->n; u++) {
		const struct newest *n = per_unit_get(more, u);
		if (n->seen)
			newest_keep(into->state, u, n->t);
	}
	return 0;
}

/* The units with a date, each with its newest. */
static void newest_save(const struct bound_check *b, struct strbuf *out)
{
	const struct per_unit *pu = b->state;
	size_t dated = 0;
	for (size_t u = 0; u < pu->n; u++)
		dated += ((const struct newest *)per_unit_get(pu, u))->seen;
	state_put_u64(out, dated);
	for (size_t u = 0; u < pu->n; u++) {
		const struct newest *n = per_unit_get(pu, u);
		if (!n->seen)
			continue;
		state_put_u64(out, u);
		state_put_i64(out, n->t);
	}
}

static int newest_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	size_t dated = state_get_count(in, 2);
	for (size_t i = 0; i < dated && !in->bad; i++) {
		size_t u = state_get_unit(in, units, nunits);
		int64_t t = state_get_i64(in);
		if (!in->bad)
			newest_keep(b->state, u, t);
	}
	RETURN_NOMEM_UNLESS(!((struct per_unit *)b->state)->failed, err);
	return 0;
}

static int newest_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct fresh_config *cfg = b->def->config;
	const struct per_unit *pu = b->state;
	if (pu->failed)
		return error_nomem(err);
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		const struct newest *n = per_unit_get(pu, u);
		struct tally *t = plan_tally(plan, u, b->index);
		t->evaluated = 1;
		char note[128], when[21], age[32];
		if (!n || !n->seen) {
			snprintf(note, sizeof note, "no date in the column");
		} else if (plan->opts.now - n->t > cfg->max_age_s) {
			time_format_iso(n->t, when);
			when_span(plan->opts.now - n->t, age, sizeof age);
			snprintf(note, sizeof note, "newest %s is %s old", when, age);
		} else {
			continue;
		}
		t->failed = 1;
		RETURN_IF_NOMEM(t->note = arena_strdup(plan->out, note), err);
	}
	return 0;
}

static void newest_unbind(struct bound_check *b)
{
	per_unit_release(b->state);
	free(b->state);
}

static const char *const fresh_params[] = {"max_age", "format", "measure", NULL};

const struct check_ops check_fresh = {
	.kind = "fresh", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = fresh_params, .configure = fresh_configure, .row = fresh_row,
};

const struct check_ops check_fresh_newest = {
	.kind = "fresh", .scope = SCOPE_DATASET, .counts = "units",
	.shape = SHAPE_COLUMN, .mapping_only = true,
	.params = fresh_params, .configure = fresh_configure, .bind = newest_bind,
	.observe = newest_observe, .merge = newest_merge, .save = newest_save,
	.load = newest_load, .dataset = newest_dataset,
	.unbind = newest_unbind,
};
