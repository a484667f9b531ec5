/* Opening the history store: what kind of file it is, the connection's
 * settings (WAL, busy timeout, full sync), and the schema's migrations. */
#include "store.h"
#include "store_derive.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define SQLITE_MAGIC "SQLite format 3"

/* migrations[v] takes a store from schema version v to v + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: runs, and their overall and criterion rows apart, so the
	 * questions on overall scores (trend, warnings, stalled) never read
	 * the criteria. */
	"CREATE TABLE runs ("
	" id INTEGER PRIMARY KEY,"
	" run_at INTEGER NOT NULL,"
	" rules TEXT NOT NULL,"
	" dataset TEXT NOT NULL,"
	" fingerprint TEXT NOT NULL,"
	" rules_hash TEXT NOT NULL);"
	"CREATE INDEX runs_by_dataset ON runs (dataset, run_at);"
	"CREATE INDEX runs_by_time ON runs (run_at);"
	"CREATE TABLE totals ("
	" run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL,"
	" scope TEXT NOT NULL CHECK (scope IN ('unit', 'dataset')),"
	" unit TEXT NOT NULL,"
	" score REAL,"
	" status TEXT NOT NULL,"
	" rows INTEGER NOT NULL,"
	" marker TEXT NOT NULL,"
	" checks TEXT NOT NULL,"
	" PRIMARY KEY (run_id, seq)) WITHOUT ROWID;"
	"CREATE INDEX totals_by_unit ON totals (unit, run_id);"
	"CREATE TABLE criteria ("
	" run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL,"
	" scope TEXT NOT NULL CHECK (scope IN ('unit', 'dataset')),"
	" unit TEXT NOT NULL,"
	" criterion TEXT NOT NULL,"
	" score REAL,"
	" status TEXT NOT NULL,"
	" rows INTEGER NOT NULL,"
	" marker TEXT NOT NULL,"
	" checks TEXT NOT NULL,"
	" PRIMARY KEY (run_id, seq)) WITHOUT ROWID;",
	/* 1 -> 2: the hash of each file the rules read, the rule file first. */
	"CREATE TABLE run_files ("
	" run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL,"
	" path TEXT NOT NULL,"
	" hash TEXT NOT NULL,"
	" PRIMARY KEY (run_id, seq)) WITHOUT ROWID;",
	/* 2 -> 3: what the weekly list needs of each unit's overall row, and
	 * the units of each dataset with their names for people (the last
	 * non-empty name an audit gave, from its expected units; "" when none);
	 * filled by store_derive_all below, whose probes name the index (made
	 * here too for stores begun without it). */
	"CREATE INDEX IF NOT EXISTS totals_by_unit ON totals (unit, run_id);"
	"ALTER TABLE totals ADD COLUMN same_data_runs INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE totals ADD COLUMN listed_weeks_before INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE units ("
	" dataset TEXT NOT NULL,"
	" unit TEXT NOT NULL,"
	" name TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (dataset, unit)) WITHOUT ROWID;",
};

/* The first version whose recorded fields a migration must compute. */
enum { DERIVED_SINCE = 3 };

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int csv_given(const char *path, dqa_error *err)
{
	return error_at(err, DQA_EARG, path, DQA_NOPOS,
			"load it into a store once with 'dqa history import FILE.csv --history "
			"STORE.db', then give the store",
			"a CSV history is not a history store");
}

/* What the file at path is: 0 when a store, an empty file (a store being
 * created) or, with create, nothing yet; else the error. */
static int check_kind(const char *path, bool create, dqa_error *err)
{
	if (strcmp(path, "-") == 0)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"give the history store's path",
				"a history store cannot be read from standard input");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create)
		return ends_with(path, ".csv") ? csv_given(path, err) : 0;
	if (fd < 0)
		return error_at(err, errno == ENOENT ? DQA_EINPUT : DQA_EIO, path, DQA_NOPOS, NULL,
				"cannot open the history store: %s", strerror(errno));
	char head[sizeof SQLITE_MAGIC] = "";
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	/* SQLite makes a new store's file empty, then writes its first page:
	 * another dqa may be creating it right now (a suite's jobs, two cron
	 * runs). SQLite's own lock, and migrate's transaction, take it from
	 * there; an empty file is an empty database to SQLite anyway. */
	if (n == 0)
		return 0;
	if (n == (ssize_t)sizeof head && memcmp(head, SQLITE_MAGIC, sizeof head) == 0)
		return 0;
	if (ends_with(path, ".csv") || (n > 7 && memcmp(head, "run_at,", 7) == 0))
		return csv_given(path, err);
	return error_at(err, DQA_EINPUT, path, DQA_NOPOS,
			"a history store is written by 'dqa audit --history STORE.db'",
			"not a dqa history store");
}

static int user_version(sqlite3 *db, int *version)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Brings the schema to STORE_SCHEMA_VERSION in one transaction, which
 * also keeps two first writers from creating it twice. */
static int migrate(sqlite3 *db, const char *path, dqa_error *err)
{
	int version;
	int rc = user_version(db, &version);
	if (rc == SQLITE_OK && version == STORE_SCHEMA_VERSION)
		return 0;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_error(err, db, path, rc, "open");
	rc = user_version(db, &version);
	if (rc == SQLITE_OK && version > STORE_SCHEMA_VERSION) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, "use a newer dqa",
				"the history store has schema version %d; this dqa knows up to %d",
				version, STORE_SCHEMA_VERSION);
	}
	bool derive = version > 0 && version < DERIVED_SINCE;
	for (; rc == SQLITE_OK && version < STORE_SCHEMA_VERSION; version++)
		rc = sqlite3_exec(db, migrations[version], NULL, NULL, NULL);
	int derived = rc == SQLITE_OK && derive ? store_derive_all(db, path, err) : 0;
	if (derived < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return derived;
	}
	if (rc == SQLITE_OK) {
		char set[64];
		snprintf(set, sizeof set, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		rc = sqlite3_exec(db, set, NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	int code = store_error(err, db, path, rc, "create");
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return code;
}

int store_open(sqlite3 **db, const char *path, bool create, dqa_error *err)
{
	*db = NULL;
	FORWARD_IF_ERROR(check_kind(path, create, err));
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
		    SQLITE_OPEN_NOMUTEX;
	sqlite3 *conn = NULL;
	int rc = sqlite3_open_v2(path, &conn, flags, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(conn, STORE_BUSY_TIMEOUT_MS);
	/* WAL: readers never wait for the nightly writer; FULL: a committed
	 * run survives a power cut, not only a killed process. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(conn, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
					"PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	int code = rc == SQLITE_OK ? migrate(conn, path, err)
				   : store_error(err, conn, path, rc, "open");
	if (code < 0) {
		sqlite3_close(conn);
		return code;
	}
	*db = conn;
	return 0;
}
