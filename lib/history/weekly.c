/* The weekly warning list: for each unit known by the end of an ISO week,
 * its last run in that week decides whether it is below target or missing,
 * its last runs whether its data is stalled; the streak counts the weeks in
 * a row the unit was listed. */
#include "../util/round.h"
#include "weekly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store_derive.h"
#include "trend.h"
#include "unit_names.h"

/* One unit's overall rows in one dataset, oldest first. */
struct unit_runs {
	const char *unit;
	const struct hist_entry **entries;
	size_t n;
};

struct verdict {
	bool seen, listed;
	struct weekly_item item;
};

/* By time, then in the order recorded (the entries are loaded in it), as
 * the store's recorded fields are derived. */
static int by_run(const void *a, const void *b)
{
	const struct hist_entry *x = *(const struct hist_entry *const *)a;
	const struct hist_entry *y = *(const struct hist_entry *const *)b;
	if (x->run_at != y->run_at)
		return (x->run_at > y->run_at) - (x->run_at < y->run_at);
	return (x > y) - (x < y);
}

/* Groups the dataset's unit rows by unit, each sorted by time. */
static struct unit_runs *group_units(struct arena *a, const struct dqa_history *h,
				     const char *dataset, size_t *nunits)
{
	struct strset index = STRSET_INIT;
	size_t *counts = calloc(h->n + 1, sizeof *counts);
	struct unit_runs *units = NULL;
	size_t n = 0;
	bool ok = counts != NULL;
	for (size_t i = 0; ok && i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		uint64_t k = n;
		if (e->dataset != dataset || !hist_is_unit_total(e))
			continue;
		int added = strset_put(&index, e->unit, strlen(e->unit), &k);
		ok = added >= 0;
		n += added > 0;
		counts[k] += ok;
	}
	units = ok ? arena_alloc(a, (n + 1) * sizeof *units) : NULL;
	for (size_t k = 0; units && k < n; k++)
		if (!(units[k].entries = arena_alloc(a, counts[k] * sizeof *units[k].entries)))
			units = NULL;
	for (size_t i = 0; units && i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		uint64_t k;
		if (e->dataset == dataset && hist_is_unit_total(e) &&
		    strset_get(&index, e->unit, strlen(e->unit), &k)) {
			units[k].unit = e->unit;
			units[k].entries[units[k].n++] = e;
		}
	}
	for (size_t k = 0; units && k < n; k++)
		qsort(units[k].entries, units[k].n, sizeof *units[k].entries, by_run);
	free(counts);
	strset_release(&index);
	*nunits = n;
	return units;
}

static const char *same_data_key(const struct hist_entry *e)
{
	return e->marker[0] ? e->marker : e->fingerprint;
}

/* Runs in a row, ending at entries[last], with the same data; missing runs
 * are passed over, and an entry without fingerprint ends the count. */
static unsigned unchanged_runs(const struct unit_runs *u, size_t last)
{
	const char *key = same_data_key(u->entries[last]);
	unsigned same = 0;
	for (size_t i = last + 1; key[0] && i-- > 0;) {
		if (u->entries[i]->status == DQA_MISSING)
			continue;
		if (strcmp(same_data_key(u->entries[i]), key) != 0)
			break;
		same++;
	}
	return same;
}

static bool below_target(double score, dqa_status status, double target)
{
	if (target >= 0)
		return !(round_to(score, 2) >= target);
	return status == DQA_WARN || status == DQA_FAIL;
}

static struct verdict judge_week(const struct unit_runs *u, int64_t monday,
				 const dqa_weekly_options *o)
{
	struct verdict v = {.item = {.unit = u->unit, .score = NAN, .status = DQA_MISSING}};
	int64_t end = monday + WEEK_SECONDS;
	size_t last = u->n;
	while (last > 0 && u->entries[last - 1]->run_at >= end)
		last--;
	if (last == 0)
		return v;   /* not known yet */
	v.seen = true;
	const struct hist_entry *e = u->entries[--last];
	if (e->run_at < monday || e->status == DQA_MISSING) {
		v.item.missing = true;
		v.item.no_run = e->run_at < monday;
		v.listed = true;
		return v;
	}
	v.item.score = e->score;
	v.item.status = e->status;
	v.item.below = below_target(e->score, e->status, o->target);
	v.item.stalled_runs = unchanged_runs(u, last);
	v.item.stalled = v.item.stalled_runs >= o->stalled_runs;
	v.listed = v.item.below || v.item.stalled;
	return v;
}

