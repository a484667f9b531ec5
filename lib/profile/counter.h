/* Value counts of one column: exact while the column holds at most `cap`
 * distinct values, then a Misra-Gries summary (the heavy hitters, each
 * count at most `error` below the true one). Whether a table is exact
 * depends only on the data, never on how rows were split among workers. */
#ifndef DQA_PROFILE_COUNTER_H
#define DQA_PROFILE_COUNTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strset.h"

struct counter {
	struct strset set;      /* value -> count */
	size_t cap;             /* distinct values kept exactly */
	uint64_t error;         /* sum of the Misra-Gries decrements */
	bool reduced;           /* some value was dropped: counts are lower bounds */
};

struct counter_entry {
	const char *value;      /* in the counter's table, not NUL-terminated */
	size_t len;
	uint64_t count;
};

void counter_init(struct counter *c, size_t cap);
/* Counts n more occurrences of the value. Returns 0, or -1 out of memory. */
int counter_add(struct counter *c, const char *s, size_t len, uint64_t n);
/* Adds from's counts to into (same cap). Returns 0 or -1 out of memory. */
int counter_merge(struct counter *into, const struct counter *from);
/* The k most frequent values into out (room for k), most frequent first,
 * ties in byte order of the value; returns how many. */
size_t counter_top(const struct counter *c, struct counter_entry *out, size_t k);
/* Every entry into a malloc'd array (in no order) and its length in *n;
 * NULL with *n 0 when empty or out of memory. */
struct counter_entry *counter_entries(const struct counter *c, size_t *n);
void counter_release(struct counter *c);

#endif
