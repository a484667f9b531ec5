/* dqa lint RULES [DATA...]: validate a rule file, and with data, that every
 * column it names is in the headers; no rows are read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

struct lint_args {
	const char *format;
	uint64_t rows;   /* 0: all */
};

/* --rows N|all: how many records of the data lint reads. */
static int parse_rows(const char *value, void *dest, char *why, size_t cap)
{
	uint64_t *rows = dest;
	double n;
	if (strcmp(value, "all") == 0) {
		*rows = 0;
		return 0;
	}
	if (options_number(value, 1, 1e15, true, &n, why, cap) < 0) {
		snprintf(why, cap, "expected a whole number of records from 1, or 'all'");
		return -1;
	}
	*rows = (uint64_t)n;
	return 0;
}

static const char *const lint_formats[] = {"text", "json", "github", NULL};

#define L struct lint_args
static const struct option_spec lint_options[] = {
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(L, format), NULL,
	       .choices = lint_formats),
	OPTION("rows", 0, OPTION_PARSE, "N|all", OPTION_AT(L, rows),
	       "records of DATA read against the declared types", .parse = parse_rows,
	       .default_note = "10000"),
};
#undef L

static const struct command_help lint_help = {
	"lint RULES [DATA...] [options]",
	"Check the rule file RULES: structure, check kinds, parameters, regexes and\n"
	"the files it names; warn about checks under another criterion than their\n"
	"kind's. Every mistake is reported, up to 20. Given DATA, also check that\n"
	"every column named or declared is in their headers, and read their first\n"
	"records (--rows) against the declared types and formats. Prints 'RULES: ok'\n"
	"and exits 0 unless an error was found (exit 2); warnings alone do not fail.\n"
	"--format json writes the findings as a JSON array, github as GitHub Actions\n"
	"annotations.",
	lint_options, sizeof lint_options / sizeof *lint_options,
};

static dqa_lint_format format_of(const char *name)
{
	return strcmp(name, "json") == 0 ? DQA_LINT_JSON
	       : strcmp(name, "github") == 0 ? DQA_LINT_GITHUB : DQA_LINT_TEXT;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_args args = {.format = lint_formats[0], .rows = 10000};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &lint_help, &args, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&lint_help, "no rule file given");
	dqa_error err = {0};
	char **inputs = NULL;
	size_t ninputs = 0;
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional + 1, (size_t)n - 1, &err) < 0)
		rc = report_error(&err);
	dqa_lint *lint = NULL;
	if (rc == 0 && dqa_lint_run(&lint, positional[0], (const char *const *)inputs, ninputs,
				    args.rows, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_lint_write(lint, format_of(args.format), stdout, stderr) < 0)
		rc = EXIT_INPUT;
	if (rc == 0 && dqa_lint_first_error(lint))
		rc = exit_status(dqa_lint_first_error(lint));
	dqa_lint_free(lint);
	dqa_inputs_free(inputs, ninputs);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
