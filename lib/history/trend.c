/* Building trends: runs per dataset, each unit's overall score per run,
 * and its change since the last run and since a week before the latest. */
#include "../util/round.h"
#include "store.h"
#include "trend.h"
#include "unit_names.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int64_t *history_runs(const struct dqa_history *h, const char *dataset, size_t *nruns)
{
	int64_t *runs = malloc((h->n + 1) * sizeof *runs);
	size_t n = 0;
	for (size_t i = 0; runs && i < h->n; i++)
		if (h->entries[i].dataset == dataset && h->entries[i].dataset_scope &&
		    h->entries[i].criterion == HISTORY_CRITERION_OVERALL)
			runs[n++] = h->entries[i].run_at;
	if (!runs)
		return NULL;
	qsort(runs, n, sizeof *runs, by_time);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		if (!distinct || runs[distinct - 1] != runs[i])
			runs[distinct++] = runs[i];
	*nruns = distinct;
	return runs;
}

long history_run_index(const int64_t *runs, size_t nruns, int64_t t)
{
	const int64_t *hit = bsearch(&t, runs, nruns, sizeof *runs, by_time);
	return hit ? (long)(hit - runs) : -1;
}

const char **history_datasets(const struct dqa_history *h, size_t *n)
{
	const char **names = malloc((h->n + 1) * sizeof *names);
	*n = 0;
	for (size_t i = 0; names && i < h->n; i++) {
		const char *d = h->entries[i].dataset;
		if (*n && names[*n - 1] == d)
			continue;   /* the usual case: a run's lines are together */
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = names[k] == d;
		if (!seen)
			names[(*n)++] = d;
	}
	return names;
}

static int by_unit(const void *a, const void *b)
{
	const struct trend_series *x = a, *y = b;
	if (!x->unit || !y->unit)
		return !x->unit ? (y->unit ? -1 : 0) : 1;
	return strcmp(x->unit, y->unit);
}

/* The latest score at or before run index `at`, searching back; NaN if none. */
static double score_at_or_before(const struct trend_series *s, long at, long *where)
{
	for (; at >= 0; at--)
		if (!isnan(s->scores[at])) {
			*where = at;
			return s->scores[at];
		}
	return NAN;
}

static void changes(struct trend_series *s, const struct trend_dataset *d)
{
	long last_at = -1, prev_at = -1, week_at = -1;
	s->last = score_at_or_before(s, (long)d->nruns - 1, &last_at);
	s->since_run = s->since_week = NAN;
	if (isnan(s->last))
		return;
	s->since_run = s->last - score_at_or_before(s, last_at - 1, &prev_at);
	/* A week before the dataset's latest run: the latest run at or before it. */
	int64_t week_ago = d->runs[d->nruns - 1] - WEEK_SECONDS;
	long k = (long)d->nruns - 1;
	while (k >= 0 && d->runs[k] > week_ago)
		k--;
	s->since_week = s->last - score_at_or_before(s, k, &week_at);
}

static double rounded(double v)
{
	return round_to(v, 2);
}

static int worse_first(const void *a, const void *b, void *ctx)
{
	const struct trend_series *series = ctx;
	const struct trend_series *x = &series[*(const size_t *)a], *y = &series[*(const size_t *)b];
	double dx = rounded(x->since_week), dy = rounded(y->since_week);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->unit, y->unit);
}

static bool wanted(const struct hist_entry *e, const struct trend_dataset *d, const char *unit)
{
	return e->dataset == d->name && e->criterion == HISTORY_CRITERION_OVERALL &&
	       (e->dataset_scope ? !unit : !unit || e->unit == unit);
}

