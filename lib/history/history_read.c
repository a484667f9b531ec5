/* Loading runs from the history store into memory: the runs a query asks
 * for, in the order they were recorded, each with its rows in their order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "store.h"

struct load_ctx {
	struct dqa_history *h;
	sqlite3 *db;
	sqlite3_stmt *runs, *rows;
	const char *path;
	dqa_error *err;
};

/* The run's rows; ?1 the run. Criterion rows and check scores only when
 * asked for. */
#define ROWS_SQL(checks, criteria) \
	"SELECT seq, scope, unit, 'overall', score, status, rows, marker, " checks \
	" FROM totals WHERE run_id = ?1" \
	criteria " ORDER BY 1"
#define CRITERIA_SQL \
	" UNION ALL SELECT seq, scope, unit, criterion, score, status, rows, marker, checks" \
	" FROM criteria WHERE run_id = ?1"

static const char RUNS_SQL[] =
	"SELECT id, run_at, rules, dataset, fingerprint, rules_hash FROM runs"
	" WHERE (?1 IS NULL OR dataset = ?1) AND run_at >= ?2 AND run_at < ?3 ORDER BY id";

const char *history_lookup(const struct dqa_history *h, const char *s)
{
	uint64_t value;
	return strset_get(&h->strings, s, strlen(s), &value) ? (const char *)(uintptr_t)value
							      : NULL;
}

static const char *intern(struct dqa_history *h, const char *s)
{
	uint64_t value;
	size_t len = strlen(s);
	if (strset_get(&h->strings, s, len, &value))
		return (const char *)(uintptr_t)value;
	char *copy = arena_strndup(&h->arena, s, len);
	if (!copy)
		return NULL;
	value = (uintptr_t)copy;
	return strset_put(&h->strings, s, len, &value) < 0 ? NULL : copy;
}

bool history_criterion_parse(const char *s, unsigned *out)
{
	if (strcmp(s, HISTORY_OVERALL) == 0) {
		*out = HISTORY_CRITERION_OVERALL;
		return true;
	}
	for (unsigned k = 0; k < DQA_CRITERIA; k++)
		if (strcmp(s, dqa_criterion_name(k)) == 0) {
			*out = k;
			return true;
		}
	return false;
}

/* realloc, not the arena: a year of nightly runs is some 30 MB of entries,
 * which arena doubling would zero and copy, and keep twice. */
static int grow_entries(struct dqa_history *h)
{
	if (h->n < h->cap)
		return 0;
	size_t cap = h->cap ? 2 * h->cap : 1024;
	struct hist_entry *entries = realloc(h->entries, cap * sizeof *entries);
	if (!entries)
		return -1;
	h->entries = entries;
	h->cap = cap;
	return 0;
}

/* One row of the current run into h; 0 or -1 (out of memory). */
static int add_row(struct dqa_history *h, const struct hist_entry *run, sqlite3_stmt *st)
{
	if (grow_entries(h) < 0)
		return -1;
	struct hist_entry *e = &h->entries[h->n];
	*e = *run;
	e->dataset_scope = strcmp(store_text(st, 1), "dataset") == 0;
	e->unit = intern(h, store_text(st, 2));
	history_criterion_parse(store_text(st, 3), &e->criterion);
	e->score = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4);
	history_status_parse(store_text(st, 5), &e->status);
	e->rows = (uint64_t)sqlite3_column_int64(st, 6);
	e->marker = intern(h, store_text(st, 7));
	e->checks = intern(h, store_text(st, 8));
	if (!e->unit || !e->marker || !e->checks)
		return -1;
	h->n++;
	return 0;
}

