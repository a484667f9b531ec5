/* dqa audit RULES DATA...: audit one dataset, print the summary or one
 * report, write the report folder DIR, and apply the quality gate; or,
 * with --state, audit one shard and save its state for dqa merge. With
 * --suite FILE, the same for every dataset of a suite. This file holds the
 * options and picks the mode; the modes are audit_dataset.c and
 * suite_output.c. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* Shard counts far beyond any cluster are a typo. */
enum { MAX_SHARDS = 100000 };

static int parse_shard(const char *value, void *dest, char *why, size_t cap)
{
	struct shard_arg *shard = dest;
	const char *slash = strchr(value, '/');
	char index[32];
	double i, n;
	if (slash && (size_t)(slash - value) < sizeof index) {
		snprintf(index, sizeof index, "%.*s", (int)(slash - value), value);
		if (options_number(index, 1, MAX_SHARDS, true, &i, why, cap) == 0 &&
		    options_number(slash + 1, 1, MAX_SHARDS, true, &n, why, cap) == 0 && i <= n) {
			*shard = (struct shard_arg){(unsigned)i, (unsigned)n};
			return 0;
		}
	}
	snprintf(why, cap, "expected I/N with 1 <= I <= N, such as 2/8");
	return -1;
}

static const char *const input_formats[] = {"csv", "ndjson", "xlsx", NULL};
static const char *const keep_rows_choices[] = {"failed", "all", NULL};

#define A struct audit_args
static const struct option_spec audit_options[] = {
	OPTION("input-format", 0, OPTION_CHOICE, "FMT", OPTION_AT(A, opts.input_format),
	       "read every input as FMT", .choices = input_formats,
	       .default_note = "sniffed from each input's first bytes"),
	RESULT_OUTPUT_OPTIONS(A, output),
	ROWS_OUTPUT_OPTIONS(A, rows),
	THREADS_OPTION(A, opts),
	SHOW_PATHS_OPTION(A, opts),
	OPTION("samples", 0, OPTION_UINT, "N", OPTION_AT(A, opts.samples),
	       "failed-row samples per unit and check", .min = 0, .max = 1000),
	OPTION("now", 0, OPTION_PARSE, "WHEN", OPTION_AT(A, now), "reference time, ISO 8601",
	       .parse = options_parse_time, .default_note = "now", .given = OPTION_GIVEN(A, now_given)),
	OPTION("unit", 'u', OPTION_STRING, "NAME", OPTION_AT(A, opts.unit),
	       "treat every row as belonging to unit NAME"),
	VERBOSE_OPTION(A, verbose, "time, threads, memory of key sets"),
	OPTION("suite", 0, OPTION_STRING, "FILE", OPTION_AT(A, suite),
	       "audit the datasets suite FILE lists, one city report"),
	OPTION("jobs", 0, OPTION_UINT, "N", OPTION_AT(A, opts.jobs),
	       "with --suite: datasets audited at once", .min = 1, .max = 256,
	       .default_note = "one per core"),
	OPTION("shard", 0, OPTION_PARSE, "I/N", OPTION_AT(A, shard),
	       "audit only shard I of N (with --state)", .parse = parse_shard,
	       .given = OPTION_GIVEN(A, shard_given)),
	OPTION("state", 0, OPTION_STRING, "FILE", OPTION_AT(A, state),
	       "save the shard's state to FILE for 'dqa merge' instead of reporting"),
	OPTION("keep-rows", 0, OPTION_CHOICE, "WHAT", OPTION_AT(A, keep_rows),
	       "with --state: keep in FILE.rows, for the row files of 'dqa merge', the "
	       "shard's rows that", .choices = keep_rows_choices),
};
#undef A

static const struct command_help audit_help = {
	"audit (RULES DATA... | --suite FILE) [options]",
	"Audit DATA (CSV, JSON Lines or Excel files, gzip, folders of them or '-' for\n"
	"stdin, read as one dataset) against the rule file RULES and score every unit on\n"
	"the six criteria.",
	audit_options, sizeof audit_options / sizeof *audit_options,
};