/* Units of the dataset as series indices (the dataset's own series is 0). */
static int collect_series(struct trend *t, struct trend_dataset *d, const struct dqa_history *h,
			  const char *unit, struct strset *index)
{
	size_t n = unit ? 0 : 1;
	for (size_t i = 0; i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		uint64_t next = n;
		if (!e->dataset_scope && wanted(e, d, unit) &&
		    history_run_index(d->runs, d->nruns, e->run_at) >= 0) {
			int added = strset_put(index, e->unit, strlen(e->unit), &next);
			if (added < 0)
				return -1;
			n += (size_t)added;
		}
	}
	d->nseries = n;
	d->series = arena_alloc(&t->arena, (n + 1) * sizeof *d->series);
	for (size_t k = 0; d->series && k < n; k++) {
		d->series[k].scores = arena_alloc(&t->arena, d->nruns * sizeof(double));
		if (!d->series[k].scores)
			return -1;
		for (size_t r = 0; r < d->nruns; r++)
			d->series[k].scores[r] = NAN;
	}
	return d->series ? 0 : -1;
}

static void fill_series(struct trend_dataset *d, const struct dqa_history *h, const char *unit,
			const struct strset *index)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		if (!wanted(e, d, unit))
			continue;
		long r = history_run_index(d->runs, d->nruns, e->run_at);
		uint64_t k = 0;
		if (r < 0 || (!e->dataset_scope && !strset_get(index, e->unit, strlen(e->unit), &k)))
			continue;
		d->series[k].scores[r] = e->score;
		d->series[k].unit = e->dataset_scope ? NULL : e->unit;
	}
}

/* Marks the runs whose rules hash differs from the run before (both
 * recorded), looking before `first` so the first run shown is judged too. */
static int mark_rule_changes(struct trend *t, struct trend_dataset *d,
			     const struct dqa_history *h, const int64_t *all, size_t nall,
			     size_t first)
{
	const char **hashes = calloc(nall + 1, sizeof *hashes);
	d->rules_changed = arena_alloc(&t->arena, (d->nruns + 1) * sizeof *d->rules_changed);
	if (!hashes || !d->rules_changed) {
		free(hashes);
		return -1;
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		long r = e->dataset == d->name && e->dataset_scope &&
			 e->criterion == HISTORY_CRITERION_OVERALL
			? history_run_index(all, nall, e->run_at) : -1;
		if (r >= 0)
			hashes[r] = e->rules_hash;
	}
	for (size_t r = 0; r < d->nruns; r++) {
		size_t at = first + r;
		d->rules_changed[r] = at > 0 && hashes[at] && hashes[at - 1] && hashes[at][0] &&
				      hashes[at - 1][0] && hashes[at] != hashes[at - 1];
		d->nrules_changed += d->rules_changed[r];
	}
	free(hashes);
	return 0;
}

static int build_dataset(struct trend *t, struct trend_dataset *d, const struct dqa_history *h,
			 const dqa_trend_options *opts)
{
	size_t nall;
	int64_t *all = history_runs(h, d->name, &nall);
	if (!all)
		return -1;
	size_t first = 0;
	while (first < nall && all[first] < opts->since)
		first++;
	d->nruns = nall - first;
	d->runs = arena_alloc(&t->arena, (d->nruns + 1) * sizeof *d->runs);
	if (d->runs)
		memcpy(d->runs, all + first, d->nruns * sizeof *d->runs);
	int marked = d->runs ? mark_rule_changes(t, d, h, all, nall, first) : -1;
	free(all);
	if (marked < 0)
		return -1;
	const char *unit = NULL;
	if (opts->unit && !(unit = history_lookup(h, opts->unit)))
		return 0;
	struct strset index = STRSET_INIT;
	int rc = collect_series(t, d, h, unit, &index);
	if (rc == 0)
		fill_series(d, h, unit, &index);
	strset_release(&index);
	if (rc < 0 || !d->nruns)
		return rc;
	qsort(d->series, d->nseries, sizeof *d->series, by_unit);
	d->worse = arena_alloc(&t->arena, (d->nseries + 1) * sizeof *d->worse);
	if (!d->worse)
		return -1;
	for (size_t k = 0; k < d->nseries; k++) {
		changes(&d->series[k], d);
		if (d->series[k].unit && rounded(d->series[k].since_week) < 0)
			d->worse[d->nworse++] = k;
	}
	qsort_r(d->worse, d->nworse, sizeof *d->worse, worse_first, d->series);
	return 0;
}

