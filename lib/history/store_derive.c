/* Recording what the weekly list needs of each unit's overall row: how
 * many runs in a row ending there had the same data (the stalled count),
 * and how many weeks in a row before its week the unit was on the list
 * with the default options (the streak). Each row's fields follow from the
 * unit's row before it, so an append in time order computes its own rows
 * only; a run recorded before later ones (an import of older nights) or a
 * prune recomputes the rows after it. */
#include "store_derive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "../util/strbuf.h"

enum { DAY = 86400, WEEK = 7 * DAY };

/* ?1 dataset, ?2 unit, ?3 the time the row is before, ?4 1 to pass over
 * rows of status missing. The dataset's runs are walked back
 * from that point (runs_by_dataset), each probed for the unit
 * (totals_by_unit). */
static const char LAST_SQL[] =
	"SELECT r.run_at, t.score, t.status, t.same_data_runs, t.listed_weeks_before,"
	" CASE WHEN t.marker <> '' THEN t.marker ELSE r.fingerprint END"
	" FROM runs r CROSS JOIN totals t INDEXED BY totals_by_unit"
	" ON t.unit = ?2 AND t.run_id = r.id"
	" WHERE r.dataset = ?1 AND r.run_at < ?3"
	" AND t.scope = 'unit' AND (?4 = 0 OR t.status <> 'missing')"
	" ORDER BY r.run_at DESC, r.id DESC, t.seq DESC LIMIT 1";

/* The dataset's unit rows from ?2 on, each unit's in time order. */
static const char WALK_SQL[] =
	"SELECT t.unit, t.run_id, t.seq, r.run_at, t.status,"
	" CASE WHEN t.marker <> '' THEN t.marker ELSE r.fingerprint END,"
	" t.same_data_runs, t.listed_weeks_before"
	" FROM runs r CROSS JOIN totals t ON t.run_id = r.id"
	" WHERE r.dataset = ?1 AND r.run_at >= ?2"
	" AND t.scope = 'unit' ORDER BY t.unit, r.run_at, r.id, t.seq";

static const char UPDATE_SQL[] =
	"UPDATE totals SET same_data_runs = ?3, listed_weeks_before = ?4"
	" WHERE run_id = ?1 AND seq = ?2";
static const char CATALOG_SQL[] = "INSERT OR IGNORE INTO units (dataset, unit) VALUES (?1, ?2)";

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t history_week_monday(int64_t t)
{
	int64_t days = floor_div(t, DAY);
	/* Day 0 was a Thursday: with Monday as 0, a day's weekday is (d + 3) mod 7. */
	return (days - ((days + 3) % 7 + 7) % 7) * DAY;
}

bool derived_listed(const struct derived_row *r)
{
	return r->status == DQA_MISSING || r->status == DQA_WARN || r->status == DQA_FAIL ||
	       r->same_data_runs >= DERIVE_STALLED_RUNS;
}

/* Here rather than in history_read.c, which opens the store: the store's
 * migration derives the recorded fields, which needs it. */
bool history_status_parse(const char *s, dqa_status *out)
{
	*out = DQA_NO_SCORE;
	if (!*s)
		return true;
	for (int st = DQA_PASS; st <= DQA_NO_SCORE; st++)
		if (strcmp(s, dqa_status_name(st)) == 0) {
			*out = st;
			return true;
		}
	return false;
}

static dqa_status status_at(sqlite3_stmt *st, int col)
{
	dqa_status status;
	history_status_parse(store_text(st, col), &status);
	return status;
}

int derive_probe_open(struct derive_probe *p, sqlite3 *db, const char *path, dqa_error *err)
{
	*p = (struct derive_probe){.db = db, .path = path};
	int rc = sqlite3_prepare_v2(db, LAST_SQL, -1, &p->last, NULL);
	return rc == SQLITE_OK ? 0 : store_error(err, db, path, rc, "read");
}

int derive_probe_last(struct derive_probe *p, const char *dataset, const char *unit,
		      int64_t before, bool kept_only, struct derived_row *out, dqa_error *err)
{
	sqlite3_stmt *st = p->last;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, dataset, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, before);
	sqlite3_bind_int(st, 4, kept_only);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_error(err, p->db, p->path, rc, "read");
	*out = (struct derived_row){
		.run_at = sqlite3_column_int64(st, 0),
		.score = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN
								  : sqlite3_column_double(st, 1),
		.status = status_at(st, 2),
		.same_data_runs = (unsigned)sqlite3_column_int64(st, 3),
		.listed_weeks_before = (unsigned)sqlite3_column_int64(st, 4),
		.key = store_text(st, 5),
	};
	return 1;
}

