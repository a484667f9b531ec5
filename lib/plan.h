/* A rule set bound to one dataset's header for one audit: column indices
 * resolved, per-check state, the unit table and the unit x check tallies. */
#ifndef DQA_PLAN_H
#define DQA_PLAN_H

#include "reader.h"
#include "result.h"
#include "rules.h"
#include "strset.h"

struct tally {
	uint64_t evaluated, failed;
	struct res_sample *samples;   /* in the result arena, --samples of them */
	uint32_t nsamples;
	const char *note;             /* dataset checks: why it failed */
};

struct plan;

struct bound_check {
	const struct check *def;
	const struct plan *plan;
	size_t index;
	int *cols;                    /* header index of each of def->cols */
	void *state;
};

/* A data row as checks see it: always as wide as the header. */
struct plan_row {
	const char *const *fields;
	const size_t *lens;
	uint64_t line;
	uint32_t input;
	size_t unit;
	size_t nfields_read;          /* before padding, for the structure check */
};

struct plan {
	const struct dqa_rules *rules;
	dqa_audit_options opts;
	struct arena *out;            /* the result's arena: samples live there */
	char **header;                /* names live in the result arena */
	size_t nheader;
	int unit_col;                 /* -1: one unit for every row */
	struct bound_check *checks;
	size_t nchecks;
	struct strset unit_index;
	const char **unit_names;
	uint64_t *unit_rows;
	bool *unit_expected;
	size_t nunits, units_cap;
	struct tally *tallies;        /* [unit * nchecks + check] */
	uint64_t rows;
	const char *const *inputs;
	size_t ninputs;
	/* scratch for padding short rows */
	const char **pad_fields;
	size_t *pad_lens;
};

void plan_init(struct plan *p, const struct dqa_rules *rules,
	       const dqa_audit_options *opts, struct arena *out);
/* Binds the rules to a header read from `input` (resolving every column). */
int plan_bind(struct plan *p, const struct record *header, const char *input,
	      dqa_error *err);
/* Checks that a later input's header equals the bound one. */
int plan_same_header(const struct plan *p, const struct record *header,
		     const char *input, dqa_error *err);
int plan_row(struct plan *p, const struct record *rec, uint32_t input, dqa_error *err);
/* Runs the dataset-scope checks after the scan. */
int plan_finish(struct plan *p, dqa_error *err);
struct tally *plan_tally(struct plan *p, size_t unit, size_t check);
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
