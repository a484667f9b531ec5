/* dqa audit RULES DATA...: one dataset, audited and reported, or one shard
 * of it saved as a state for dqa merge. */
#include <stdlib.h>

#include "audit.h"
#include "progress.h"

/* The rules and the data files the operands name, or the rule file's
 * own source; an exit status. */
static int load(const struct audit_args *a, dqa_rules **rules, char ***inputs, size_t *ninputs)
{
	int rc = load_rules(rules, a->rules);
	if (rc)
		return rc;
	const char *source;
	dqa_rules_source(*rules, &source);
	if (!source && a->ndata == 0)
		return usage_error(a->help, "no data files given");
	if (source && a->ndata > 0)
		return usage_error(a->help, "the rule file names its data (source:): give no DATA");
	dqa_error err = {0};
	if (dqa_inputs_expand(inputs, ninputs, source ? &source : a->data, source ? 1 : a->ndata,
			      &err) < 0)
		return report_error(&err);
	return 0;
}

/* --verbose: what ran, as the library reports it. */
static void write_verbose(const dqa_result *res, const struct progress *progress)
{
	unsigned workers = dqa_result_threads(res);
	fprintf(stderr, "dqa: audited in %.2f s with %u worker thread%s\n",
		progress_elapsed(progress), workers, workers == 1 ? "" : "s");
	dqa_result_write_memory(res, stderr);
}

static void show_progress(struct audit_args *a, struct progress *progress)
{
	progress_start(progress);
	if (progress_wanted(a->output.quiet)) {
		a->opts.progress = progress_update;
		a->opts.progress_ctx = progress;
	}
}

int audit_dataset(struct audit_args *a)
{
	dqa_rules *rules = NULL;
	char **inputs = NULL;
	size_t ninputs = 0;
	dqa_result *res = NULL;
	dqa_error err = {0};
	struct progress progress;
	int rc = load(a, &rules, &inputs, &ninputs);
	show_progress(a, &progress);
	if (rc == 0 && dqa_audit_run(&res, rules, (const char *const *)inputs, ninputs, &a->opts,
				     &err) < 0)
		rc = report_error(&err);
	progress_finish(&progress);
	if (rc == 0 && a->verbose)
		write_verbose(res, &progress);
	if (rc == 0)
		rc = rows_output_write(res, &a->rows, cli_lang(a->output.lang), a->output.quiet);
	if (rc == 0)
		rc = result_output_write(res, &a->output);
	dqa_result_free(res);
	dqa_inputs_free(inputs, ninputs);
	dqa_rules_free(rules);
	return rc;
}

int audit_dataset_shard(struct audit_args *a)
{
	dqa_rules *rules = NULL;
	char **inputs = NULL;
	size_t ninputs = 0;
	dqa_error err = {0};
	uint64_t rows = 0;
	struct progress progress;
	int rc = load(a, &rules, &inputs, &ninputs);
	show_progress(a, &progress);
	if (rc == 0 && dqa_audit_shard(rules, (const char *const *)inputs, ninputs, &a->opts,
				       a->shard.index, a->shard.count, a->state, &rows, &err) < 0)
		rc = report_error(&err);
	progress_finish(&progress);
	if (rc == 0 && !a->output.quiet)
		fprintf(stderr, "dqa: shard %u/%u: %llu rows, state in %s\n", a->shard.index,
			a->shard.count, (unsigned long long)rows, a->state);
	dqa_inputs_free(inputs, ninputs);
	dqa_rules_free(rules);
	return rc;
}
