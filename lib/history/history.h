/* The history as loaded from the store: one entry per row (a line of the
 * long CSV layout), strings interned so that equal names are equal
 * pointers. Shared by trend, weekly, baseline and the history-backed checks
 * (stalled, rows_change). */
#ifndef DQA_HISTORY_H
#define DQA_HISTORY_H

#include <sqlite3.h>

#include "../util/arena.h"
#include "../util/error.h"
#include "../util/strset.h"

/* The header line of a CSV history (import and export), and the criterion
 * name of a unit's or dataset's total. Files begun before the rules were
 * recorded have the shorter header; import reads both. */
#define HISTORY_HEADER_V1 \
	"run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,marker"
#define HISTORY_HEADER HISTORY_HEADER_V1 ",rules_hash,checks"
#define HISTORY_OVERALL "overall"
enum { HISTORY_FIELDS_V1 = 11, HISTORY_FIELDS = 13, HISTORY_CRITERION_OVERALL = DQA_CRITERIA };

struct hist_entry {
	int64_t run_at;
	const char *rules, *dataset, *unit;   /* interned */
	bool dataset_scope;                  /* the dataset's row (unit is "") */
	unsigned criterion;                  /* a dqa_criterion or HISTORY_CRITERION_OVERALL */
	double score;                        /* NaN: no score */
	dqa_status status;                   /* DQA_NO_SCORE when not recorded */
	uint64_t rows;
	const char *fingerprint, *marker;    /* "" when not recorded */
	const char *rules_hash;              /* rules_digest; "" when not recorded */
	/* On a unit's total: "ID=SCORE ..." of its checks (score empty when
	 * none); on the dataset's total: "ID ..." of every check of the run;
	 * IDs escaped by history_check_id_put. "" elsewhere or not recorded. */
	const char *checks;
};

struct dqa_history {
	struct arena arena;
	struct strset strings;               /* text -> interned copy */
	struct hist_entry *entries;          /* malloc'd */
	size_t n, cap;
};

/* Is e the overall row of a unit (not a criterion, not the dataset)? */
static inline bool hist_is_unit_total(const struct hist_entry *e)
{
	return !e->dataset_scope && e->criterion == HISTORY_CRITERION_OVERALL;
}

/* The criterion (or HISTORY_CRITERION_OVERALL) and the status ("" is
 * DQA_NO_SCORE) of their names; false for another name. */
bool history_criterion_parse(const char *s, unsigned *out);
bool history_status_parse(const char *s, dqa_status *out);

/* The interned copy of s, or NULL when s never occurs in the history (so a
 * pointer comparison with entries then matches nothing). */
const char *history_lookup(const struct dqa_history *h, const char *s);

/* dqa_history_load_query on a store already open (store_open) as db;
 * path names it in errors. */
int history_load_db(struct dqa_history **out, sqlite3 *db, const char *path,
		    const dqa_history_query *q, dqa_error *err);

/* The datasets of the store open as db (only the one named `only`, unless
 * NULL) in the order of their first run, the names and the array in a.
 * NULL with err filled on failure, and NULL with err->code 0 when there
 * is none. */
const char **history_store_datasets(struct arena *a, sqlite3 *db, const char *path,
				    const char *only, size_t *n, dqa_error *err);

/* The distinct run times of a dataset, ascending, malloc'd (caller frees). */
int64_t *history_runs(const struct dqa_history *h, const char *dataset, size_t *nruns);

/* Datasets in order of first appearance, malloc'd (caller frees). */
const char **history_datasets(const struct dqa_history *h, size_t *n);

/* Index of t in the ascending runs, or -1. */
long history_run_index(const int64_t *runs, size_t nruns, int64_t t);

struct strbuf;

/* Appends a check id to a checks field, with '%', ' ' and '=' written as
 * %25, %20 and %3D so ids with spaces (from column names) stay one item. */
void history_check_id_put(struct strbuf *sb, const char *id);

/* One item of a checks field at *cursor: its decoded id into id (reset
 * first; id->buf is set unless id->failed), and its score (NaN when empty,
 * absent or not a score); advances *cursor. False at the end of the field. */
bool history_checks_next(const char **cursor, struct strbuf *id, double *score);

#endif