static int worst_first(const void *a, const void *b)
{
	const struct weekly_item *x = a, *y = b;
	double sx = isnan(x->score) ? -1 : round_to(x->score, 2);
	double sy = isnan(y->score) ? -1 : round_to(y->score, 2);
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return strcmp(x->unit, y->unit);
}

static int build_list(struct arena *a, const struct dqa_history *h, const char *dataset,
		      const dqa_weekly_options *o, struct weekly_list *l)
{
	size_t nunits;
	struct unit_runs *units = group_units(a, h, dataset, &nunits);
	if (!units)
		return -1;
	*l = (struct weekly_list){.dataset = dataset, .monday = o->week};
	size_t nruns;
	int64_t *runs = history_runs(h, dataset, &nruns);
	if (!runs)
		return -1;
	for (size_t i = 0; i < nruns; i++)
		l->nruns += runs[i] >= o->week && runs[i] < o->week + WEEK_SECONDS;
	free(runs);
	l->items = arena_alloc(a, (nunits + 1) * sizeof *l->items);
	if (!l->items)
		return -1;
	for (size_t k = 0; k < nunits; k++) {
		struct verdict v = judge_week(&units[k], o->week, o);
		l->nunits += v.seen;
		if (!v.listed)
			continue;
		v.item.streak = 1;
		for (int64_t w = o->week - WEEK_SECONDS; judge_week(&units[k], w, o).listed;
		     w -= WEEK_SECONDS)
			v.item.streak++;
		l->items[l->nitems++] = v.item;
	}
	qsort(l->items, l->nitems, sizeof *l->items, worst_first);
	return 0;
}

/* The Monday of the week of the latest run of the history's datasets. */
static int64_t latest_week(const struct dqa_history *h, const char *const *datasets, size_t n)
{
	int64_t latest = INT64_MIN;
	for (size_t i = 0; i < h->n; i++)
		for (size_t k = 0; k < n; k++)
			if (h->entries[i].dataset == datasets[k] && h->entries[i].run_at > latest)
				latest = h->entries[i].run_at;
	char label[16];
	dqa_iso_week_format(latest, label);
	int64_t monday = 0;
	dqa_iso_week_parse(label, &monday);
	return monday;
}

int weekly_build(struct weekly *w, const dqa_history *h, const dqa_weekly_options *opts,
		 dqa_error *err)
{
	size_t n;
	const char **datasets = history_datasets(h, &n);
	RETURN_IF_NOMEM(datasets, err);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!opts->dataset || strcmp(opts->dataset, datasets[i]) == 0)
			datasets[kept++] = datasets[i];
	if (!kept) {
		free(datasets);
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, "check --dataset against the history",
				"no runs in the history match");
	}
	*w = (struct weekly){.arena = ARENA_INIT, .options = *opts};
	if (w->options.week == INT64_MIN)
		w->options.week = latest_week(h, datasets, kept);
	w->lists = arena_alloc(&w->arena, kept * sizeof *w->lists);
	int rc = w->lists ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < kept; i++)
		rc = build_list(&w->arena, h, datasets[i], &w->options, &w->lists[i]);
	w->nlists = kept;
	free(datasets);
	if (rc < 0) {
		weekly_release(w);
		return error_nomem(err);
	}
	return 0;
}

/* The Monday of the week of the latest run (of one dataset, or of all). */
static int store_latest_week(sqlite3 *db, const char *path, const char *only, int64_t *monday,
			     dqa_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT max(run_at) FROM runs WHERE ?1 IS NULL OR "
					"dataset = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	if (rc == SQLITE_ROW) {
		char label[16];
		dqa_iso_week_format(sqlite3_column_int64(st, 0), label);
		dqa_iso_week_parse(label, monday);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_error(err, db, path, rc, "read");
}

/* The items of l copied into w's arena, each with its unit's recorded name. */
static int copy_items(struct weekly *w, struct weekly_list *l, struct unit_names *names,
		      dqa_error *err)
{
	struct weekly_item *items = arena_alloc(&w->arena, (l->nitems + 1) * sizeof *items);
	RETURN_IF_NOMEM(items, err);
	for (size_t i = 0; i < l->nitems; i++) {
		items[i] = l->items[i];
		RETURN_IF_NOMEM(items[i].unit = arena_strdup(&w->arena, l->items[i].unit), err);
		FORWARD_IF_ERROR(unit_names_get(names, &w->arena, l->dataset, items[i].unit,
						&items[i].name, err));
	}
	l->items = items;
	return 0;
}

