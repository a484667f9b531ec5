/* alive.stalled: a unit's data did not change for `runs` runs in a row,
 * this one included. What "changed" compares is the unit's marker, kept in
 * the history: the newest date in `column`, or without a column a
 * fingerprint of the unit's rows (order-independent). A unit with fewer
 * earlier runs than needed is not judged (n/a). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "past.h"
#include "../state/codec.h"
#include "../util/timeparse.h"

struct stalled_config {
	unsigned runs;
	const char *format;       /* dates in column; NULL: ISO 8601 */
	const char *history;      /* NULL: the audit's --history */
};

/* Per unit: the sum of its row hashes, or its newest date. */
struct unit_mark {
	uint64_t content;
	int64_t newest;
	bool dated;
};

struct stalled_state {
	struct unit_mark *units;
	size_t cap;
};

enum { MIN_RUNS = 2, MAX_RUNS = 366 };

static int stalled_configure(struct check *c, const struct ynode *value, struct rules_ctx *ctx)
{
	struct stalled_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->runs = 3;
	const struct ynode *runs = value, *v;
	if (value->kind == YNODE_MAP) {
		runs = ymap_get(value, "runs");
		if ((v = ymap_get(value, "column"))) {
			c->cols = arena_alloc(&ctx->rules->arena, sizeof *c->cols);
			RETURN_IF_NOMEM(c->cols, ctx->err);
			FORWARD_IF_ERROR(param_string(ctx, v, "column", &c->cols[0].name));
			c->cols[0].pos = v->pos;
			c->ncols = 1;
			const struct column_decl *decl = rules_column(ctx->rules, c->cols[0].name);
			if (decl && decl->type == VT_DATE)
				cfg->format = decl->format;
		}
		if ((v = ymap_get(value, "format")))
			FORWARD_IF_ERROR(rules_date_format(ctx, v, &cfg->format));
		if ((v = ymap_get(value, "history"))) {
			FORWARD_IF_ERROR(param_string(ctx, v, "history", &cfg->history));
			RETURN_IF_NOMEM(cfg->history = rules_path(ctx, cfg->history), ctx->err);
		}
	}
	if (!runs)
		return 0;
	double n;
	FORWARD_IF_ERROR(param_number(ctx, runs, "runs", &n));
	if (!(n >= MIN_RUNS && n <= MAX_RUNS) || n != (unsigned)n)
		return rules_error(ctx, runs, "3 means: the same data in three runs in a row",
				   "'runs' must be a whole number from %d to %d", MIN_RUNS, MAX_RUNS);
	cfg->runs = (unsigned)n;
	return 0;
}

static int stalled_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	RETURN_IF_NOMEM(b->state = calloc(1, sizeof(struct stalled_state)), err);
	return 0;
}

/* Room for unit u; grows only when a new unit appears. */
static struct unit_mark *mark_of(struct stalled_state *s, size_t u)
{
	if (u >= s->cap) {
		size_t cap = s->cap ? s->cap : 64;
		while (cap <= u)
			cap *= 2;
		struct unit_mark *units = realloc(s->units, cap * sizeof *units);
		if (!units)
			return NULL;
		memset(units + s->cap, 0, (cap - s->cap) * sizeof *units);
		s->units = units;
		s->cap = cap;
	}
	return &s->units[u];
}

static uint64_t row_hash(const struct plan_row *row, size_t nfields)
{
	uint64_t h = 0;
	for (size_t i = 0; i < nfields; i++)
		h = (h ^ strset_hash(row->fields[i], row->lens[i])) * 0x100000001B3ULL;
	return h;
}

static void stalled_observe(struct bound_check *b, const struct plan_row *row)
{
	const struct stalled_config *cfg = b->def->config;
	struct unit_mark *m = mark_of(b->state, row->unit);
	if (!m)
		return;   /* out of memory: the unit is judged on what was seen */
	if (!b->def->ncols) {
		/* A sum, so row order and worker boundaries do not matter. */
		m->content += row_hash(row, b->plan->nheader);
		return;
	}
	int col = b->cols[0];
	int64_t t;
	bool parsed = cfg->format
		? time_parse_format(cfg->format, row->fields[col], row->lens[col], &t)
		: time_parse_iso(row->fields[col], row->lens[col], &t);
	if (parsed && (!m->dated || t > m->newest)) {
		m->newest = t;
		m->dated = true;
	}
}

static int stalled_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct stalled_state *s = from->state;
	for (size_t u = 0; u < s->cap; u++) {
		const struct unit_mark *src = &s->units[u];
		struct unit_mark *dst = mark_of(into->state, u);
		RETURN_IF_NOMEM(dst, err);
		dst->content += src->content;
		if (src->dated && (!dst->dated || src->newest > dst->newest)) {
			dst->newest = src->newest;
			dst->dated = true;
		}
	}
	return 0;
}

