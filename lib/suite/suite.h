/* A suite: many datasets of one city (a rule file and data files each),
 * audited one after the other into one city-wide document: a summary table
 * datasets x units x criteria and each dataset's warnings. Each dataset's
 * result is written out (report folder, history) and released as soon as
 * it is audited; only the summary stays. */
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
	dqa_result *result;           /* between its audit and suite_finish_dataset */
};

/* suite.json's "format": 3 since it names each dataset's result file
 * instead of embedding the result. */
enum { SUITE_FORMAT = 3 };

struct dqa_suite {
	struct ydoc doc;
	struct arena arena;
	const char *path, *name;
	unsigned shard, shards;       /* whose data was loaded; 0 shards: none */
	struct suite_dataset *datasets;
	size_t ndatasets;
	json_t *json;                 /* the suite document, after dqa_suite_run */
	json_t *lines, *rows, *entries;   /* its parts, dataset by dataset */
	json_t *unit_files;           /* per dataset: unit -> its page under units/ */
	double score_sum;
	size_t scored;
	double score;
	dqa_status status;
	dqa_suite_sink *sink;         /* where each dataset goes, or NULL */
	bool mapped;                  /* a dataset's map is in the document: the
					 city page's, the only one it keeps */
};

/* Loads the suite file at path and every rule file it names; expands and
 * checks the data of the datasets of shard `shard` of `shards` only (those
 * whose 0-based index is shard - 1 modulo shards), of none when shards is 0
 * (suite_load.c). With shard_hash non-NULL (a merge), a suite file whose
 * bytes no longer hash to *shard_hash fails before it is parsed. */
int suite_load(dqa_suite **out, const char *path, unsigned shard, unsigned shards,
	       const uint64_t *shard_hash, dqa_error *err);

/* Audits every dataset, opts->jobs at once, and finishes each in suite
 * order (suite_jobs.c): the output is the same whatever the number of
 * jobs; on failure, the error is the first failing dataset's in suite
 * order, and the datasets after it are not finished. */
int suite_audit_all(struct dqa_suite *s, const dqa_audit_options *opts, dqa_error *err);

/* Starts the summary (suite_doc.c); 0 or DQA_ENOMEM. */
int suite_begin(struct dqa_suite *s, dqa_error *err);

/* Dataset i's result into the summary, its report folder and the history
 * (as s->sink asks), then releases the result (suite_dir.c). */
int suite_finish_dataset(struct dqa_suite *s, size_t i, dqa_error *err);

/* The dataset's lines of the summary, from its report document. */
int suite_add_summary(struct dqa_suite *s, size_t i, const json_t *result, char **unit_files,
		      dqa_error *err);

/* The suite document from the summary (the suite file as given with
 * show_paths, else an absolute path by its base name), then the city's
 * pages and, with a history, its trend and warning pages (suite_doc.c,
 * suite_dir.c). */
int suite_build_doc(struct dqa_suite *s, int64_t now, int64_t generated_at, bool show_paths,
		    dqa_error *err);
int suite_write_city(struct dqa_suite *s, dqa_error *err);

#endif
