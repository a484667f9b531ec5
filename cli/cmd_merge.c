/* dqa merge STATE...: fold the states of every shard of one audit into the
 * result, reports and exit status of the unsharded audit; or the suite
 * states of every shard of one suite into what dqa audit --suite gives. */
#include <stdlib.h>

#include "result_output.h"

enum { OPT_RULES };

static const struct option_spec merge_options[] = {
	RESULT_OUTPUT_OPTIONS,
	{OPT_RULES, 0, "rules", "FILE", "the rule file, when it is no longer where the shards "
					"read it (it must not have changed)"},
};

static const struct command_help merge_help = {
	"merge STATE... [options]",
	"Merge the state files written by 'dqa audit ... --shard I/N --state FILE'\n"
	"(one per shard, any order) into one result: the same scores, reports and\n"
	"exit status as auditing the whole dataset at once. Suite states (written\n"
	"by 'dqa audit --suite FILE --shard I/N --state FILE') merge into the suite's\n"
	"city-wide report.",
	merge_options, sizeof merge_options / sizeof *merge_options,
};

struct merge_args {
	struct result_output output;
	const char *rules;
};

static int on_option(void *ctx, int id, const char *value)
{
	struct merge_args *a = ctx;
	int rc = result_output_option(&merge_help, &a->output, id, value);
	if (rc >= 0)
		return rc;
	if (id == OPT_RULES)
		a->rules = value;
	return 0;
}

/* Suite states name their suite file, and it names the rule files. */
static int merge_suite_states(const struct merge_args *a, const char **states, size_t n,
			      const dqa_merge_options *opts)
{
	if (a->rules)
		return usage_error(&merge_help, "suite states take no --rules: the suite file "
				   "names the rule files");
	int rc = suite_output_check(&merge_help, &a->output);
	return rc ? rc : merge_suite(states, n, opts, &a->output);
}

int cmd_merge(int argc, char **argv)
{
	struct merge_args a = {0};
	result_output_init(&a.output);
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &merge_help, on_option, &a, positional, &n);
	if (rc == 0 && n == 0)
		rc = usage_error(&merge_help, "no state files given");
	dqa_merge_options opts = DQA_MERGE_OPTIONS_INIT;
	opts.rules = a.rules;
	opts.history = a.output.history;
	opts.generated_at = cli_generated_at();
	if (rc == 0 && dqa_state_is_suite(positional[0])) {
		rc = merge_suite_states(&a, positional, (size_t)n, &opts);
		free(positional);
		return rc;
	}
	dqa_result *res = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_merge_run(&res, positional, (size_t)n, &opts, &err) < 0)
		rc = report_error(&err);
	else if (rc == 0)
		rc = result_output_write(res, &a.output);
	dqa_result_free(res);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
