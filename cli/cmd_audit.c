/* dqa audit RULES DATA...: audit one dataset, print the summary or one
 * report, write the report folder DIR, and apply the quality gate. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"
#include "options.h"

enum { OPT_OUT, OPT_FORMAT, OPT_FAIL_UNDER, OPT_THREADS, OPT_SAMPLES, OPT_NOW, OPT_UNIT,
       OPT_COLOR, OPT_QUIET, OPT_HISTORY, OPT_BASELINE, OPT_MAX_DROP, OPT_LANG,
       OPT_VERBOSE };

static const struct option_spec audit_options[] = {
	{OPT_OUT, 'o', "out", "DIR", "write the report folder DIR (created if missing)"},
	{OPT_FORMAT, 'f', "format", "FMT", "report on stdout: text (default), json, csv, md, "
					   "junit or html"},
	{OPT_LANG, 0, "lang", "LANG", "reports in vi or en (default: from LC_ALL, LC_MESSAGES, "
				      "LANG)"},
	{OPT_FAIL_UNDER, 0, "fail-under", "SCORE", "exit 1 when the overall score is below SCORE"},
	{OPT_THREADS, 'j', "threads", "N", "worker threads (default: all cores)"},
	{OPT_SAMPLES, 0, "samples", "N", "failed-row samples per unit and check (default 5)"},
	{OPT_NOW, 0, "now", "WHEN", "reference time, ISO 8601 (default: now)"},
	{OPT_UNIT, 'u', "unit", "NAME", "treat every row as belonging to unit NAME"},
	{OPT_COLOR, 0, "color", "WHEN", "auto (default), always or never"},
	{OPT_QUIET, 'q', "quiet", NULL, "print no report on stdout"},
	{OPT_VERBOSE, 'v', "verbose", NULL, "on stderr: time, rows, threads, memory of key sets"},
	{OPT_HISTORY, 0, "history", "FILE", "append this run's scores to FILE (CSV)"},
	{OPT_BASELINE, 0, "baseline", "FILE", "exit 1 on a drop against FILE (history or JSON)"},
	{OPT_MAX_DROP, 0, "max-drop", "N", "points a unit may drop against --baseline (default 0)"},
};

static const struct command_help audit_help = {
	"audit RULES DATA... [options]",
	"Audit DATA (CSV files, gzip or '-' for stdin, read as one dataset) against\n"
	"the rule file RULES and score every unit on the six criteria.",
	audit_options, sizeof audit_options / sizeof *audit_options,
};

struct audit_args {
	const char *out, *unit;
	const char *format;       /* "text" (the summary), "json", ... */
	dqa_lang lang;
	bool quiet, verbose;
	int color;                /* -1 auto, 0 never, 1 always */
	double fail_under;        /* < 0: no gate besides status */
	unsigned samples, threads;
	const char *now;
	const char *history, *baseline;
	double max_drop;
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

