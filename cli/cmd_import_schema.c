/* dqa import-schema SCHEMA > rules.yaml: a Frictionless Table Schema or
 * Data Package as a rule file; what does not map is listed on stderr. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

struct import_args {
	const char *resource;
};

static const struct option_spec import_options[] = {
	OPTION("resource", 0, OPTION_STRING, "NAME", OPTION_AT(struct import_args, resource),
	       "the Data Package resource", .default_note = "the first"),
};

static const struct command_help import_help = {
	"import-schema datapackage.json|table-schema.json [options] > rules.yaml",
	"Write a rule file from a Frictionless Table Schema or Data Package: types\n"
	"and date formats, constraints, primaryKey, foreignKeys and the package's\n"
	"metadata. What cannot be mapped is listed in comments and on standard\n"
	"error. See dqa(1), SCHEMAS.",
	import_options, sizeof import_options / sizeof *import_options,
};

int cmd_import_schema(int argc, char **argv)
{
	struct import_args a = {0};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &import_help, &a, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&import_help, "give one schema file");
	dqa_error err = {0};
	size_t len;
	char *not_mapped = NULL;
	char *yaml = NULL;
	if (rc == 0 && dqa_schema_import(&yaml, &len, &not_mapped, positional[0], a.resource,
					 &err) < 0)
		rc = report_error(&err);
	if (yaml) {
		for (const char *line = not_mapped; *line;) {
			size_t k = strcspn(line, "\n");
			fprintf(stderr, "dqa: not mapped: %.*s\n", (int)k, line);
			line += k + (line[k] != '\0');
		}
		fwrite(yaml, 1, len, stdout);
		rc = cli_flush_stdout();
	}
	free(yaml);
	free(not_mapped);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
