/* A rule set bound to one dataset's header for one audit: column indices
 * resolved, per-check state, the unit table and the unit x check tallies. */
#ifndef DQA_PLAN_H
#define DQA_PLAN_H

#include "input/reader.h"
#include "result.h"
#include "rules/rules.h"
#include "util/strbuf.h"
#include "util/strset.h"

#include <pthread.h>

struct tally {
	uint64_t evaluated, failed;
	struct res_sample *samples;   /* in the result arena, --samples of them */
	uint32_t nsamples;
	const char *note;             /* dataset checks: why it failed */
	const char *marker;           /* history checks: what the next run compares */
};

struct plan;
struct expr_run;

/* The units seen so far, shared by the workers of a parallel scan: a unit's
 * index is the same in every worker. Each worker caches the names it has
 * looked up, so the lock is taken only for a name new to that worker. */
struct unit_registry {
	pthread_mutex_t lock;
	struct strset index;
	struct arena names_arena;
	const char **names;
	size_t count, cap;
};

struct plan_row;

struct bound_check {
	const struct check *def;
	struct plan *plan;
	size_t index;
	int *cols;                    /* header index of each of def->cols */
	void *state;
	struct expr_run *where;       /* def->where bound to this worker, or NULL */
	/* def->ops' hooks for plan_row's loop, copied when bound: row is NULL
	 * unless the check has row scope. */
	bool (*row)(struct bound_check *b, const struct plan_row *row, char *note, size_t cap);
	bool (*applies)(struct bound_check *b, const struct plan_row *row);
	void (*observe)(struct bound_check *b, const struct plan_row *row);
	bool allow_empty;
	bool gated;                   /* where, allow_empty or applies: a row may be
					 left out (set when plan_row's lists are) */
};

/* A data row as checks see it: always as wide as the header. */
struct plan_row {
	const char *const *fields;
	const size_t *lens;
	uint64_t line;
	uint32_t input;
	size_t unit;
	size_t nfields_read;          /* before padding, for the structure check */
	const struct record *rec;     /* as read: flaw and raw text */
};

struct plan {
	const struct dqa_rules *rules;
	dqa_audit_options opts;
	struct arena *out;            /* the result's arena: samples live there */
	char **header;                /* names live in the result arena */
	size_t nheader;
	const char *header_note;      /* blank header names, or NULL (header.h) */
	uint64_t first_row_line;      /* input 0's first record: correct.structure
					 counts header_note there */
	int unit_col;                 /* -1: one unit for every row */
	size_t *input_units;          /* units from paths: each input's unit,
					 owned with the registry; or NULL */
	char **sheets;                /* each input's workbook sheet or NULL,
					 owned with the registry (samples name
					 their cell in it) */
	struct bound_check *checks;
	size_t nchecks;
	/* plan_row's two lists of check indexes: those a record's property
	 * may pass without a call (check_ops.passes_when), and the others
	 * that see rows (row or observe hook). */
	size_t *quick, nquick;
	size_t *loop, nloop;
	struct unit_registry *registry;  /* owned by the first plan */
	struct strset unit_cache;     /* name -> registry index, this worker's */
	const char **unit_names;      /* set by plan_merge_done */
	uint64_t *unit_rows;
	size_t nunits, units_cap;     /* this worker's arrays cover nunits */
	struct tally *tallies;        /* [unit * nchecks + check] */
	struct tally *dataset_tallies;   /* [check], dataset-level checks' verdicts,
					    in `out`, made by plan_finish */
	uint64_t rows;
	const char *const *inputs;
	size_t ninputs;
	bool owns_registry;
	/* A bound check reads record.utf8_valid (check_ops.uses_utf8_blocks):
	 * the parallel scan validates each block before parsing it. */
	bool wants_utf8_blocks;
	/* The failed rows (and records) of --failed-rows and the split, or
	 * NULL; every worker writes its own (rowlog.h). */
	struct rowlog *log;
	const bool *pii;              /* per header column: pii (the log masks it) */
	struct strbuf raw;            /* scratch: a logged record's text */
	/* scratch: padding for short rows, a failed row's sampled values */
	const char **pad_fields;
	size_t *pad_lens;
	const char **sample_values;
	size_t *sample_lens;
	/* dataset.key's columns in the header (-1: not in the data), whose
	 * values every row-level sample keeps, so a record can be found */
	int *key_cols;
	size_t nkey_cols;
};