void derive_probe_close(struct derive_probe *p)
{
	sqlite3_finalize(p->last);
	p->last = NULL;
}

/* One unit's walk: the row before and the last row not missing. */
struct unit_state {
	struct strbuf unit;
	bool entered, have_prev, have_kept;
	struct derived_row prev;
	struct strbuf kept_key;      /* the last row not missing: its key and count */
	unsigned kept_same;
};

struct update {
	int64_t run_id, seq;
	unsigned same, weeks;
};

struct walk {
	sqlite3 *db;
	const char *path, *dataset;
	int64_t since;               /* where the walk starts */
	struct derive_probe probe;
	sqlite3_stmt *rows, *catalog;
	struct unit_state u;
	struct update *updates;
	size_t nupdates, cap;
	dqa_error *err;
};

static const char *text_of(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

static void keep(struct unit_state *u, const char *key, unsigned same)
{
	strbuf_reset(&u->kept_key);
	strbuf_puts(&u->kept_key, key);
	u->kept_same = same;
	u->have_kept = true;
}

/* A new unit: its state from the rows before the walk, and its catalog entry. */
static int enter_unit(struct walk *w, const char *unit)
{
	struct unit_state *u = &w->u;
	strbuf_reset(&u->unit);
	strbuf_puts(&u->unit, unit);
	u->entered = true;
	u->have_prev = u->have_kept = false;
	RETURN_NOMEM_UNLESS(!u->unit.failed, w->err);
	const char *name = text_of(&u->unit);
	sqlite3_reset(w->catalog);
	sqlite3_bind_text(w->catalog, 1, w->dataset, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->catalog, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(w->catalog);
	if (rc != SQLITE_DONE)
		return store_error(w->err, w->db, w->path, rc, "update");
	struct derived_row row;
	int found = derive_probe_last(&w->probe, w->dataset, name, w->since, false,
				      &row, w->err);
	FORWARD_IF_ERROR(found);
	u->have_prev = found;
	if (found) {
		u->prev = row;
		u->prev.key = NULL;
	}
	/* the stalled count goes on from the last row that was not missing */
	if (found && row.status == DQA_MISSING)
		found = derive_probe_last(&w->probe, w->dataset, name, w->since, true,
					  &row, w->err);
	FORWARD_IF_ERROR(found);
	if (found)
		keep(u, row.key, row.same_data_runs);
	RETURN_NOMEM_UNLESS(!u->kept_key.failed, w->err);
	return 0;
}

/* The fields of the row r (its key and status filled) after the unit's
 * rows before it. */
static void derive_row(struct unit_state *u, struct derived_row *r)
{
	r->same_data_runs = 0;
	if (r->status != DQA_MISSING && r->key[0])
		r->same_data_runs = u->have_kept && strcmp(text_of(&u->kept_key), r->key) == 0
					    ? u->kept_same + 1 : 1;
	r->listed_weeks_before = 0;
	if (u->have_prev) {
		int64_t weeks = (history_week_monday(r->run_at) -
				 history_week_monday(u->prev.run_at)) / WEEK;
		/* weeks with no run in between are listed (no run this week) */
		r->listed_weeks_before = weeks == 0 ? u->prev.listed_weeks_before
				       : (unsigned)(weeks - 1) +
						 (derived_listed(&u->prev)
							  ? 1 + u->prev.listed_weeks_before : 0);
	}
}

static int add_update(struct walk *w, int64_t run_id, int64_t seq, const struct derived_row *r)
{
	if (w->nupdates == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 256;
		struct update *grown = realloc(w->updates, cap * sizeof *grown);
		RETURN_IF_NOMEM(grown, w->err);
		w->updates = grown;
		w->cap = cap;
	}
	w->updates[w->nupdates++] = (struct update){run_id, seq, r->same_data_runs,
						    r->listed_weeks_before};
	return 0;
}

static int walk_row(struct walk *w)
{
	sqlite3_stmt *st = w->rows;
	const char *unit = store_text(st, 0);
	if (!w->u.entered || strcmp(text_of(&w->u.unit), unit) != 0)
		FORWARD_IF_ERROR(enter_unit(w, unit));
	struct derived_row r = {.run_at = sqlite3_column_int64(st, 3), .status = status_at(st, 4),
				.key = store_text(st, 5)};
	derive_row(&w->u, &r);
	if (r.same_data_runs != (unsigned)sqlite3_column_int64(st, 6) ||
	    r.listed_weeks_before != (unsigned)sqlite3_column_int64(st, 7))
		FORWARD_IF_ERROR(add_update(w, sqlite3_column_int64(st, 1),
					    sqlite3_column_int64(st, 2), &r));
	if (r.status != DQA_MISSING)
		keep(&w->u, r.key, r.same_data_runs);
	RETURN_NOMEM_UNLESS(!w->u.kept_key.failed, w->err);
	w->u.prev = r;
	w->u.prev.key = NULL;
	w->u.have_prev = true;
	return 0;
}

/* The updates are applied once the walk's statement is done with the rows. */
static int apply_updates(struct walk *w)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(w->db, UPDATE_SQL, -1, &st, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < w->nupdates; i++) {
		const struct update *up = &w->updates[i];
		sqlite3_bind_int64(st, 1, up->run_id);
		sqlite3_bind_int64(st, 2, up->seq);
		sqlite3_bind_int64(st, 3, up->same);
		sqlite3_bind_int64(st, 4, up->weeks);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : store_error(w->err, w->db, w->path, rc, "update");
}

/* The fields of dataset's unit rows from since on. */
static int derive_dataset(sqlite3 *db, const char *path, const char *dataset, int64_t since,
			  dqa_error *err)
{
	struct walk w = {.db = db, .path = path, .dataset = dataset, .since = since,
			 .u = {STRBUF_INIT, .kept_key = STRBUF_INIT}, .err = err};
	int code = derive_probe_open(&w.probe, db, path, err);
	int rc = code ? SQLITE_OK : sqlite3_prepare_v2(db, WALK_SQL, -1, &w.rows, NULL);
	if (rc == SQLITE_OK && code == 0)
		rc = sqlite3_prepare_v2(db, CATALOG_SQL, -1, &w.catalog, NULL);
	if (rc == SQLITE_OK && code == 0) {
		sqlite3_bind_text(w.rows, 1, dataset, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w.rows, 2, since);
		while (code == 0 && (rc = sqlite3_step(w.rows)) == SQLITE_ROW)
			code = walk_row(&w);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (code == 0 && rc != SQLITE_OK)
		code = store_error(err, db, path, rc, "read");
	sqlite3_finalize(w.rows);
	sqlite3_finalize(w.catalog);
	derive_probe_close(&w.probe);
	if (code == 0)
		code = apply_updates(&w);
	free(w.updates);
	strbuf_release(&w.u.unit);
	strbuf_release(&w.u.kept_key);
	return code;
}

int store_derive_after(sqlite3 *db, const char *path, int64_t after_id, dqa_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT dataset, min(run_at) FROM runs WHERE id > ?1"
					" GROUP BY dataset", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_error(err, db, path, rc, "read");
	sqlite3_bind_int64(st, 1, after_id);
	struct arena names = ARENA_INIT;
	struct { const char *dataset; int64_t since; } *from = NULL;
	size_t n = 0, cap = 0;
	int code = 0;
	while (code == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arena_reserve(&names, (void **)&from, &cap, n, sizeof *from) < 0 ||
		    !(from[n].dataset = arena_strdup(&names, store_text(st, 0))))
			code = error_nomem(err);
		else
			from[n++].since = sqlite3_column_int64(st, 1);
	}
	if (code == 0 && rc != SQLITE_DONE)
		code = store_error(err, db, path, rc, "read");
	sqlite3_finalize(st);
	/* the walks update the rows: only once the runs were read */
	for (size_t i = 0; code == 0 && i < n; i++)
		code = derive_dataset(db, path, from[i].dataset, from[i].since, err);
	arena_release(&names);
	return code;
}

int store_derive_all(sqlite3 *db, const char *path, dqa_error *err)
{
	/* units without rows leave the catalog; the others keep their names */
	FORWARD_IF_ERROR(store_exec(db, path, "DELETE FROM units WHERE NOT EXISTS (SELECT 1"
				    " FROM runs r CROSS JOIN totals t INDEXED BY totals_by_unit"
				    " ON t.unit = units.unit AND t.run_id = r.id"
				    " WHERE r.dataset = units.dataset AND t.scope = 'unit')", err));
	return store_derive_after(db, path, INT64_MIN, err);
}
