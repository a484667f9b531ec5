/* The interface every check kind implements, and the registry of kinds.
 *
 * Adding a kind KIND of criterion CRIT, every step:
 *  1. lib/checks/CRIT_KIND.c defining `const struct check_ops check_KIND`
 *     (the hooks below; everything else static). A kind whose state spans
 *     rows (key sets, per-unit counters) needs merge, save and load, or
 *     shards refuse it. Parameters are read with lib/rules/rules.h's
 *     param_* and rules_error; the kind calls nothing above lib/checks/
 *     (scripts/check_layers.py).
 *  2. Its file name in check_kind_sources, lib/checks/meson.build.
 *  3. One row KIND(KIND, CRIT) in registry.c's KINDS (CRIT as dqa-rules(5)
 *     lists it, ANY when it has no fixed criterion).
 *     tests/checks/kind_files.py checks 2 and 3 against each other.
 *  4. A section `.SS KIND` in man/dqa-rules.5, CHECKS, with its parameters,
 *     its scope ("Scope" unit-level or dataset-level, as dataset_level
 *     says) and what a failure means.
 *  5. A use in one of the rules/examples/ files, with the expected counts in
 *     tests/independent/expected_*.py computed without dqa (value_rules.py,
 *     dataset_rules.py); then regenerate the example golden cases
 *     (tests/cli/example-*, report-example-*: run.py --update, read the
 *     diff). tests/independent/all_kinds.py checks that registry, manual
 *     and examples name the same kinds and scopes.
 *  6. tests/cli/check-KIND/: a golden case whose `expect` filter shows what
 *     the kind counts (expect.json: tests/cli/run.py), and an error case per
 *     parameter mistake in testdata/bad/ (error-KIND-...).
 *  7. When it reads its parameters in a new way: a seed for the rule
 *     loader's fuzzer, tests/fuzz/corpus/rules/check-KIND.yaml.
 */
#ifndef DQA_CHECK_H
#define DQA_CHECK_H

#include "../plan.h"
#include "../rules/rules.h"

struct state_in;
struct strbuf;

/* How a check entry names its columns. */
enum check_shape {
	SHAPE_COLUMN,      /* one column: `kind: COL` or {column: COL} */
	SHAPE_PER_COLUMN,  /* several: one check per column, id kind.COL */
	SHAPE_KEY,         /* several read together (a composite key) */
	SHAPE_NONE         /* no data columns: shorthand goes to configure */
};

enum check_scope {
	SCOPE_ROW,         /* judged row by row */
	SCOPE_DATASET      /* judged once, after the scan, per unit or for all */
};

/* What plan_row can tell of a record without calling a check (passes_when). */
enum row_pass {
	ROW_PASS_NEVER,        /* always call `row` */
	ROW_PASS_NOT_BLANK,    /* the first field is not empty */
	ROW_PASS_UTF8_BLOCK    /* the record comes from a block found valid UTF-8 */
};

