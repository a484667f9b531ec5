/* The weekly warning list computed from a history (weekly.c); rendered by
 * lib/report (history_view.h). */
#ifndef DQA_HISTORY_WEEKLY_H
#define DQA_HISTORY_WEEKLY_H

#include "history.h"

struct weekly_item {
	const char *unit;
	const char *name;          /* the unit's name for people, NULL or "" when
				      none: from the store (units.name) */
	double score;              /* NaN: no run this week */
	dqa_status status;         /* of the unit's last run in the week */
	bool missing, no_run, below, stalled;   /* no_run: no run at all this week */
	unsigned stalled_runs;     /* runs in a row with the same fingerprint */
	unsigned streak;           /* weeks in a row on the list, this one included */
};

struct weekly_list {
	const char *dataset;
	int64_t monday;
	size_t nruns;              /* runs of the dataset in the week */
	size_t nunits;             /* units known by the end of the week */
	struct weekly_item *items; /* worst first */
	size_t nitems;
};

/* The lists of one week, one per dataset, in the history's order. */
struct weekly {
	struct arena arena;
	dqa_weekly_options options;   /* as given, the week filled in */
	struct weekly_list *lists;
	size_t nlists;
};

/* Builds the lists opts asks for. DQA_EARG when no dataset of the history
 * matches, DQA_ENOMEM. Release with weekly_release. */
int weekly_build(struct weekly *w, const dqa_history *h, const dqa_weekly_options *opts,
		 dqa_error *err);
/* The same lists from the store at path: with the default options from
 * the fields the store records (store_derive.h), one row a unit; with
 * others one dataset at a time, each from its overall rows up to the end
 * of the week. */
int weekly_build_store(struct weekly *w, const char *path, const dqa_weekly_options *opts,
		       dqa_error *err);
void weekly_release(struct weekly *w);

#endif
