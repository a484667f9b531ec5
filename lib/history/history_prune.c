/* dqa history prune: runs older than the retention window deleted, or
 * rolled up to the last run of each dataset's ISO week; then the file is
 * compacted so the space goes back to the file system. */
#include "store_derive.h"
#include "store_write.h"

/* ?1: the first time kept whole; ?2: 1 to keep a run a week before it.
 * ISO weeks start on Monday; the first Monday after 1970-01-01 is day 4. */
static const char PRUNE_SQL[] =
	"DELETE FROM runs WHERE run_at < ?1 AND (?2 = 0 OR id NOT IN ("
	" SELECT id FROM (SELECT id, row_number() OVER ("
	"  PARTITION BY dataset, (run_at - 4 * 86400) / (7 * 86400)"
	"  ORDER BY run_at DESC, id DESC) AS latest"
	"  FROM runs WHERE run_at < ?1) WHERE latest = 1))";

static int delete_runs(struct store_writer *w, const dqa_prune_options *opts, size_t *removed,
		       dqa_error *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(w->db, PRUNE_SQL, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, opts->keep_since);
		sqlite3_bind_int(st, 2, opts->weekly);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE)
		return store_error(err, w->db, w->path, rc, "prune");
	*removed = (size_t)sqlite3_changes(w->db);
	return 0;
}

int dqa_history_prune(const char *path, const dqa_prune_options *opts, size_t *removed,
		      dqa_error *err)
{
	*removed = 0;
	struct store_writer w;
	FORWARD_IF_ERROR(store_writer_begin(&w, path, err));
	int rc = delete_runs(&w, opts, removed, err);
	/* streaks and stalled counts no longer reach into the deleted runs */
	if (rc == 0 && *removed)
		rc = store_derive_all(w.db, path, err);
	if (rc == 0)
		rc = store_writer_commit(&w, err);
	/* Outside the transaction: VACUUM rewrites the file without the freed
	 * pages, the checkpoint empties the WAL. */
	if (rc == 0 && *removed)
		rc = store_exec(w.db, path, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", err);
	store_writer_release(&w);
	return rc;
}
