/* Recording runs in the history store: one transaction per batch of runs,
 * so a run is in the store whole or not at all. */
#ifndef DQA_HISTORY_STORE_WRITE_H
#define DQA_HISTORY_STORE_WRITE_H

#include "store.h"

struct store_run {
	int64_t run_at;
	const char *rules, *dataset, *fingerprint, *rules_hash;
};

/* One line of the long CSV layout: a unit's or the dataset's criterion
 * score (criterion a dqa_criterion_name) or total (HISTORY_OVERALL). */
struct store_row {
	bool dataset_scope;
	const char *unit, *criterion;
	double score;              /* NaN: no score */
	const char *status;        /* "" when not recorded */
	uint64_t rows;
	const char *marker, *checks;
};

struct store_writer {
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *run, *total, *criterion, *file, *unit_name;
	int64_t run_id, seq;
	int64_t before_id;         /* the last run before this transaction's */
	bool open;                 /* a transaction is open */
};

/* Opens (creating it when missing) the store at path and begins a write
 * transaction, waiting for other writers up to the busy timeout. On
 * failure w needs no release. 0 or a negative code. */
int store_writer_begin(struct store_writer *w, const char *path, dqa_error *err);

/* Starts a run; the rows and files that follow belong to it. */
int store_writer_run(struct store_writer *w, const struct store_run *run, dqa_error *err);
int store_writer_row(struct store_writer *w, const struct store_row *row, dqa_error *err);
/* The hash of a file the run's rules read (the rule file first). */
int store_writer_file(struct store_writer *w, const char *path, const char *hash,
		      dqa_error *err);

/* Records name as the name of unit in dataset for people (units.name),
 * in place of the one recorded; an empty name changes nothing. */
int store_writer_unit_name(struct store_writer *w, const char *dataset, const char *unit,
			   const char *name, dqa_error *err);

/* Commits what was written since store_writer_begin, with the fields the
 * weekly list reads recorded for its rows (store_derive_after): all of it,
 * or, on an error (a full disk), none. 0 or a negative code. */
int store_writer_commit(struct store_writer *w, dqa_error *err);

/* Rolls back what is not committed and closes the store. */
void store_writer_release(struct store_writer *w);

#endif
