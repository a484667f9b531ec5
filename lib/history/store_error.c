/* The store's errors as dqa errors; apart from store.c so that the code
 * its migrations run (store_derive.c) calls neither back. */
#include "store.h"

int store_error(dqa_error *err, sqlite3 *db, const char *path, int rc, const char *what)
{
	int primary = rc & 0xff;
	if (primary == SQLITE_NOMEM)
		return error_nomem(err);
	int code = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? DQA_EINPUT : DQA_EIO;
	const char *hint = primary == SQLITE_BUSY ? "another process held the store's lock too long"
			 : primary == SQLITE_READONLY ? "check the store's folder and its permissions"
			 : NULL;
	const char *text = db && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	return error_at(err, code, path, DQA_NOPOS, hint, "cannot %s the history store: %s", what,
			text);
}

int store_exec(sqlite3 *db, const char *path, const char *sql, dqa_error *err)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_error(err, db, path, rc, "update");
}
