/* dqa export-schema RULES > table-schema.json: the columns and constraints
 * of a rule file as a Frictionless Table Schema; what has no such form is
 * listed on stderr. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

static const struct command_help export_help = {
	"export-schema RULES > table-schema.json",
	"Write the columns and the constraints of the rule file RULES that a\n"
	"Frictionless Table Schema can state; the checks it cannot are listed on\n"
	"standard error. See dqa(1), SCHEMAS.",
	NULL, 0,
};

int cmd_export_schema(int argc, char **argv)
{
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &export_help, NULL, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&export_help, "give one rule file");
	dqa_error err = {0};
	char *not_mapped = NULL;
	char *json = NULL;
	if (rc == 0 && dqa_schema_export(&json, &not_mapped, positional[0], &err) < 0)
		rc = report_error(&err);
	if (json) {
		for (const char *line = not_mapped; *line;) {
			size_t k = strcspn(line, "\n");
			fprintf(stderr, "dqa: not mapped: %.*s\n", (int)k, line);
			line += k + (line[k] != '\0');
		}
		printf("%s\n", json);
		rc = cli_flush_stdout();
	}
	free(json);
	free(not_mapped);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