/* One dataset's list from its overall rows up to the end of the week,
 * copied into w's arena so the rows can go before the next dataset: for
 * options other than the defaults, whose streaks the store does not
 * record. */
static int store_list(struct weekly *w, struct unit_names *names, const char *dataset,
		      struct weekly_list *l, dqa_error *err)
{
	dqa_history_query q = DQA_HISTORY_QUERY_INIT;
	q.dataset = dataset;
	q.until = w->options.week + WEEK_SECONDS;
	q.totals_only = true;
	struct dqa_history *h;
	FORWARD_IF_ERROR(history_load_db(&h, names->db, names->path, &q, err));
	const char *name = history_lookup(h, dataset);
	struct arena scratch = ARENA_INIT;
	int rc = name ? build_list(&scratch, h, name, &w->options, l)
		      : (*l = (struct weekly_list){.monday = w->options.week}, 0);
	l->dataset = dataset;
	rc = rc < 0 ? error_nomem(err) : copy_items(w, l, names, err);
	arena_release(&scratch);
	dqa_history_free(h);
	return rc;
}

/* The lists one dataset at a time from the rows (store_list). */
static int store_lists(struct weekly *w, sqlite3 *db, const char *path,
		       const char *const *datasets, size_t n, dqa_error *err)
{
	struct unit_names names;
	int rc = unit_names_open(&names, db, path, err);
	for (size_t i = 0; rc == 0 && i < n; i++, w->nlists++)
		rc = store_list(w, &names, datasets[i], &w->lists[i], err);
	unit_names_close(&names);
	return rc;
}

/* The options the recorded fields answer (store_derive.h): the defaults. */
static bool recorded_options(const dqa_weekly_options *o)
{
	return o->target < 0 && o->stalled_runs == DERIVE_STALLED_RUNS;
}

/* judge_week from the unit's last row before the week's end and its
 * recorded fields, the streak included. */
static struct verdict judge_recorded(const char *unit, const struct derived_row *r,
				     const dqa_weekly_options *o)
{
	struct verdict v = {.seen = true,
			    .item = {.unit = unit, .score = NAN, .status = DQA_MISSING}};
	if (r->run_at < o->week) {
		/* this week, and every week since the row's, had no run */
		int64_t weeks = (o->week - history_week_monday(r->run_at)) / WEEK_SECONDS;
		v.item.missing = v.item.no_run = v.listed = true;
		v.item.streak = (unsigned)weeks +
				(derived_listed(r) ? 1 + r->listed_weeks_before : 0);
		return v;
	}
	v.item.streak = 1 + r->listed_weeks_before;
	if (r->status == DQA_MISSING) {
		v.item.missing = v.listed = true;
		return v;
	}
	v.item.score = r->score;
	v.item.status = r->status;
	v.item.below = below_target(r->score, r->status, o->target);
	v.item.stalled_runs = r->same_data_runs;
	v.item.stalled = r->same_data_runs >= o->stalled_runs;
	v.listed = v.item.below || v.item.stalled;
	return v;
}

/* The distinct times of the dataset's runs in the week (its dataset row
 * recorded, as history_runs counts them). */
static const char WEEK_RUNS_SQL[] =
	"SELECT count(DISTINCT r.run_at) FROM runs r CROSS JOIN totals t ON t.run_id = r.id"
	" WHERE r.dataset = ?1 AND r.run_at >= ?2 AND r.run_at < ?3 AND t.scope = 'dataset'";
static const char UNITS_SQL[] = "SELECT unit, name FROM units WHERE dataset = ?1";

struct recorded_ctx {
	struct weekly *w;
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *week_runs, *units;
	struct derive_probe probe;
	dqa_error *err;
};

static int add_item(struct arena *a, struct weekly_list *l, size_t *cap,
		    const struct weekly_item *item)
{
	if (arena_reserve(a, (void **)&l->items, cap, l->nitems, sizeof *l->items) < 0)
		return -1;
	l->items[l->nitems] = *item;
	if (!(l->items[l->nitems].unit = arena_strdup(a, item->unit)) ||
	    !(l->items[l->nitems].name = arena_strdup(a, item->name)))
		return -1;
	l->nitems++;
	return 0;
}