/* 0, or DQA_EARG (t released) when no dataset has a series to show. */
static int matched(struct trend *t, dqa_error *err)
{
	if (t->ndatasets)
		return 0;
	trend_release(t);
	return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
			"check --dataset, --unit and --since against the history",
			"no runs in the history match");
}

int trend_build(struct trend *t, const struct dqa_history *h, const dqa_trend_options *opts,
		dqa_error *err)
{
	*t = (struct trend){ARENA_INIT, NULL, 0};
	size_t n;
	const char **names = history_datasets(h, &n);
	RETURN_IF_NOMEM(names, err);
	t->datasets = arena_alloc(&t->arena, (n + 1) * sizeof *t->datasets);
	int rc = t->datasets ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (opts->dataset && strcmp(opts->dataset, names[i]) != 0)
			continue;
		struct trend_dataset *d = &t->datasets[t->ndatasets];
		*d = (struct trend_dataset){.name = names[i]};
		rc = build_dataset(t, d, h, opts);
		if (rc == 0 && d->nseries && d->nruns)
			t->ndatasets++;
	}
	free(names);
	if (rc < 0) {
		trend_release(t);
		return error_nomem(err);
	}
	return matched(t, err);
}

/* The units of d's series and their recorded names copied into t's arena. */
static int copy_units(struct trend *t, struct trend_dataset *d, struct unit_names *names,
		      dqa_error *err)
{
	for (size_t k = 0; k < d->nseries; k++) {
		struct trend_series *s = &d->series[k];
		if (!s->unit)
			continue;
		RETURN_IF_NOMEM(s->unit = arena_strdup(&t->arena, s->unit), err);
		FORWARD_IF_ERROR(unit_names_get(names, &t->arena, d->name, s->unit, &s->name, err));
	}
	return 0;
}

/* One dataset of the store (names.db) into t: its overall rows loaded,
 * its series built and their units copied into t's arena with their
 * names, the rows freed. */
static int store_dataset(struct trend *t, struct unit_names *names, const char *name,
			 const dqa_trend_options *opts, dqa_error *err)
{
	dqa_history_query q = DQA_HISTORY_QUERY_INIT;
	q.dataset = name;
	q.totals_only = true;
	struct dqa_history *h;
	FORWARD_IF_ERROR(history_load_db(&h, names->db, names->path, &q, err));
	struct trend_dataset *d = &t->datasets[t->ndatasets];
	*d = (struct trend_dataset){.name = history_lookup(h, name)};
	int rc = d->name ? build_dataset(t, d, h, opts) : 0;
	d->name = name;
	rc = rc < 0 ? error_nomem(err) : copy_units(t, d, names, err);
	if (rc == 0 && d->nseries && d->nruns)
		t->ndatasets++;
	dqa_history_free(h);
	return rc;
}

int trend_build_store(struct trend *t, const char *path, const dqa_trend_options *opts,
		      dqa_error *err)
{
	*t = (struct trend){ARENA_INIT, NULL, 0};
	sqlite3 *db;
	FORWARD_IF_ERROR(store_open(&db, path, false, err));
	size_t n = 0;
	err->code = 0;
	const char **names = history_store_datasets(&t->arena, db, path, opts->dataset, &n, err);
	int rc = names || !err->code ? 0 : err->code;
	if (rc == 0 && !(t->datasets = arena_alloc(&t->arena, (n + 1) * sizeof *t->datasets)))
		rc = error_nomem(err);
	struct unit_names unit_names = {0};
	if (rc == 0)
		rc = unit_names_open(&unit_names, db, path, err);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = store_dataset(t, &unit_names, names[i], opts, err);
	unit_names_close(&unit_names);
	sqlite3_close(db);
	if (rc < 0) {
		trend_release(t);
		return rc;
	}
	return matched(t, err);
}

void trend_release(struct trend *t)
{
	arena_release(&t->arena);
	t->datasets = NULL;
	t->ndatasets = 0;
}
