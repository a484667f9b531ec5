/* The rule set as loaded from YAML: dataset settings, column declarations and
 * the configured checks. Immutable once loaded; an audit binds it to a
 * header through a plan (plan.h). */
#ifndef DQA_RULES_H
#define DQA_RULES_H

#include "../dqa.h"
#include "../util/values.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../input/limits.h"
#include "../input/reader.h"
#include "../util/strset.h"
#include "../util/closest.h"
#include "geo_map.h"
#include "yaml_tree.h"

enum vtype { VT_STRING, VT_INTEGER, VT_NUMBER, VT_DATE, VT_BOOLEAN };

const char *vtype_name(enum vtype t);
/* Whether s reads as a value of type t: dates in format (NULL = ISO 8601),
 * integers and numbers in the number style; every value reads as a string. */
bool vtype_reads(enum vtype t, const char *format, struct number_style number, const char *s,
		 size_t len);

/* The criteria's names in rule files and reports, by dqa_criterion. */
extern const char *const criterion_names[DQA_CRITERIA];

struct column_decl {
	const char *name;
	enum vtype type;
	const char *format;   /* dates: strftime-like, NULL = ISO 8601 */
	struct number_style number;   /* integers and numbers */
	bool pii;
	struct dqa_pos pos;
};

struct colref {
	const char *name;
	struct dqa_pos pos;
};

struct check_ops;
struct unit_path;
struct expr;

/* A kind's own parameter as the rule file wrote it (a list joined with
 * ", "), kept for the reports' plain-language requirement texts. */
struct check_param {
	const char *name, *value;
};

struct check {
	const struct check_ops *ops;
	dqa_criterion criterion;
	const char *id;
	struct dqa_pos pos;          /* the kind key in the rule file */
	double weight, min_ratio;
	bool allow_empty;
	bool dataset_level;          /* from ops, or as configured */
	const char *counts;          /* what `evaluated` counts: "rows", "fields"... */
	const char *severity, *message;
	const char *label_en, *label_vi;   /* the rule's `label`, NULL when none */
	struct check_param *params;  /* the kind's parameters, rule order */
	size_t nparams;
	struct expr *where;          /* row filter, NULL: every row */
	struct colref *cols;         /* data columns the check reads */
	size_t ncols;
	void *config;                /* kind-specific, immutable after load */
};

struct dqa_rules {
	struct arena arena;
	struct ydoc doc;
	const char *path;
	const char *dir;             /* relative paths resolve against it */
	const char *name;
	struct colref unit;          /* name NULL: the whole input is one unit */
	struct unit_path *unit_path; /* units from file paths, or NULL */
	const char **expected_units;
	const char **expected_names;  /* each expected unit's name for people, or NULL */
	size_t nexpected;
	struct colref *key;
	size_t nkey;
	const char *map_file;         /* `map:` resolved against the rule file, or NULL */
	const char *map_code;         /* the feature property holding the code, NULL: id */
	double map_tolerance;         /* metres the reports simplify the map by */
	struct geo_map map;           /* the map, simplified by map_tolerance (n 0: none) */
	struct dialect dialect;       /* its limits point at `limits` below */
	const char *source;          /* `source:`'s PostgreSQL URI, or NULL */
	bool header;
	bool strict;                 /* a record not well-formed is an input error */
	bool allow_empty;            /* an extract without records is no finding */
	bool allow_blank_rows;       /* blank lines skipped, no clean.blank_rows */
	struct limits limits;
	struct column_decl *columns;
	size_t ncolumns;
	struct check **checks;       /* declared checks, then the implicit ones */
	size_t nchecks, checks_cap;
	double weights[DQA_CRITERIA];
	double warn_below, fail_below;
	const char **files;          /* reference, catalog and sidecar files named */
	struct dqa_pos *file_pos;    /* where each is named */
	size_t nfiles, files_cap, file_pos_cap;
};

/* Context handed to check kinds while they read their parameters. */
struct rule_mistakes;

struct rules_ctx {
	struct dqa_rules *rules;
	dqa_error *err;
	struct rule_mistakes *mistakes;   /* NULL: stop at the first error */
};

const struct column_decl *rules_column(const struct dqa_rules *r, const char *name);

