/* Recording runs in the history store through prepared statements, inside
 * one IMMEDIATE transaction (the write lock taken at the start, so two
 * writers queue on the busy timeout instead of failing at commit). */
#include "store_write.h"

#include <math.h>
#include <string.h>

#include "history.h"
#include "store_derive.h"

static const char RUN_SQL[] =
	"INSERT INTO runs (run_at, rules, dataset, fingerprint, rules_hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char TOTAL_SQL[] =
	"INSERT INTO totals (run_id, seq, scope, unit, score, status, rows, marker, checks)"
	" VALUES (?1, ?2, ?3, ?4, ?6, ?7, ?8, ?9, ?10)";
static const char CRITERION_SQL[] =
	"INSERT INTO criteria (run_id, seq, scope, unit, criterion, score, status, rows, marker,"
	" checks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
/* A name replaces the one recorded: the latest audit's names stand. */
static const char UNIT_NAME_SQL[] =
	"INSERT INTO units (dataset, unit, name) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (dataset, unit) DO UPDATE SET name = excluded.name";
static const char FILE_SQL[] =
	"INSERT INTO run_files (run_id, seq, path, hash)"
	" VALUES (?1, (SELECT count(*) FROM run_files WHERE run_id = ?1), ?2, ?3)";

static int fail(struct store_writer *w, int rc, dqa_error *err)
{
	return store_error(err, w->db, w->path, rc, "append to");
}

/* The id of the last run recorded (0 in an empty store). */
static int last_run_id(sqlite3 *db, int64_t *id)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM runs", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_writer_begin(struct store_writer *w, const char *path, dqa_error *err)
{
	*w = (struct store_writer){.path = path};
	FORWARD_IF_ERROR(store_open(&w->db, path, true, err));
	int rc = sqlite3_prepare_v2(w->db, RUN_SQL, -1, &w->run, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, TOTAL_SQL, -1, &w->total, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, CRITERION_SQL, -1, &w->criterion, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, FILE_SQL, -1, &w->file, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, UNIT_NAME_SQL, -1, &w->unit_name, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	w->open = rc == SQLITE_OK;
	if (rc == SQLITE_OK)
		rc = last_run_id(w->db, &w->before_id);
	if (rc == SQLITE_OK)
		return 0;
	int code = fail(w, rc, err);
	store_writer_release(w);
	return code;
}

/* Steps a bound INSERT and resets it for the next row. */
static int insert(struct store_writer *w, sqlite3_stmt *st, dqa_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : fail(w, rc, err);
}

int store_writer_run(struct store_writer *w, const struct store_run *run, dqa_error *err)
{
	sqlite3_bind_int64(w->run, 1, run->run_at);
	sqlite3_bind_text(w->run, 2, run->rules, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->run, 3, run->dataset, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->run, 4, run->fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->run, 5, run->rules_hash, -1, SQLITE_STATIC);
	FORWARD_IF_ERROR(insert(w, w->run, err));
	w->run_id = sqlite3_last_insert_rowid(w->db);
	w->seq = 0;
	return 0;
}

int store_writer_row(struct store_writer *w, const struct store_row *row, dqa_error *err)
{
	bool total = strcmp(row->criterion, HISTORY_OVERALL) == 0;
	sqlite3_stmt *st = total ? w->total : w->criterion;
	sqlite3_bind_int64(st, 1, w->run_id);
	sqlite3_bind_int64(st, 2, w->seq++);
	sqlite3_bind_text(st, 3, row->dataset_scope ? "dataset" : "unit", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->unit, -1, SQLITE_STATIC);
	if (!total)
		sqlite3_bind_text(st, 5, row->criterion, -1, SQLITE_STATIC);
	if (!isnan(row->score))
		sqlite3_bind_double(st, 6, row->score);
	sqlite3_bind_text(st, 7, row->status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)row->rows);
	sqlite3_bind_text(st, 9, row->marker, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, row->checks, -1, SQLITE_STATIC);
	return insert(w, st, err);
}

int store_writer_file(struct store_writer *w, const char *path, const char *hash,
		      dqa_error *err)
{
	sqlite3_bind_int64(w->file, 1, w->run_id);
	sqlite3_bind_text(w->file, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->file, 3, hash, -1, SQLITE_STATIC);
	return insert(w, w->file, err);
}

int store_writer_unit_name(struct store_writer *w, const char *dataset, const char *unit,
			   const char *name, dqa_error *err)
{
	if (!name[0])
		return 0;
	sqlite3_bind_text(w->unit_name, 1, dataset, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->unit_name, 2, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->unit_name, 3, name, -1, SQLITE_STATIC);
	return insert(w, w->unit_name, err);
}

int store_writer_commit(struct store_writer *w, dqa_error *err)
{
	FORWARD_IF_ERROR(store_derive_after(w->db, w->path, w->before_id, err));
	int rc = sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail(w, rc, err);
	w->open = false;
	return 0;
}

void store_writer_release(struct store_writer *w)
{
	if (w->open)
		sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_finalize(w->run);
	sqlite3_finalize(w->total);
	sqlite3_finalize(w->criterion);
	sqlite3_finalize(w->file);
	sqlite3_finalize(w->unit_name);
	sqlite3_close(w->db);
	*w = (struct store_writer){0};
}