/* The units seen, each with its content sum and newest date. */
static void stalled_save(const struct bound_check *b, struct strbuf *out)
{
	const struct stalled_state *s = b->state;
	size_t seen = 0;
	for (size_t u = 0; u < s->cap; u++)
		seen += s->units[u].content || s->units[u].dated;
	state_put_u64(out, seen);
	for (size_t u = 0; u < s->cap; u++) {
		const struct unit_mark *m = &s->units[u];
		if (!m->content && !m->dated)
			continue;
		state_put_u64(out, u);
		state_put_u64(out, m->content);
		state_put_bool(out, m->dated);
		state_put_i64(out, m->newest);
	}
}

static int stalled_load(struct bound_check *b, struct state_in *in, const size_t *units,
			size_t nunits, dqa_error *err)
{
	size_t seen = state_get_count(in, 4);
	for (size_t i = 0; i < seen && !in->bad; i++) {
		size_t u = state_get_unit(in, units, nunits);
		struct unit_mark m = {.content = state_get_u64(in)};
		m.dated = state_get_bool(in);
		m.newest = state_get_i64(in);
		if (in->bad)
			break;
		struct unit_mark *into = mark_of(b->state, u);
		RETURN_IF_NOMEM(into, err);
		*into = m;
	}
	return 0;
}

/* The unit's marker as the history stores it, or NULL (no date found). */
static const char *marker_text(const struct bound_check *b, size_t u, struct arena *a)
{
	const struct stalled_state *s = b->state;
	struct unit_mark m = u < s->cap ? s->units[u] : (struct unit_mark){0};
	char text[24];
	if (b->def->ncols && !m.dated)
		return NULL;
	if (b->def->ncols)
		time_format_iso(m.newest, text);
	else
		snprintf(text, sizeof text, "rows:%016llx", (unsigned long long)m.content);
	return arena_strdup(a, text);
}

/* Judges one unit against its earlier markers, newest first. */
static int judge(struct plan *plan, const struct bound_check *b, size_t u, unsigned runs,
		 const struct hist_entry *const *past, size_t npast, dqa_error *err)
{
	size_t check = b->index;
	struct tally *t = plan_tally(plan, u, check);
	char note[160];
	if (npast + 1 < runs) {
		snprintf(note, sizeof note, "%zu earlier run%s, %u needed", npast,
			 npast == 1 ? "" : "s", runs - 1);
		RETURN_IF_NOMEM(t->note = arena_strdup(plan->out, note), err);
		return 0;
	}
	size_t same = 0;
	while (same < npast && past_marker_is(past[same], b->def->id, t->marker))
		same++;
	t->evaluated = 1;
	t->failed = same + 1 >= runs;
	if (!t->failed)
		return 0;
	char since[21];
	time_format_iso(past[runs - 2]->run_at, since);
	snprintf(note, sizeof note, "unchanged in the last %u runs, since %s", runs, since);
	RETURN_IF_NOMEM(t->note = arena_strdup(plan->out, note), err);
	return 0;
}

static int judge_all(struct bound_check *b, struct plan *plan, const struct dqa_history *h,
		     dqa_error *err)
{
	const struct stalled_config *cfg = b->def->config;
	size_t k = cfg->runs - 1;
	const struct hist_entry **past = calloc(plan->nunits * k + 1, sizeof *past);
	size_t *counts = calloc(plan->nunits + 1, sizeof *counts);
	int rc = past && counts ? 0 : error_nomem(err);
	if (rc == 0)
		past_recent(h, plan, k, past, counts);
	for (size_t u = 0; rc == 0 && u < plan->nunits; u++)
		if (plan->unit_rows[u] && plan_tally(plan, u, b->index)->marker)
			rc = judge(plan, b, u, cfg->runs, past + u * k, counts[u], err);
	free(past);
	free(counts);
	return rc;
}

static int stalled_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct stalled_config *cfg = b->def->config;
	/* Markers first: even a run without history records them for the next. */
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		struct tally *t = plan_tally(plan, u, b->index);
		t->marker = marker_text(b, u, plan->out);
		t->note = t->marker ? NULL : "no date in the column";
		if (!t->marker && !b->def->ncols)
			return error_nomem(err);
	}
	struct dqa_history *h;
	const char *why = NULL;
	FORWARD_IF_ERROR(past_load(cfg->history, plan, &h, &why, err));
	if (!h) {
		for (size_t u = 0; u < plan->nunits; u++)
			if (plan->unit_rows[u] && plan_tally(plan, u, b->index)->marker)
				plan_tally(plan, u, b->index)->note = why;
		return 0;
	}
	int rc = judge_all(b, plan, h, err);
	dqa_history_free(h);
	return rc;
}

static void stalled_unbind(struct bound_check *b)
{
	struct stalled_state *s = b->state;
	free(s->units);
	free(s);
}

static const char *const stalled_params[] = {"runs", "column", "format", "history", NULL};

const struct check_ops check_stalled = {
	.kind = "stalled", .scope = SCOPE_DATASET, .counts = "units", .shape = SHAPE_NONE,
	.params = stalled_params, .configure = stalled_configure, .bind = stalled_bind,
	.observe = stalled_observe, .merge = stalled_merge, .save = stalled_save,
	.load = stalled_load, .dataset = stalled_dataset,
	.unbind = stalled_unbind,
};
