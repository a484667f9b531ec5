/* dqa audit RULES DATA...: audit one dataset, print the summary or one
 * report, write the report folder DIR, and apply the quality gate; or,
 * with --state, audit one shard and save its state for dqa merge. With
 * --suite FILE, the same for every dataset of a suite. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "result_output.h"

enum { OPT_THREADS, OPT_SAMPLES, OPT_NOW, OPT_UNIT, OPT_SHARD, OPT_STATE, OPT_VERBOSE,
       OPT_SUITE };

static const struct option_spec audit_options[] = {
	RESULT_OUTPUT_OPTIONS,
	{OPT_THREADS, 'j', "threads", "N", "worker threads (default: all cores)"},
	{OPT_SAMPLES, 0, "samples", "N", "failed-row samples per unit and check (default 5)"},
	{OPT_NOW, 0, "now", "WHEN", "reference time, ISO 8601 (default: now)"},
	{OPT_UNIT, 'u', "unit", "NAME", "treat every row as belonging to unit NAME"},
	{OPT_VERBOSE, 'v', "verbose", NULL, "on stderr: time, threads, memory of key sets"},
	{OPT_SUITE, 0, "suite", "FILE", "audit the datasets suite FILE lists, one city report"},
	{OPT_SHARD, 0, "shard", "I/N", "audit only shard I of N (with --state)"},
	{OPT_STATE, 0, "state", "FILE", "save the shard's state to FILE for 'dqa merge' "
					"instead of reporting"},
};

static const struct command_help audit_help = {
	"audit (RULES DATA... | --suite FILE) [options]",
	"Audit DATA (CSV files, gzip, folders of them or '-' for stdin, read as one\n"
	"dataset) against the rule file RULES and score every unit on the six\n"
	"criteria.",
	audit_options, sizeof audit_options / sizeof *audit_options,
};

struct audit_args {
	struct result_output output;
	const char *unit, *now, *state, *suite;
	unsigned samples, threads;
	unsigned shard, shards;   /* shard I of N; 1/1 unless --shard */
	bool shard_given, verbose;
};

static int parse_count(const char *value, const char *what, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(value, &end, 10);
	if (!*value || *end || errno || n > max || value[0] == '-')
		return usage_error(&audit_help, "invalid %s '%s': expected a whole number up to %u",
				   what, value, max);
	*out = (unsigned)n;
	return 0;
}

/* Shard counts far beyond any cluster are a typo. */
enum { MAX_SHARDS = 100000 };

static int parse_shard(struct audit_args *a, const char *value)
{
	char *end;
	errno = 0;
	unsigned long i = strtoul(value, &end, 10), n = 0;
	if (*end == '/' && end[1] != '-')
		n = strtoul(end + 1, &end, 10);
	if (value[0] == '-' || *end || errno || i < 1 || n < 1 || i > n || n > MAX_SHARDS)
		return usage_error(&audit_help, "invalid --shard '%s': expected I/N with 1 <= I <= N, "
				   "such as 2/8", value);
	a->shard = (unsigned)i;
	a->shards = (unsigned)n;
	a->shard_given = true;
	return 0;
}

static int on_option(void *ctx, int id, const char *value)
{
	struct audit_args *a = ctx;
	int rc = result_output_option(&audit_help, &a->output, id, value);
	if (rc >= 0)
		return rc;
	switch (id) {
	case OPT_UNIT: a->unit = value; return 0;
	case OPT_NOW: a->now = value; return 0;
	case OPT_STATE: a->state = value; return 0;
	case OPT_SUITE: a->suite = value; return 0;
	case OPT_VERBOSE: a->verbose = true; return 0;
	case OPT_SHARD: return parse_shard(a, value);
	case OPT_SAMPLES: return parse_count(value, "--samples", 1000, &a->samples);
	case OPT_THREADS:
		if (parse_count(value, "--threads", 1024, &a->threads))
			return EXIT_USAGE;
		return a->threads ? 0 : usage_error(&audit_help, "invalid --threads '0': use at least 1");
	}
	return 0;
}

/* A suite names its own rule files and data; it is sharded by dataset,
 * and a shard of it is always named (docs/sharding.md). */
