/* The scored result: plain data that every report is rendered from, with
 * no link back to the audit that produced it. */
#ifndef DQA_RESULT_H
#define DQA_RESULT_H

#include "dqa.h"
#include "rules/geo_map.h"
#include "util/arena.h"

struct rowlog;

struct res_sample {
	uint64_t line;
	uint32_t input_index;
	const char *input;            /* set when the dataset has several inputs */
	size_t nvalues;
	const char **names, **values; /* pii values already masked */
	size_t *lens;                 /* of each value: data may hold NUL bytes */
	/* the record's dataset.key values (result's key_columns order), pii
	 * masked; nkeys 0 when the check keeps no row (unique) */
	const char **keys;
	size_t *key_lens, nkeys;
	const char *note;
	const char *cell;             /* a workbook's cell reference (Sheet1!C17), or NULL */
};

/* A kind's parameter as the rule file wrote it (a list joined with ", "). */
struct res_param {
	const char *name, *value;
};

struct res_check {
	const char *id, *kind;
	dqa_criterion criterion;
	const char **columns;
	size_t ncolumns;
	const char *counts;           /* what evaluated counts: rows, fields... */
	double weight, min_ratio;
	uint64_t evaluated, failed;
	double score;                 /* NaN: nothing evaluated */
	bool passed;
	double cost;                  /* points it took off the unit's score (the
					 dataset's, for a dataset-level check) */
	struct res_sample *samples;
	size_t nsamples;
	const char *note;
	const char *marker;           /* recorded in the history (stalled) */
	const char *message;          /* the rule's `message`, NULL when none */
	const char *label_en, *label_vi;   /* the rule's `label`, NULL when none */
	struct res_param *params;     /* the kind's parameters, rule order */
	size_t nparams;
};

struct res_unit {
	const char *name;
	const char *unit_name;        /* for people, from expected_units' name column, or NULL */
	uint64_t rows;
	bool missing;
	double score;                 /* NaN: nothing scored */
	dqa_status status;
	double criteria[DQA_CRITERIA];   /* NaN: criterion has no score */
	struct res_check *checks;
	size_t nchecks;
	size_t reasons[3];            /* checks with the largest cost */
	size_t nreasons;
};

/* What a check kept in memory (its key or reference set). */
struct res_memory {
	const char *id;
	uint64_t entries, bytes;
};

struct dqa_result {
	struct arena arena;
	const char *rules_path, *dataset;
	const char **inputs;
	size_t ninputs;
	int64_t generated_at, now;
	uint64_t rows;
	double score;
	dqa_status status;
	double criteria[DQA_CRITERIA];
	bool criterion_used[DQA_CRITERIA];   /* has a check of weight > 0 */
	double weights[DQA_CRITERIA];
	/* Per criterion, the summed weights of the rule set's unit-level
	 * checks: the units' roll-up counts with this weight in the dataset's
	 * criterion score, beside each dataset-level check's own weight. */
	double unit_weights[DQA_CRITERIA];
	struct res_check *dataset_checks;   /* dataset-level checks, rule order */
	size_t ndataset_checks;
	bool empty_fails;             /* no records, not allowed: the dataset fails */
	double warn_below, fail_below;
	struct res_unit *units;       /* sorted by name */
	size_t nunits;
	struct res_memory *memory;
	size_t nmemory;
	size_t *warnings;             /* unit indices, worst first */
	size_t nwarnings;
	const char *rules_hash;       /* rules_digest: the rules and files they read */
	struct res_file *rule_files;  /* the rule file, then each file it read */
	size_t nrule_files;
	const char **key_columns;     /* dataset.key, in order */
	size_t nkey_columns;
	const char *map_file;         /* dataset.map, as resolved, or NULL */
	const char *map_code;         /* its code property, NULL: the feature id */
	double map_tolerance;         /* metres the map is simplified by */
	struct geo_map map;           /* its shapes, simplified, in the arena (n 0: none) */
	const char **pii_columns;     /* columns declared pii: true, masked in samples */
	size_t npii_columns;
	const char **check_ids;       /* every check of the rules, in order */
	size_t ncheck_ids;
	unsigned threads;             /* worker threads the audit or merge ran */
	bool show_paths;              /* paths as given (dqa_audit_options) */
	struct rowlog *rowlog;        /* the failed rows and records kept, or NULL */
};

/* A file the rules read and the 16 hex digits of its contents' hash. */
struct res_file {
	const char *path, *hash;
};

/* Computes every score, status, cost and the warning list from the counts. */
void result_score(struct dqa_result *r);

/* What one check found over every unit: its counts summed, and its first
 * samples in unit order (up to the caller's cap). */
struct check_sum {
	uint64_t evaluated, failed;
	const struct res_sample **samples;
	size_t nsamples, cap;
};
void result_check_sum(const struct dqa_result *r, const char *id, struct check_sum *t);

#endif
