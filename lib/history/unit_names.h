/* The names for people the store records of a dataset's units
 * (units.name), looked up one unit at a time. */
#ifndef DQA_HISTORY_UNIT_NAMES_H
#define DQA_HISTORY_UNIT_NAMES_H

#include "store.h"
#include "../util/arena.h"

struct unit_names {
	sqlite3 *db;
	const char *path;
	sqlite3_stmt *st;
};

int unit_names_open(struct unit_names *n, sqlite3 *db, const char *path, dqa_error *err);
/* The name of unit in dataset, copied into a, as *out ("" when none is
 * recorded): 0 or a negative code. */
int unit_names_get(struct unit_names *n, struct arena *a, const char *dataset,
		   const char *unit, const char **out, dqa_error *err);
void unit_names_close(struct unit_names *n);

#endif