/* One dataset's list from one row a unit: its last before the week's end. */
static int recorded_list(struct recorded_ctx *c, const char *dataset, struct weekly_list *l)
{
	const dqa_weekly_options *o = &c->w->options;
	int64_t end = o->week + WEEK_SECONDS;
	*l = (struct weekly_list){.dataset = dataset, .monday = o->week};
	sqlite3_reset(c->week_runs);
	sqlite3_bind_text(c->week_runs, 1, dataset, -1, SQLITE_STATIC);
	sqlite3_bind_int64(c->week_runs, 2, o->week);
	sqlite3_bind_int64(c->week_runs, 3, end);
	int rc = sqlite3_step(c->week_runs);
	if (rc != SQLITE_ROW)
		return store_error(c->err, c->db, c->path, rc, "read");
	l->nruns = (size_t)sqlite3_column_int64(c->week_runs, 0);
	sqlite3_reset(c->units);
	sqlite3_bind_text(c->units, 1, dataset, -1, SQLITE_STATIC);
	size_t cap = 0;
	while ((rc = sqlite3_step(c->units)) == SQLITE_ROW) {
		const char *unit = store_text(c->units, 0);
		struct derived_row r;
		int found = derive_probe_last(&c->probe, dataset, unit, end, false, &r, c->err);
		FORWARD_IF_ERROR(found);
		if (!found)
			continue;   /* not known yet */
		struct verdict v = judge_recorded(unit, &r, o);
		v.item.name = store_text(c->units, 1);
		l->nunits++;
		if (v.listed && add_item(&c->w->arena, l, &cap, &v.item) < 0)
			return error_nomem(c->err);
	}
	if (rc != SQLITE_DONE)
		return store_error(c->err, c->db, c->path, rc, "read");
	if (l->nitems)   /* items stays NULL while no unit is listed */
		qsort(l->items, l->nitems, sizeof *l->items, worst_first);
	return 0;
}

/* The lists from the recorded fields, in one read transaction. */
static int recorded_lists(struct weekly *w, sqlite3 *db, const char *path,
			  const char *const *datasets, size_t n, dqa_error *err)
{
	struct recorded_ctx c = {.w = w, .db = db, .path = path, .err = err};
	int rc = sqlite3_prepare_v2(db, WEEK_RUNS_SQL, -1, &c.week_runs, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, UNITS_SQL, -1, &c.units, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	int code = rc == SQLITE_OK ? derive_probe_open(&c.probe, db, path, err)
				   : store_error(err, db, path, rc, "read");
	for (size_t i = 0; code == 0 && i < n; i++, w->nlists++)
		code = recorded_list(&c, datasets[i], &w->lists[i]);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	derive_probe_close(&c.probe);
	sqlite3_finalize(c.week_runs);
	sqlite3_finalize(c.units);
	return code;
}

int weekly_build_store(struct weekly *w, const char *path, const dqa_weekly_options *opts,
		       dqa_error *err)
{
	*w = (struct weekly){.arena = ARENA_INIT, .options = *opts};
	sqlite3 *db;
	FORWARD_IF_ERROR(store_open(&db, path, false, err));
	size_t n = 0;
	err->code = 0;
	const char **datasets = history_store_datasets(&w->arena, db, path, opts->dataset, &n,
							 err);
	int rc = datasets ? 0 : err->code ? err->code
			  : error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				     "check --dataset against the history",
				     "no runs in the history match");
	if (rc == 0 && w->options.week == INT64_MIN)
		rc = store_latest_week(db, path, opts->dataset, &w->options.week, err);
	if (rc == 0 && !(w->lists = arena_alloc(&w->arena, n * sizeof *w->lists)))
		rc = error_nomem(err);
	if (rc == 0 && recorded_options(&w->options))
		rc = recorded_lists(w, db, path, datasets, n, err);
	else if (rc == 0)
		rc = store_lists(w, db, path, datasets, n, err);
	sqlite3_close(db);
	if (rc < 0)
		weekly_release(w);
	return rc;
}

void weekly_release(struct weekly *w)
{
	arena_release(&w->arena);
	w->lists = NULL;
	w->nlists = 0;
}