static int load_run(struct load_ctx *c)
{
	struct dqa_history *h = c->h;
	sqlite3_stmt *st = c->runs;
	struct hist_entry run = {
		.run_at = sqlite3_column_int64(st, 1),
		.rules = intern(h, store_text(st, 2)),
		.dataset = intern(h, store_text(st, 3)),
		.fingerprint = intern(h, store_text(st, 4)),
		.rules_hash = intern(h, store_text(st, 5)),
	};
	RETURN_NOMEM_UNLESS(run.rules && run.dataset && run.fingerprint && run.rules_hash, c->err);
	sqlite3_reset(c->rows);
	sqlite3_bind_int64(c->rows, 1, sqlite3_column_int64(st, 0));
	int rc;
	while ((rc = sqlite3_step(c->rows)) == SQLITE_ROW)
		RETURN_NOMEM_UNLESS(add_row(h, &run, c->rows) == 0, c->err);
	return rc == SQLITE_DONE ? 0 : store_error(c->err, c->db, c->path, rc, "read");
}

static int bind_query(struct load_ctx *c, const dqa_history_query *q)
{
	int rc = q->dataset ? sqlite3_bind_text(c->runs, 1, q->dataset, -1, SQLITE_STATIC)
			    : sqlite3_bind_null(c->runs, 1);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(c->runs, 2, q->since);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(c->runs, 3, q->until);
	return rc;
}

static int load_runs(struct load_ctx *c, const dqa_history_query *q)
{
	const char *rows_sql = q->totals_only ? ROWS_SQL("''", "") : ROWS_SQL("checks", CRITERIA_SQL);
	int rc = sqlite3_prepare_v2(c->db, RUNS_SQL, -1, &c->runs, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db, rows_sql, -1, &c->rows, NULL);
	if (rc == SQLITE_OK)
		rc = bind_query(c, q);
	/* One read transaction: a run appended meanwhile is seen whole or not. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_error(c->err, c->db, c->path, rc, "read");
	int code = 0;
	while (code == 0 && (rc = sqlite3_step(c->runs)) == SQLITE_ROW)
		code = load_run(c);
	if (code == 0 && rc != SQLITE_DONE)
		code = store_error(c->err, c->db, c->path, rc, "read");
	sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
	return code;
}

int history_load_db(struct dqa_history **out, sqlite3 *db, const char *path,
		    const dqa_history_query *q, dqa_error *err)
{
	*out = NULL;
	struct dqa_history *h = calloc(1, sizeof *h);
	RETURN_IF_NOMEM(h, err);
	struct load_ctx c = {.h = h, .db = db, .path = path, .err = err};
	int rc = load_runs(&c, q);
	sqlite3_finalize(c.runs);
	sqlite3_finalize(c.rows);
	if (rc < 0) {
		dqa_history_free(h);
		return rc;
	}
	*out = h;
	return 0;
}

const char **history_store_datasets(struct arena *a, sqlite3 *db, const char *path,
				    const char *only, size_t *n, dqa_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT dataset FROM runs WHERE ?1 IS NULL OR dataset = ?1"
					" GROUP BY dataset ORDER BY min(id)", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_error(err, db, path, rc, "read");
		return NULL;
	}
	sqlite3_bind_text(st, 1, only, -1, SQLITE_STATIC);
	const char **names = NULL;
	size_t cap = 0;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			const char **grown = arena_alloc(a, (cap = 2 * cap + 16) * sizeof *grown);
			if (!grown)
				break;
			if (names)
				memcpy(grown, names, *n * sizeof *names);
			names = grown;
		}
		if (!(names[(*n)++] = arena_strdup(a, store_text(st, 0))))
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		error_nomem(err);
	else if (rc != SQLITE_DONE)
		store_error(err, db, path, rc, "read");
	return rc == SQLITE_DONE && *n ? names : NULL;
}

int dqa_history_load_query(dqa_history **out, const char *path, const dqa_history_query *q,
			   dqa_error *err)
{
	*out = NULL;
	sqlite3 *db;
	FORWARD_IF_ERROR(store_open(&db, path, false, err));
	int rc = history_load_db(out, db, path, q, err);
	sqlite3_close(db);
	return rc;
}

int dqa_history_load(dqa_history **out, const char *path, dqa_error *err)
{
	const dqa_history_query all = DQA_HISTORY_QUERY_INIT;
	return dqa_history_load_query(out, path, &all, err);
}

void dqa_history_free(dqa_history *h)
{
	if (!h)
		return;
	strset_release(&h->strings);
	arena_release(&h->arena);
	free(h->entries);
	free(h);
}
