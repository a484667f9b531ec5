/* dqa import-schema SCHEMA > rules.yaml: a Frictionless Table Schema or
 * Data Package as a rule file; what does not map is listed on stderr. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { OPT_RESOURCE };

static const struct option_spec import_options[] = {
	{OPT_RESOURCE, 0, "resource", "NAME", "the Data Package resource (default: the first)"},
};

static const struct command_help import_help = {
	"import-schema datapackage.json|table-schema.json [options] > rules.yaml",
	"Write a rule file from a Frictionless Table Schema or Data Package: types\n"
	"and date formats, constraints, primaryKey, foreignKeys and the package's\n"
	"metadata. What cannot be mapped is listed in comments and on standard\n"
	"error. See dqa(1), SCHEMAS.",
	import_options, sizeof import_options / sizeof *import_options,
};

static int on_option(void *ctx, int id, const char *value)
{
	if (id == OPT_RESOURCE)
		*(const char **)ctx = value;
	return 0;
}

int cmd_import_schema(int argc, char **argv)
{
	const char *resource = NULL;
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &import_help, on_option, &resource, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&import_help, "give one schema file");
	dqa_error err = {0};
	size_t len;
	char *not_mapped = NULL;
	char *yaml = rc == 0 ? dqa_schema_import(positional[0], resource, &len, &not_mapped, &err)
			     : NULL;
	if (rc == 0 && !yaml)
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
