/* The weekly warning list computed from a history (weekly.c) and its
 * renderers (weekly_write.c). */
#ifndef DQA_HISTORY_WEEKLY_H
#define DQA_HISTORY_WEEKLY_H

#include <stdio.h>

#include "history.h"

struct weekly_item {
	const char *unit;
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

void weekly_text(const struct weekly_list *l, size_t n, const dqa_weekly_options *o, FILE *out);
void weekly_csv(const struct weekly_list *l, size_t n, FILE *out);
void weekly_json(const struct weekly_list *l, size_t n, const dqa_weekly_options *o, FILE *out);
void weekly_md(const struct weekly_list *l, size_t n, const dqa_weekly_options *o, FILE *out);
void weekly_html(const struct weekly_list *l, size_t n, const dqa_weekly_options *o, FILE *out);

/* "below target; stalled (5 runs)"-style reasons into buf. */
void weekly_reasons(const struct weekly_item *it, char *buf, size_t cap);

#endif