static int on_option(void *ctx, int id, const char *value)
{
	struct audit_args *a = ctx;
	char *end;
	switch (id) {
	case OPT_OUT: a->out = value; return 0;
	case OPT_UNIT: a->unit = value; return 0;
	case OPT_NOW: a->now = value; return 0;
	case OPT_QUIET: a->quiet = true; return 0;
	case OPT_VERBOSE: a->verbose = true; return 0;
	case OPT_HISTORY: a->history = value; return 0;
	case OPT_BASELINE: a->baseline = value; return 0;
	case OPT_MAX_DROP:
		a->max_drop = strtod(value, &end);
		if (!*value || *end || !(a->max_drop >= 0 && a->max_drop <= 100))
			return usage_error(&audit_help, "invalid --max-drop '%s': expected points from 0 to 100", value);
		return 0;
	case OPT_FORMAT:
		if (strcmp(value, "text") && !dqa_report_format_known(value))
			return usage_error(&audit_help, "invalid --format '%s': use text, json, csv, "
					   "md, junit or html", value);
		a->format = value;
		return 0;
	case OPT_LANG:
		if (dqa_lang_parse(value, &a->lang) < 0)
			return usage_error(&audit_help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_COLOR: return cli_color_option(&audit_help, value, &a->color);
	case OPT_FAIL_UNDER:
		a->fail_under = strtod(value, &end);
		if (!*value || *end || !(a->fail_under >= 0 && a->fail_under <= 100))
			return usage_error(&audit_help, "invalid --fail-under '%s': expected a score from 0 to 100", value);
		return 0;
	case OPT_SAMPLES: return parse_count(value, "--samples", 1000, &a->samples);
	case OPT_THREADS:
		if (parse_count(value, "--threads", 1024, &a->threads))
			return EXIT_USAGE;
		return a->threads ? 0 : usage_error(&audit_help, "invalid --threads '0': use at least 1");
	}
	return 0;
}

/* SOURCE_DATE_EPOCH (reproducible builds) pins generated_at for tests. */
static int64_t generated_at(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (epoch && *epoch) {
		long long t = strtoll(epoch, &end, 10);
		if (!*end)
			return t;
	}
	return (int64_t)time(NULL);
}

/* Every output goes through the result's JSON document, as `dqa report`
 * renders it: the text summary, a report format and the report folder. */
static int emit(const dqa_result *res, const struct audit_args *a)
{
	const char *format = a->quiet ? NULL : a->format;
	if (!a->out && !format)
		return 0;
	dqa_report *rep = NULL;
	dqa_error err = {0};
	if (dqa_report_from_result(&rep, res, &err) < 0)
		return report_error(&err);
	/* Trend lines for index.html; the history does not hold this run yet. */
	bool html = a->out || (format && !strcmp(format, "html"));
	int rc = a->history && html ? cli_add_history(rep, a->history, true) : 0;
	if (rc == 0)
		rc = cli_write_reports(rep, a->out, format, a->lang, a->quiet, a->color);
	dqa_report_free(rep);
	return rc;
}

static int gate(const dqa_result *res, const struct audit_args *a)
{
	/* Judge and print the score as the reports show it (two decimals, half
	 * away from zero): 89.996 shows as 90.00 and passes --fail-under 90. */
	double score = round(dqa_result_score(res) * 100) / 100;
	if (dqa_result_status(res) == DQA_FAIL) {
		fprintf(stderr, "dqa: quality gate failed: overall status is fail (score %.2f)\n", score);
		return EXIT_GATE;
	}
	if (a->fail_under < 0)
		return EXIT_PASS;
	if (isnan(score)) {
		fputs("dqa: quality gate failed: nothing was scored, so no score reaches --fail-under\n",
		      stderr);
		return EXIT_GATE;
	}
	if (score < a->fail_under) {
		fprintf(stderr, "dqa: quality gate failed: overall score %.2f is below --fail-under %g\n",
			score, a->fail_under);
		return EXIT_GATE;
	}
	return EXIT_PASS;
}

/* Reads the baseline before --history appends to what may be the same file.
 * When both name one file that does not exist yet, this is the first run
 * (a nightly job or CI, day one): nothing to compare, so a note, no gate. A
 * baseline named alone must exist, or a typo would switch the gate off. */
static int compare_baseline(const dqa_result *res, const struct audit_args *a, char **message)
{
	if (a->history && !strcmp(a->baseline, a->history) && access(a->baseline, F_OK) < 0 &&
	    errno == ENOENT) {
		const char *fmt = "dqa: note: %s does not exist yet (first run): no regression gate\n";
		size_t size = strlen(fmt) + strlen(a->baseline);
		*message = malloc(size);
		if (*message)
			snprintf(*message, size, fmt, a->baseline);
		return 0;
	}
	dqa_error err = {0};
	int rc = dqa_baseline_compare(res, a->baseline, a->max_drop, message, &err);
	return rc < 0 ? report_error(&err) : rc;
}

static int append_history(const dqa_result *res, const struct audit_args *a)
{
	dqa_error err = {0};
	return dqa_history_append(a->history, res, &err) < 0 ? report_error(&err) : 0;
}

static void write_verbose(const dqa_result *res, const struct progress *progress,
			  unsigned threads)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double seconds = (double)(now.tv_sec - progress->start.tv_sec) +
			 (double)(now.tv_nsec - progress->start.tv_nsec) / 1e9;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	fprintf(stderr, "dqa: audited in %.2f s with %u worker thread%s\n", seconds,
		threads ? threads : (unsigned)(cores > 0 ? cores : 1),
		threads == 1 ? "" : "s");
	dqa_result_write_memory(res, stderr);
}

int cmd_audit(int argc, char **argv)
{
	struct audit_args a = {.format = "text", .color = -1, .fail_under = -1, .samples = 5,
			       .lang = cli_default_lang()};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &audit_help, on_option, &a, positional, &n);
	if (rc == 0 && n < 2)
		rc = usage_error(&audit_help, n ? "no data files given" : "no rule file given");
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.samples = a.samples;
	opts.threads = a.threads;
	opts.unit = a.unit;
	opts.history = a.history;
	opts.generated_at = generated_at();
	opts.now = opts.generated_at;
	if (rc == 0 && a.now && dqa_time_parse(a.now, &opts.now) < 0)
		rc = usage_error(&audit_help, "invalid --now '%s': expected an ISO 8601 date such as 2026-11-22 or 2026-11-22T00:00:00Z", a.now);
	dqa_rules *rules = NULL;
	dqa_result *res = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_rules_load(&rules, positional[0], &err) < 0)
		rc = report_error(&err);
	struct progress progress;
	progress_start(&progress);
	if (progress_wanted(a.quiet)) {
		opts.progress = progress_update;
		opts.progress_ctx = &progress;
	}
	int ran = rc == 0 ? dqa_audit_run(&res, rules, positional + 1, (size_t)n - 1, &opts, &err) : 0;
	progress_finish(&progress);
	if (ran < 0)
		rc = report_error(&err);
	if (rc == 0 && a.verbose)
		write_verbose(res, &progress, a.threads);
	char *regression = NULL;
	int dropped = 0;
	if (rc == 0 && a.baseline && (dropped = compare_baseline(res, &a, &regression)) > EXIT_GATE)
		rc = dropped;
	if (rc == 0)
		rc = emit(res, &a);
	if (rc == 0 && a.history)
		rc = append_history(res, &a);
	if (rc == 0)
		rc = gate(res, &a);
	if (regression)
		fputs(regression, stderr);
	if (rc == 0 && dropped)
		rc = EXIT_GATE;
	free(regression);
	dqa_result_free(res);
	dqa_rules_free(rules);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