struct check_ops {
	const char *kind;
	enum check_scope scope;
	enum check_shape shape;
	bool mapping_only;            /* shorthand not allowed: needs parameters */
	bool implicit;                /* added by dqa, never written in a rule file */
	/* Judged once for the dataset (its verdict is not about a unit's rows):
	 * scored apart from the units, never in a unit's score (dqa-rules(5),
	 * SCORING). configure may change it (rows per_unit). */
	bool dataset_level;
	const char *counts;           /* what `evaluated` counts; NULL: rows */
	/* An implicit check with no score unless a row failed it: its
	 * criterion counts as used (a missing unit scores 0 there) only then. */
	bool unscored_when_clean;
	/* The row hook trusts row->rec->utf8_valid (a record from a block found
	 * valid UTF-8): binding it makes the scan validate whole blocks. */
	bool uses_utf8_blocks;
	/* A row whose record has this property passes without a call to `row`:
	 * plan_row decides from the record, and only the other rows reach
	 * `row` for their verdict and note. For implicit checks that nearly
	 * every row passes; not with `where`, allow_empty or `applies`. */
	enum row_pass passes_when;
	/* Rows fail only after the scan (clean.unique: a repeat is known when
	 * every row is): `dataset` logs them with plan_log_late. */
	bool fails_late;
	const char *const *params;    /* kind-specific mapping keys, NULL-terminated */
	/* Reads the kind's parameters from value (the mapping, or the shorthand
	 * scalar/list for SHAPE_NONE kinds; NULL for column shorthand) into
	 * c->config, allocated in ctx->rules->arena. Optional. */
	int (*configure)(struct check *c, const struct ynode *value, struct rules_ctx *ctx);
	/* Per-audit state (e.g. a key set) in b->state. Optional. A parallel
	 * scan binds every check once per worker: b->state belongs to that
	 * worker's thread, config is shared and read-only. */
	int (*bind)(struct bound_check *b, const struct plan *plan, dqa_error *err);
	/* Row scope, optional: false leaves the row out (not evaluated). Called
	 * just before `row` for the same row, so it may leave what it looked up
	 * in b->state for `row`. */
	bool (*applies)(struct bound_check *b, const struct plan_row *row);
	/* Row scope: true when the row passes. On failure the check may write a
	 * short explanation into note (when non-NULL, note_cap bytes). */
	bool (*row)(struct bound_check *b, const struct plan_row *row, char *note,
		    size_t note_cap);
	/* Dataset scope, optional: sees every row during the scan to accumulate
	 * in b->state what `dataset` judges afterwards. */
	void (*observe)(struct bound_check *b, const struct plan_row *row);
	/* Folds another worker's state into `into`'s. Workers take blocks of
	 * the input in turn, so their rows interleave in file order: compare
	 * (input, line) to know which came first. Required when b->state
	 * accumulates across rows (key sets, per-unit counters); unit indices
	 * are the same in every worker.
	 * Returns 0 or a negative code with err filled. */
	int (*merge)(struct bound_check *into, struct bound_check *from, dqa_error *err);
	/* Shard state files (lib/state/): every kind with `merge` has both.
	 * save appends b->state after the scan (before `dataset`) to out, in
	 * the encoding of lib/state/codec.h, unit indices as they are in
	 * b->plan. load reads it back into the state of a freshly bound b:
	 * a unit k of the file is units[k] in b->plan (nunits of them). What
	 * does not fit sets in->bad (the caller reports the file as corrupt);
	 * load returns 0, or a negative code (out of memory) with err filled. */
	void (*save)(const struct bound_check *b, struct strbuf *out);
	int (*load)(struct bound_check *b, struct state_in *in, const size_t *units,
		    size_t nunits, dqa_error *err);
	/* Dataset scope: fills the tallies of every unit after the scan (and
	 * after merging), from the merged state. A row-scope check may have one
	 * too, to add notes to the tallies its rows filled. */
	int (*dataset)(struct bound_check *b, struct plan *plan, dqa_error *err);
	/* Bytes this check holds in memory after the scan (its key set or
	 * reference set) and the entries in it, for `dqa audit --verbose`.
	 * Optional. */
	size_t (*memory)(const struct bound_check *b, uint64_t *entries);
	void (*unbind)(struct bound_check *b);
	void (*release)(struct check *c);
};

/* A dataset-level verdict: the check's dataset tally gets these counts and
 * the note (copied into the result; NULL or "" for none). */
int check_tally_all(const struct bound_check *b, struct plan *plan, uint64_t evaluated,
		    uint64_t failed, const char *note, dqa_error *err);

/* The `dataset` hook of an unscored_when_clean check: with no failed row
 * in the dataset, every unit's tally is cleared (no score). Returns 0. */
int check_unscore_when_clean(struct bound_check *b, struct plan *p, dqa_error *err);

const struct check_ops *check_kind(const char *name, size_t len);
/* All kinds a rule file may name, for "did you mean" hints. */
size_t check_kind_names(const char **names, size_t cap);
/* The criterion dqa-rules(5) lists a registered kind under (a dqa_criterion),
 * or -1 when it has none (expr) or is not registered. */
int check_kind_home(const struct check_ops *ops);

extern const struct check_ops check_structure, check_blank_rows, check_encoding;

#endif
