/* Reading the units' names the audits recorded (store_writer_unit_name). */
#include "unit_names.h"

static const char NAME_SQL[] = "SELECT name FROM units WHERE dataset = ?1 AND unit = ?2";

int unit_names_open(struct unit_names *n, sqlite3 *db, const char *path, dqa_error *err)
{
	*n = (struct unit_names){.db = db, .path = path};
	int rc = sqlite3_prepare_v2(db, NAME_SQL, -1, &n->st, NULL);
	return rc == SQLITE_OK ? 0 : store_error(err, db, path, rc, "read");
}

int unit_names_get(struct unit_names *n, struct arena *a, const char *dataset,
		   const char *unit, const char **out, dqa_error *err)
{
	sqlite3_reset(n->st);
	sqlite3_bind_text(n->st, 1, dataset, -1, SQLITE_STATIC);
	sqlite3_bind_text(n->st, 2, unit, -1, SQLITE_STATIC);
	int rc = sqlite3_step(n->st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(err, n->db, n->path, rc, "read");
	const unsigned char *name = rc == SQLITE_ROW ? sqlite3_column_text(n->st, 0) : NULL;
	*out = arena_strdup(a, name ? (const char *)name : "");
	return *out ? 0 : error_nomem(err);
}

void unit_names_close(struct unit_names *n)
{
	sqlite3_finalize(n->st);
	n->st = NULL;
}