/* The file name of path without folder and extension (in a): the default
 * name of a dataset or a suite. NULL when out of memory. */
const char *path_stem(struct arena *a, const char *path);

/* Resolves a path written in the rule file against the rule file's folder. */
const char *rules_path(struct rules_ctx *ctx, const char *path);
/* Records a file whose content the rules' verdicts depend on (a reference
 * list, a catalog, a metadata sidecar), for rules_digest. path is kept, not
 * copied. 0 or DQA_ENOMEM. */
int rules_note_file(struct rules_ctx *ctx, const char *path, struct dqa_pos at);

/* Error at a node of the rule file (code DQA_ERULES). */
int rules_error(struct rules_ctx *ctx, const struct ynode *at, const char *hint,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

int rules_error_pos(struct rules_ctx *ctx, struct dqa_pos pos, const char *hint,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Typed parameter readers: each fails with a positioned error when the node
 * has the wrong type. */
int param_string(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 const char **out);
int param_number(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 double *out);
int param_bool(struct rules_ctx *ctx, const struct ynode *node, const char *what,
	       bool *out);
/* A column type: string, integer, number, date or boolean. */
int param_type(struct rules_ctx *ctx, const struct ynode *node, enum vtype *out);
/* A scalar or a list of scalars, as strings. */
int param_string_list(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		      const char ***out, size_t *n);
/* Sets a check's parameter name to value (both copied into the rules arena)
 * unless the rule file gave it: for what a kind resolves itself, such as a
 * type check's declared type. Returns 0 or DQA_ENOMEM with ctx->err set. */
int check_param_default(struct rules_ctx *ctx, struct check *c, const char *name,
			const char *value);
/* Another CSV file named in a rule file, read once while the rules load:
 * the distinct values of `column`, each mapped (strset value) to a pointer,
 * as uintptr_t, to the `paired` column's value in its first row (rules arena)
 * or, without paired, to the value's ordinal among the distinct values.
 * keep_order also lists the distinct values in file order (index = ordinal).
 * A file that cannot be read or lacks a column is a rule error at `at` or at
 * the column's node. */
struct ref_source {
	const char *path;              /* as written: relative to the rule file */
	const char *column, *paired;   /* paired may be NULL */
	const struct ynode *at, *column_at, *paired_at;
	const char *noun;              /* "reference file", "other dataset", ... */
	bool keep_order;
};

struct ref_table {
	struct strset keys;
	const char **ordered;          /* with keep_order, in the rules arena */
	size_t n;
};

/* A file the rules name (read with reader_scan, result rc) could not be
 * read: turns the input error into a rule error at `at`. Other codes pass. */
int rules_input_error(struct rules_ctx *ctx, int rc, const struct ynode *at, const char *noun);
int rules_load_ref(struct rules_ctx *ctx, const struct ref_source *src, struct ref_table *out);
void ref_table_release(struct ref_table *t);

/* "PATH#COLUMN" split into its parts (path copied into the rules arena). */
int param_csv_spec(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		   const char **path, const char **column);
/* A reference "PATH#COLUMN" to a CSV column: loads its distinct values. */
int param_csv_column(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		     struct ref_table *out, bool keep_order);

/* A strftime-like date format, validated. */
int rules_date_format(struct rules_ctx *ctx, const struct ynode *node, const char **out);

/* The date format a check reads `column` with: `format` in map when given
 * (map may be NULL), else the column's declared one, else NULL (ISO 8601). */
int rules_check_date_format(struct rules_ctx *ctx, const char *column, const struct ynode *map,
			    const char **out);

/* The first key of a mapping not among known, or NULL. When there is one,
 * hint gets "did you mean 'x'?" or prefix followed by known[first_listed..]. */
const struct ynode *rules_unknown_key(const struct ynode *map, const char *const *known,
				      size_t nknown, size_t first_listed, const char *prefix,
				      char *hint, size_t cap);

/* Appends a check, refusing a duplicate id (reported at `at`). */
int rules_add_check(struct rules_ctx *ctx, struct check *c, const struct ynode *at);

/* Parses one criterion list of the rule file into checks. */
int rules_parse_checks(struct rules_ctx *ctx, dqa_criterion criterion,
		       const struct ynode *list);

#endif
