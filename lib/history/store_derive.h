/* What the weekly list needs of each unit's overall row, recorded in the
 * store (totals.same_data_runs, totals.listed_weeks_before, the units
 * catalog; docs/internals/history.md) so that a week's list reads one row
 * a unit, whatever the number of nights before it. */
#ifndef DQA_HISTORY_STORE_DERIVE_H
#define DQA_HISTORY_STORE_DERIVE_H

#include "store.h"

/* The --stalled-runs the recorded listed_weeks_before assumes, with the
 * status deciding below target (no --target): dqa warnings' defaults. */
enum { DERIVE_STALLED_RUNS = 3 };

/* Monday 00:00 UTC of the ISO week holding t. */
int64_t history_week_monday(int64_t t);

/* A unit's overall row as the recorded fields describe it. */
struct derived_row {
	int64_t run_at;
	double score;              /* NaN: no score */
	dqa_status status;
	unsigned same_data_runs;   /* runs in a row, ending here, with the same data */
	unsigned listed_weeks_before;   /* weeks in a row on the default list
					   before this row's week */
	const char *key;           /* the data's identity: the marker, or without
				      one the fingerprint; valid until the next probe */
};

/* Is the week whose last row is r on the list with the default options? */
bool derived_listed(const struct derived_row *r);

/* The last overall row of unit in dataset before the time `before`, in
 * (run_at, id, seq) order, skipping rows of status missing when kept_only:
 * 1 with *out filled, 0 when there is none, or a negative code. */
struct derive_probe {
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *last;
};
int derive_probe_open(struct derive_probe *p, sqlite3 *db, const char *path, dqa_error *err);
int derive_probe_last(struct derive_probe *p, const char *dataset, const char *unit,
		      int64_t before, bool kept_only, struct derived_row *out, dqa_error *err);
void derive_probe_close(struct derive_probe *p);

/* Records the fields of the unit rows of every dataset that has a run of
 * id above after_id (the runs a write transaction added), from the
 * earliest of those runs on, each row from the unit's row before it, and
 * catalogs their units. In time order that is the new rows only; a run
 * older than others of its dataset also updates the rows after it. Inside
 * the caller's write transaction. */
int store_derive_after(sqlite3 *db, const char *path, int64_t after_id, dqa_error *err);

/* The fields of every unit row and the catalog recomputed from the rows
 * (after a migration or a prune); the units kept keep their names. */
int store_derive_all(sqlite3 *db, const char *path, dqa_error *err);

#endif
