/* dqa lint RULES [DATA...]: validate a rule file, and with data, that every
 * column it names is in the headers; no rows are read. */
#include <stdlib.h>

#include "cli.h"
#include "options.h"

static const struct command_help lint_help = {
	"lint RULES [DATA...]",
	"Check the rule file RULES: structure, check kinds, parameters, regexes and\n"
	"reference files. Given DATA, also check that every column it names exists\n"
	"in their headers (only headers are read). Prints 'RULES: ok' and exits 0.",
	NULL, 0,
};

int cmd_lint(int argc, char **argv)
{
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &lint_help, NULL, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&lint_help, "no rule file given");
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_rules_load(&rules, positional[0], &err) < 0)
		rc = report_error(&err);
	char **inputs = NULL;
	size_t ninputs = 0;
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional + 1, (size_t)n - 1, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && ninputs && dqa_rules_check_data(rules, (const char *const *)inputs, ninputs,
							&err) < 0)
		rc = report_error(&err);
	if (rc == 0) {
		size_t n_checks = dqa_rules_check_count(rules);
		printf("%s: ok (%zu check%s)\n", positional[0], n_checks, n_checks == 1 ? "" : "s");
	}
	dqa_inputs_free(inputs, ninputs);
	dqa_rules_free(rules);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
