/* dqa merge STATE...: fold the states of every shard of one audit into the
 * result, reports and exit status of the unsharded audit; or the suite
 * states of every shard of one suite into what dqa audit --suite gives. */
#include <stdlib.h>

#include "progress.h"
#include "result_output.h"
#include "rows_output.h"

struct merge_args {
	dqa_merge_options opts;   /* the library's defaults, then the options */
	struct result_output output;
	struct rows_output rows;
	bool verbose;
};

#define M struct merge_args
static const struct option_spec merge_options[] = {
	RESULT_OUTPUT_OPTIONS(M, output),
	ROWS_OUTPUT_OPTIONS(M, rows),
	OPTION("rules", 0, OPTION_STRING, "FILE", OPTION_AT(M, opts.rules),
	       "the rule file, when it is no longer where the shards read it (it must not have "
	       "changed)"),
	THREADS_OPTION(M, opts),
	SHOW_PATHS_OPTION(M, opts),
	VERBOSE_OPTION(M, verbose, "time and threads of a dataset merge"),
};
#undef M

static const struct command_help merge_help = {
	"merge STATE... [options]",
	"Merge the state files written by 'dqa audit ... --shard I/N --state FILE'\n"
	"(one per shard, any order) into one result: the same scores, reports and\n"
	"exit status as auditing the whole dataset at once. Suite states (written\n"
	"by 'dqa audit --suite FILE --shard I/N --state FILE') merge into the suite's\n"
	"city-wide report. The row files take the rows the shards kept with\n"
	"--keep-rows.",
	merge_options, sizeof merge_options / sizeof *merge_options,
};

/* Suite states name their suite file, and it names the rule files. */
static int merge_suite_states(const struct merge_args *a, const char **states, size_t n,
			      const dqa_merge_options *opts)
{
	if (opts->rules)
		return usage_error(&merge_help, "suite states take no --rules: the suite file "
				   "names the rule files");
	if (rows_output_wanted(&a->rows))
		return usage_error(&merge_help, "--failed-rows, --valid-rows and --invalid-rows "
				   "merge one dataset's shards: not suite states");
	int rc = suite_output_check(&merge_help, &a->output);
	return rc ? rc : merge_suite(states, n, opts, &a->output);
}

/* The states of one dataset's shards: its result, reports and gate. */
static int merge_dataset_states(const struct merge_args *a, const char **states, size_t n)
{
	dqa_result *res = NULL;
	dqa_error err = {0};
	struct progress progress;
	progress_start(&progress);
	int rc = 0;
	if (dqa_merge_run(&res, states, n, &a->opts, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a->verbose) {
		unsigned workers = dqa_result_threads(res);
		fprintf(stderr, "dqa: merged in %.2f s with %u worker thread%s\n",
			progress_elapsed(&progress), workers, workers == 1 ? "" : "s");
	}
	if (rc == 0)
		rc = rows_output_write(res, &a->rows, cli_lang(a->output.lang), a->output.quiet);
	if (rc == 0)
		rc = result_output_write(res, &a->output);
	dqa_result_free(res);
	return rc;
}

/* What the merge needs of the shards' kept rows, and where they go. */
static void use_rows(struct merge_args *a)
{
	dqa_audit_options kept = DQA_AUDIT_OPTIONS_INIT;
	rows_output_options(&a->rows, false, &kept);
	a->opts.failed_rows = kept.keep_failed_rows;
	a->opts.records = kept.keep_records;
	a->opts.unmasked = kept.unmasked;
	a->output.failed_rows_max = a->rows.max;
	a->output.failed_rows_max_given = a->rows.max_given;
	if (rows_output_on_stdout(&a->rows))
		a->output.quiet = true;
}

int cmd_merge(int argc, char **argv)
{
	struct merge_args a = {.opts = DQA_MERGE_OPTIONS_INIT};
	result_output_init(&a.output);
	rows_output_init(&a.rows);
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &merge_help, &a, positional, &n);
	if (rc == 0 && n == 0)
		rc = usage_error(&merge_help, "no state files given");
	if (rc == 0)
		rc = rows_output_check(&merge_help, &a.rows);
	use_rows(&a);
	a.opts.history = a.output.history;
	a.opts.generated_at = cli_generated_at();
	if (rc == 0 && dqa_state_is_suite(positional[0]))
		rc = merge_suite_states(&a, positional, (size_t)n, &a.opts);
	else if (rc == 0)
		rc = merge_dataset_states(&a, positional, (size_t)n);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