/* A suite names its own rule files and data; it is sharded by dataset,
 * and a shard of it is always named (docs/sharding.md). */
static int check_suite_args(const struct audit_args *a, int npositional)
{
	if (npositional)
		return usage_error(&audit_help, "--suite takes no RULES or DATA: the suite file "
				   "lists them");
	if (a->opts.unit)
		return usage_error(&audit_help, "--suite cannot be combined with --unit");
	if (rows_output_wanted(&a->rows) || a->keep_rows)
		return usage_error(&audit_help, "--failed-rows, --valid-rows, --invalid-rows and "
				   "--keep-rows audit one dataset: not with --suite");
	if (a->shard_given != (a->state != NULL))
		return usage_error(&audit_help, "with --suite, --shard I/N and --state FILE go "
				   "together");
	return suite_output_check(&audit_help, &a->output);
}

/* A shard reports nothing: the merge does, once for all shards. */
static int check_shard_args(const struct audit_args *a)
{
	const struct result_output *o = &a->output;
	if (a->shard.count > 1 && !a->state)
		return usage_error(&audit_help, "--shard needs --state FILE");
	/* Each shard would judge freshness against its own start time. */
	if (a->shard.count > 1 && !a->now_given)
		return usage_error(&audit_help, "--shard needs --now WHEN: give --now so every "
				   "shard judges against the same moment");
	bool report = o->out || strcmp(o->format, "text") != 0;
	if (a->state && (report || o->fail_under >= 0 || o->history || o->baseline))
		return usage_error(&audit_help, "with --state, reports, --fail-under, --history and "
				   "--baseline belong to 'dqa merge'");
	if (a->state && rows_output_wanted(&a->rows))
		return usage_error(&audit_help, "with --state, --failed-rows, --valid-rows and "
				   "--invalid-rows belong to 'dqa merge': give the shards "
				   "--keep-rows failed (or all)");
	if (a->keep_rows && !a->state)
		return usage_error(&audit_help, "--keep-rows needs --state FILE: without it, give "
				   "--failed-rows, --valid-rows or --invalid-rows");
	return 0;
}

static int check_args(struct audit_args *a, const char **positional, int n)
{
	int rc = 0;
	if (a->suite)
		rc = check_suite_args(a, n);
	else if (n < 1)
		rc = usage_error(&audit_help, "no rule file given");
	if (rc == 0)
		rc = check_shard_args(a);
	if (rc == 0)
		rc = rows_output_check(&audit_help, &a->rows);
	a->rules = n ? positional[0] : NULL;
	a->data = positional + 1;
	a->ndata = n ? (size_t)n - 1 : 0;
	return rc;
}

static int run(struct audit_args *a)
{
	a->opts.history = a->output.history;
	a->opts.generated_at = cli_generated_at();
	a->opts.now = a->now_given ? a->now : a->opts.generated_at;
	rows_output_options(&a->rows, a->output.out && !a->suite && !a->state, &a->opts);
	if (a->keep_rows) {
		a->opts.keep_failed_rows = true;
		a->opts.keep_records = !strcmp(a->keep_rows, "all");
	}
	a->output.failed_rows_max = a->rows.max;
	a->output.failed_rows_max_given = a->rows.max_given;
	/* a row file on stdout takes the place of the report there */
	if (rows_output_on_stdout(&a->rows))
		a->output.quiet = true;
	if (a->suite && a->state)
		return audit_suite_shard(a->suite, &a->opts, a->shard.index, a->shard.count,
					 a->state, a->output.quiet);
	if (a->suite)
		return audit_suite(a->suite, &a->opts, &a->output);
	return a->state ? audit_dataset_shard(a) : audit_dataset(a);
}

int cmd_audit(int argc, char **argv)
{
	struct audit_args a = {.opts = DQA_AUDIT_OPTIONS_INIT, .shard = {1, 1}, .help = &audit_help};
	result_output_init(&a.output);
	rows_output_init(&a.rows);
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &audit_help, &a, positional, &n);
	if (rc == 0)
		rc = check_args(&a, positional, n);
	if (rc == 0)
		rc = run(&a);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
