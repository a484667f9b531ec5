/* dqa suggest DATA... > rules.yaml: a rule file suggested from a profile of
 * the data, each check with the observation it rests on. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

/* Reference lists --units may name at most. */
enum { MAX_UNIT_REFS = 16 };

struct unit_refs {
	const char *paths[MAX_UNIT_REFS];
	size_t n;
};

struct suggest_args {
	dqa_profile_options opts;  /* the library's defaults, then the options */
	struct unit_refs units;
	bool now_given;
};

/* --units may be given again, up to MAX_UNIT_REFS times. */
static int parse_units(const char *value, void *dest, char *why, size_t cap)
{
	struct unit_refs *units = dest;
	if (units->n == MAX_UNIT_REFS) {
		snprintf(why, cap, "at most %d lists", MAX_UNIT_REFS);
		return -1;
	}
	units->paths[units->n++] = value;
	return 0;
}

/* "10%" or "10": a share of rows, above 0 and below 100%. */
static int parse_holdout(const char *value, void *dest, char *why, size_t cap)
{
	char text[32];
	size_t len = strlen(value);
	if (len && len < sizeof text && value[len - 1] == '%')
		len--;
	snprintf(text, sizeof text, "%.*s", (int)len, value);
	double pct;
	if (len < sizeof text && options_number(text, 0, 100, false, &pct, why, cap) == 0 &&
	    pct > 0 && pct < 100) {
		*(double *)dest = pct / 100;
		return 0;
	}
	snprintf(why, cap, "expected a percentage above 0 and below 100, such as 10%%");
	return -1;
}

/* The seed is 64 bits wide: a whole number up to 2^53, what a double holds. */
static int parse_seed(const char *value, void *dest, char *why, size_t cap)
{
	double seed;
	if (options_number(value, 0, 9007199254740992.0, true, &seed, why, cap) < 0)
		return -1;
	*(uint64_t *)dest = (uint64_t)seed;
	return 0;
}

#define S struct suggest_args
static const struct option_spec suggest_options[] = {
	OPTION("units", 0, OPTION_PARSE, "PATH#COLUMN", OPTION_AT(S, units),
	       "a list of unit codes a unit column is matched against (repeatable)",
	       .parse = parse_units),
	OPTION("holdout", 0, OPTION_PARSE, "PCT", OPTION_AT(S, opts.holdout.share),
	       "suggest from the other rows, then audit PCT% of them (such as 10%) and report "
	       "the checks that fail", .parse = parse_holdout),
	OPTION("seed", 0, OPTION_PARSE, "N", OPTION_AT(S, opts.holdout.seed),
	       "which rows --holdout picks", .parse = parse_seed, .default_note = "1"),
	PROFILE_SCAN_OPTIONS(S, opts, now_given),
};
#undef S

static const struct command_help suggest_help = {
	"suggest DATA... [options] > rules.yaml",
	"Profile the data files DATA and write a rule file suggested from them on\n"
	"standard output: types and date formats, identifier checks, enums, ranges,\n"
	"not_null, a key, trimmed and nfc, fresh, and with --units the unit column.\n"
	"Every check states its reason in a comment. See dqa(1), SUGGEST.",
	suggest_options, sizeof suggest_options / sizeof *suggest_options,
};

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
	if (rc == 0 && dqa_holdout_report(report, &nfailing, res) < 0)
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
	int n, rc = options_parse(argc, argv, &suggest_help, &a, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&suggest_help, "no data file given");
	if (!a.now_given)
		a.opts.now = cli_generated_at();
	char **inputs = NULL;
	size_t ninputs = 0;
	dqa_profile *p = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional, (size_t)n, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_profile_run(&p, (const char *const *)inputs, ninputs, &a.opts, &err) < 0)
		rc = report_error(&err);
	size_t len;
	char *yaml = NULL;
	if (rc == 0 && dqa_profile_suggest(&yaml, &len, p, a.units.paths, a.units.n, &err) < 0)
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
