/* The history store: one SQLite file (schema in docs/internals/history.md),
 * opened the one way every reader and writer of the history opens it. */
#ifndef DQA_HISTORY_STORE_H
#define DQA_HISTORY_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "../util/error.h"

/* The schema this dqa writes (PRAGMA user_version); older stores are
 * migrated when opened, newer ones refused. */
enum { STORE_SCHEMA_VERSION = 3 };

/* A writer waits this long for another writer's transaction, so nightly
 * jobs that end together all get their run in. */
enum { STORE_BUSY_TIMEOUT_MS = 600000 };

/* Opens the store at path: an existing one (DQA_EINPUT when missing), or
 * with create a new one (a missing or empty file). A CSV history fails
 * with DQA_EARG and a hint naming 'dqa history import'; another file that
 * is not a store with DQA_EINPUT. The store is in WAL mode with the busy
 * timeout, its schema migrated to STORE_SCHEMA_VERSION. *db is NULL unless
 * 0 is returned; close it with sqlite3_close. */
int store_open(sqlite3 **db, const char *path, bool create, dqa_error *err);

/* err filled from the database's last error (rc an SQLite result code):
 * DQA_ENOMEM, DQA_EINPUT for a damaged store, DQA_EIO otherwise (a full
 * disk, a lock held too long). what says what was being done. Returns the
 * code. */
int store_error(dqa_error *err, sqlite3 *db, const char *path, int rc, const char *what);

/* Runs sql (no results) on db; 0 or store_error's code. */
int store_exec(sqlite3 *db, const char *path, const char *sql, dqa_error *err);

/* The text of column col of st's current row; "" for NULL. */
static inline const char *store_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	return s ? (const char *)s : "";
}

#endif
