/* A suite: many datasets of one city (a rule file and data files each),
 * audited one after the other into one city-wide document: every dataset's
 * result plus a summary table datasets x units x criteria. */
#ifndef DQA_SUITE_H
#define DQA_SUITE_H

#include <jansson.h>

#include "../dqa.h"
#include "../util/arena.h"
#include "../rules/yaml_tree.h"

struct suite_dataset {
	const char *name;             /* also its report sub-folder */
	dqa_rules *rules;
	char **inputs;                /* globs and folders expanded */
	size_t ninputs;
	dqa_result *result;           /* after dqa_suite_run */
};

struct dqa_suite {
	struct ydoc doc;
	struct arena arena;
	const char *path, *name;
	unsigned shard, shards;       /* whose data was loaded; 0 shards: none */
	struct suite_dataset *datasets;
	size_t ndatasets;
	json_t *json;                 /* the suite document, after dqa_suite_run */
	double score;
	dqa_status status;
};

/* Loads the suite file at path and every rule file it names; expands and
 * checks the data of the datasets of shard `shard` of `shards` only (those
 * whose 0-based index is shard - 1 modulo shards), of none when shards is 0
 * (suite_load.c). With shard_hash non-NULL (a merge), a suite file whose
 * bytes no longer hash to *shard_hash fails before it is parsed. */
int suite_load(dqa_suite **out, const char *path, unsigned shard, unsigned shards,
	       const uint64_t *shard_hash, dqa_error *err);

/* Audits every dataset into its result, opts->jobs at once (suite_jobs.c).
 * Each result is the same whatever the number of jobs; on failure, the
 * error is the first failing dataset's in suite order. */
int suite_audit_all(struct dqa_suite *s, const dqa_audit_options *opts, dqa_error *err);

/* The suite document of the datasets' results (suite_doc.c); the suite
 * file as given with show_paths, else an absolute path by its base name. */
int suite_build_doc(struct dqa_suite *s, int64_t now, int64_t generated_at, bool show_paths,
		    dqa_error *err);

#endif