void plan_init(struct plan *p, const struct dqa_rules *rules,
	       const dqa_audit_options *opts, struct arena *out);
/* Binds the rules to a header read from `input` (resolving every column). */
/* A column declared under 'columns:' that the bound header lacks: an
 * error at its declaration (lint; an audit reads only what checks name). */
int plan_check_declared(const struct plan *p, const char *input, dqa_error *err);

int plan_bind(struct plan *p, const struct record *header, const char *input,
	      dqa_error *err);
/* Notes that input's rows come from the workbook sheet named sheet
 * (copied), before any of them is read. 0 or DQA_ENOMEM. */
int plan_sheet(struct plan *p, uint32_t input, const char *sheet, dqa_error *err);
/* A worker's plan for a parallel scan of the same data: shares the header,
 * the rules and the unit registry of `first`, binds its own check state and
 * keeps its own counts and samples (in `out`, one arena per worker). */
int plan_fork(struct plan *worker, const struct plan *first, struct arena *out,
	      dqa_error *err);
/* Folds a worker's counts, samples and check state into `into`: the thread
 * merge, which the shard and suite merges also end in (docs/internals/merge.md). */
int plan_merge(struct plan *into, struct plan *from, dqa_error *err);
/* After the scan (and merging): every unit of the registry gets its name
 * and counts in p, ready for the dataset checks and the result. */
int plan_merge_done(struct plan *p, dqa_error *err);
/* Checks that a later input's header equals the bound one. */
int plan_same_header(const struct plan *p, const struct record *header,
		     const char *input, dqa_error *err);
int plan_row(struct plan *p, const struct record *rec, uint32_t input, dqa_error *err);
/* Runs the dataset-scope checks after the scan. */
int plan_finish(struct plan *p, dqa_error *err);
struct tally *plan_tally(struct plan *p, size_t unit, size_t check);
/* The verdict of a dataset-level check (during plan_finish). */
struct tally *plan_dataset_tally(struct plan *p, size_t check);
/* Whether a failed-row sample at (input, line) would be among the first
 * --samples of t (and kept by plan_add_sample): callers skip making its
 * note when not. */
bool plan_sample_fits(const struct plan *p, const struct tally *t, uint32_t input, uint64_t line);
/* Keeps a failed-row sample when it is among the first --samples of the
 * tally in (input, line) order. values are the check's columns, in order;
 * row, when not NULL, gives the record's dataset.key values (masked when
 * pii). Returns 1 when kept, 0 when it comes too late, -1 out of memory. */
int plan_add_sample(struct plan *p, struct tally *t, const struct bound_check *b,
		    uint32_t input, uint64_t line, const char *const *values,
		    const size_t *lens, const char *note, const struct plan_row *row);
/* Logs a failure found after the scan (clean.unique) at where (rowlog.h)
 * of unit; values are the check's columns. Returns 0 or -1 out of memory.
 * Only when p->log. */
int plan_log_late(struct plan *p, const struct bound_check *b, uint64_t where, uint32_t unit,
		  const char *const *values, const size_t *lens, const char *note);
/* After plan_finish: the log, described for its reader (check ids, units,
 * inputs), handed to the caller (NULL when none). */
int plan_take_log(struct plan *p, struct rowlog **out, dqa_error *err);
/* Looks up or adds a unit by name. Returns its index or -1 out of memory. */
long plan_unit(struct plan *p, const char *name, size_t len);
void plan_release(struct plan *p);

/* Resolves a column named in the rules to its header index, or fails at its
 * place in the rule file, with a hint naming `input`'s columns. */
int plan_resolve(const struct plan *p, const struct colref *ref, const char *input,
		 int *out, dqa_error *err);

/* Is a column (by header index) declared pii? */
bool plan_column_pii(const struct plan *p, int col);

#endif
