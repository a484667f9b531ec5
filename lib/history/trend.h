/* Trends computed from a history: per dataset, the runs and, per unit, its
 * overall score at each run and the changes the views show. */
#ifndef DQA_HISTORY_TREND_H
#define DQA_HISTORY_TREND_H

#include "history.h"

struct trend_series {
	const char *unit;          /* NULL: the dataset's own score */
	const char *name;          /* the unit's name for people, NULL or "" when
				      none: from the store (units.name) */
	double *scores;            /* one per run, NaN when not scored */
	double last;               /* latest score, NaN if none */
	double since_run, since_week;   /* changes, NaN when no earlier score */
};

struct trend_dataset {
	const char *name;
	int64_t *runs;             /* ascending */
	size_t nruns;
	struct trend_series *series;    /* the dataset first, then units by name */
	size_t nseries;
	size_t *worse;             /* series that dropped since last week, worst first */
	size_t nworse;
	bool *rules_changed;       /* per run: other rules than the run before */
	size_t nrules_changed;
};

struct trend {
	struct arena arena;
	struct trend_dataset *datasets;
	size_t ndatasets;
};

int trend_build(struct trend *t, const struct dqa_history *h, const dqa_trend_options *opts,
		dqa_error *err);
/* The same trend from the store at path, one dataset at a time: only the
 * datasets' series stay in memory, not their rows. */
int trend_build_store(struct trend *t, const char *path, const dqa_trend_options *opts,
		      dqa_error *err);
void trend_release(struct trend *t);

enum { WEEK_SECONDS = 7 * 86400 };

#endif
