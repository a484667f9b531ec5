/* The history file as loaded: one entry per line, strings interned so that
 * equal names are equal pointers. Shared by trend, weekly, baseline and the
 * history-backed checks (stalled, rows_change). */
#ifndef DQA_HISTORY_H
#define DQA_HISTORY_H

#include "../arena.h"
#include "../error.h"
#include "../strset.h"

/* The header line, and the criterion name of a unit's or dataset's total. */
#define HISTORY_HEADER "run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,marker"
#define HISTORY_OVERALL "overall"
enum { HISTORY_FIELDS = 11, HISTORY_CRITERION_OVERALL = DQA_CRITERIA };

struct hist_entry {
	int64_t run_at;
	const char *rules, *dataset, *unit;   /* interned */
	bool dataset_scope;                  /* the dataset's row (unit is "") */
	unsigned criterion;                  /* a dqa_criterion or HISTORY_CRITERION_OVERALL */
	double score;                        /* NaN: no score */
	dqa_status status;                   /* DQA_NO_SCORE when not recorded */
	uint64_t rows;
	const char *fingerprint, *marker;    /* "" when not recorded */
};

struct dqa_history {
	struct arena arena;
	struct strset strings;               /* text -> interned copy */
	struct hist_entry *entries;          /* malloc'd */
	size_t n, cap;
	const char *notice;
};

/* Is e the overall row of a unit (not a criterion, not the dataset)? */
static inline bool hist_is_unit_total(const struct hist_entry *e)
{
	return !e->dataset_scope && e->criterion == HISTORY_CRITERION_OVERALL;
}

/* The interned copy of s, or NULL when s never occurs in the history (so a
 * pointer comparison with entries then matches nothing). */
const char *history_lookup(const struct dqa_history *h, const char *s);

/* The distinct run times of a dataset, ascending, malloc'd (caller frees). */
int64_t *history_runs(const struct dqa_history *h, const char *dataset, size_t *nruns);

/* Datasets in order of first appearance, malloc'd (caller frees). */
const char **history_datasets(const struct dqa_history *h, size_t *n);

/* Index of t in the ascending runs, or -1. */
long history_run_index(const int64_t *runs, size_t nruns, int64_t t);

#endif
