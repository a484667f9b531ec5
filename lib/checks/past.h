/* What the history-backed checks (stalled, rows_change) read: each unit's
 * most recent earlier runs of the same dataset. */
#ifndef DQA_HISTORY_PAST_H
#define DQA_HISTORY_PAST_H

#include "../history/history.h"
#include "../plan.h"

/* Loads the history a check compares with: its own `history` parameter
 * (param, may be NULL) or else the audit's --history. *out is NULL when
 * there is none yet, and *why then says so for the check's note. */
int past_load(const char *param, const struct plan *plan, struct dqa_history **out,
	      const char **why, dqa_error *err);

/* For every unit of the plan, its k most recent overall rows of the plan's
 * dataset that are older than the audit's reference time, newest first,
 * leaving out runs in which the unit was missing:
 * recent[u * k + i] for i < counts[u]. Both arrays have plan->nunits rows. */
void past_recent(const struct dqa_history *h, const struct plan *plan, size_t k,
		 const struct hist_entry **recent, size_t *counts);

/* Does the marker field of e hold `id=value` equal to marker? */
bool past_marker_is(const struct hist_entry *e, const char *id, const char *marker);

/* The tally of a unit with rows: n/a with a note when there is no past. */
void past_not_applicable(struct plan *plan, size_t check, const char *why);

#endif
