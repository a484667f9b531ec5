/* dqa suggest DATA... > rules.yaml: a rule file suggested from a profile of
 * the data, each check with the observation it rests on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

enum { OPT_UNITS, OPT_HOLDOUT, OPT_SEED, OPT_ENCODING, OPT_THREADS, OPT_NOW };

/* Reference lists --units may name at most. */
enum { MAX_UNIT_REFS = 16 };

static const struct option_spec suggest_options[] = {
	{OPT_UNITS, 0, "units", "PATH#COLUMN", "a list of unit codes a unit column is matched "
					       "against (repeatable)"},
	{OPT_HOLDOUT, 0, "holdout", "PCT", "suggest from the other rows, then audit PCT% of them "
					   "(such as 10%) and report the checks that fail"},
	{OPT_SEED, 0, "seed", "N", "which rows --holdout picks (default 1)"},
	{OPT_ENCODING, 0, "encoding", "NAME", "of the data: utf-8 (default), windows-1258, tcvn3, "
					      "vni, latin1, utf-16"},
	{OPT_THREADS, 'j', "threads", "N", "worker threads (default: all cores)"},
	{OPT_NOW, 0, "now", "WHEN", "reference time, ISO 8601 (default: now)"},
};

static const struct command_help suggest_help = {
	"suggest DATA... [options] > rules.yaml",
	"Profile the data files DATA and write a rule file suggested from them on\n"
	"standard output: types and date formats, identifier checks, enums, ranges,\n"
	"not_null, a key, trimmed and nfc, fresh, and with --units the unit column.\n"
	"Every check states its reason in a comment. See dqa(1), SUGGEST.",
	suggest_options, sizeof suggest_options / sizeof *suggest_options,
};

struct suggest_args {
	dqa_profile_options opts;
	const char *now;
	const char *units[MAX_UNIT_REFS];
	size_t nunits;
};

/* "10%" or "10": a share of rows, above 0 and below 100%. */
static int parse_holdout(struct suggest_args *a, const char *value)
{
	char *end;
	errno = 0;
	double pct = strtod(value, &end);
	if (*end == '%')
		end++;
	if (!*value || *end || errno || !(pct > 0 && pct < 100))
		return usage_error(&suggest_help, "invalid --holdout '%s': expected a percentage "
				   "above 0 and below 100, such as 10%%", value);
	a->opts.holdout.share = pct / 100;
	return 0;
}

static int on_option(void *ctx, int id, const char *value)
{
	struct suggest_args *a = ctx;
	char *end;
	switch (id) {
	case OPT_UNITS:
		if (a->nunits == MAX_UNIT_REFS)
			return usage_error(&suggest_help, "at most %d --units", MAX_UNIT_REFS);
		a->units[a->nunits++] = value;
		return 0;
	case OPT_HOLDOUT: return parse_holdout(a, value);
	case OPT_SEED:
		errno = 0;
		a->opts.holdout.seed = strtoull(value, &end, 10);
		if (!*value || *end || errno || value[0] == '-')
			return usage_error(&suggest_help, "invalid --seed '%s': expected a whole number",
					   value);
		return 0;
	case OPT_ENCODING: a->opts.encoding = value; return 0;
	case OPT_NOW: a->now = value; return 0;
	case OPT_THREADS:
		errno = 0;
		unsigned long n = strtoul(value, &end, 10);
		if (!*value || *end || errno || n < 1 || n > 1024 || value[0] == '-')
			return usage_error(&suggest_help, "invalid --threads '%s': expected a whole "
					   "number from 1 to 1024", value);
		a->opts.threads = (unsigned)n;
		return 0;
	}
	return 0;
}

/* Audits the held-out rows with the suggested rules, read from a hidden
 * temporary file in the current folder (where the paths they name are
 * relative to), and gets the report of the checks that fail there. */
static int audit_holdout(const struct suggest_args *a, const char *yaml, size_t len,
			 const char *const *inputs, size_t ninputs, char **report)
{
	char path[] = ".dqa-suggest-XXXXXX.yaml";
	int fd = mkstemps(path, 5);
	if (fd < 0 || write(fd, yaml, len) != (ssize_t)len) {
		fprintf(stderr, "dqa: cannot write '%s' in the current folder\n", path);
		if (fd >= 0)
			close(fd), unlink(path);
		return EXIT_INPUT;
	}
	close(fd);
	dqa_rules *rules = NULL;
	dqa_result *res = NULL;
	dqa_error err = {0};
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = opts.generated_at = a->opts.now;
	opts.threads = a->opts.threads;
	opts.holdout = a->opts.holdout;
	opts.holdout.held = true;
	int rc = 0;
	if (dqa_rules_load(&rules, path, &err) < 0 ||
	    dqa_audit_run(&res, rules, inputs, ninputs, &opts, &err) < 0)
		rc = report_error(&err);
	size_t nfailing;
	if (rc == 0 && !(*report = dqa_holdout_report(res, &nfailing)))
		rc = EXIT_INPUT;
	unlink(path);
	dqa_result_free(res);
	dqa_rules_free(rules);
	return rc;
}

int cmd_suggest(int argc, char **argv)
{
	struct suggest_args a = {.opts = DQA_PROFILE_OPTIONS_INIT};
	a.opts.holdout.seed = 1;
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &suggest_help, on_option, &a, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&suggest_help, "no data file given");
	a.opts.now = cli_generated_at();
	if (rc == 0 && a.now && dqa_time_parse(a.now, &a.opts.now) < 0)
		rc = usage_error(&suggest_help, "invalid --now '%s': use ISO 8601, such as 2026-11-22",
				 a.now);
	char **inputs = NULL;
	size_t ninputs = 0;
	dqa_profile *p = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional, (size_t)n, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_profile_run(&p, (const char *const *)inputs, ninputs, &a.opts, &err) < 0)
		rc = report_error(&err);
	size_t len;
	char *yaml = rc == 0 ? dqa_profile_suggest(p, a.units, a.nunits, &len, &err) : NULL;
	if (rc == 0 && !yaml)
		rc = report_error(&err);
	char *report = NULL;
	if (yaml && a.opts.holdout.share > 0)
		rc = audit_holdout(&a, yaml, len, (const char *const *)inputs, ninputs, &report);
	if (yaml && rc == 0) {
		fwrite(yaml, 1, len, stdout);
		if (report) {
			fputs(report, stdout);
			fputs(report, stderr);
		}
		rc = cli_flush_stdout();
	}
	free(report);
	free(yaml);
	dqa_profile_free(p);
	dqa_inputs_free(inputs, ninputs);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