static int check_suite_args(const struct audit_args *a, int npositional)
{
	if (npositional)
		return usage_error(&audit_help, "--suite takes no RULES or DATA: the suite file "
				   "lists them");
	if (a->unit)
		return usage_error(&audit_help, "--suite cannot be combined with --unit");
	if (a->shard_given != (a->state != NULL))
		return usage_error(&audit_help, "with --suite, --shard I/N and --state FILE go "
				   "together");
	return suite_output_check(&audit_help, &a->output);
}

/* A shard reports nothing: the merge does, once for all shards. */
static int check_shard_args(const struct audit_args *a)
{
	const struct result_output *o = &a->output;
	if (a->shards > 1 && !a->state)
		return usage_error(&audit_help, "--shard needs --state FILE");
	bool report = o->out || strcmp(o->format, "text") != 0;
	if (a->state && (report || o->fail_under >= 0 || o->history || o->baseline))
		return usage_error(&audit_help, "with --state, reports, --fail-under, --history and "
				   "--baseline belong to 'dqa merge'");
	return 0;
}

static int audit_shard(const dqa_rules *rules, const char *const *inputs, size_t n,
		       const dqa_audit_options *opts, const struct audit_args *a)
{
	dqa_error err = {0};
	uint64_t rows;
	if (dqa_audit_shard(rules, inputs, n, opts, a->shard, a->shards, a->state, &rows, &err) < 0)
		return report_error(&err);
	if (!a->output.quiet)
		fprintf(stderr, "dqa: shard %u/%u: %llu rows, state in %s\n", a->shard, a->shards,
			(unsigned long long)rows, a->state);
	return EXIT_PASS;
}

static void write_verbose(const dqa_result *res, const struct progress *progress)
{
	unsigned workers = dqa_result_threads(res);
	fprintf(stderr, "dqa: audited in %.2f s with %u worker thread%s\n",
		progress_elapsed(progress), workers, workers == 1 ? "" : "s");
	dqa_result_write_memory(res, stderr);
}

int cmd_audit(int argc, char **argv)
{
	struct audit_args a = {.samples = 5, .shard = 1, .shards = 1};
	result_output_init(&a.output);
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &audit_help, on_option, &a, positional, &n);
	if (rc == 0 && a.suite)
		rc = check_suite_args(&a, n);
	else if (rc == 0 && n < 2)
		rc = usage_error(&audit_help, n ? "no data files given" : "no rule file given");
	if (rc == 0)
		rc = check_shard_args(&a);
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.samples = a.samples;
	opts.threads = a.threads;
	opts.unit = a.unit;
	opts.history = a.output.history;
	opts.generated_at = cli_generated_at();
	opts.now = opts.generated_at;
	if (rc == 0 && a.now && dqa_time_parse(a.now, &opts.now) < 0)
		rc = usage_error(&audit_help, "invalid --now '%s': expected an ISO 8601 date such as 2026-11-22 or 2026-11-22T00:00:00Z", a.now);
	if (rc == 0 && a.suite) {
		free(positional);
		return a.state ? audit_suite_shard(a.suite, &opts, a.shard, a.shards, a.state,
						   a.output.quiet)
			       : audit_suite(a.suite, &opts, &a.output);
	}
	dqa_rules *rules = NULL;
	dqa_result *res = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_rules_load(&rules, positional[0], &err) < 0)
		rc = report_error(&err);
	char **inputs = NULL;
	size_t ninputs = 0;
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional + 1, (size_t)n - 1, &err) < 0)
		rc = report_error(&err);
	struct progress progress;
	progress_start(&progress);
	if (progress_wanted(a.output.quiet)) {
		opts.progress = progress_update;
		opts.progress_ctx = &progress;
	}
	if (rc == 0 && a.state) {
		rc = audit_shard(rules, (const char *const *)inputs, ninputs, &opts, &a);
		progress_finish(&progress);
	} else if (rc == 0) {
		int ran = dqa_audit_run(&res, rules, (const char *const *)inputs, ninputs, &opts, &err);
		progress_finish(&progress);
		if (ran < 0)
			rc = report_error(&err);
		if (rc == 0 && a.verbose)
			write_verbose(res, &progress);
		if (rc == 0)
			rc = result_output_write(res, &a.output);
	}
	dqa_result_free(res);
	dqa_inputs_free(inputs, ninputs);
	dqa_rules_free(rules);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
