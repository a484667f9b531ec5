/* Maps library errors to messages on stderr and to exit statuses. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int report_error(const dqa_error *err)
{
	if (err->code == DQA_ECANCELED || dqa_cancelled())
		return cli_interrupted(EXIT_INPUT);
	char *text;
	if (dqa_error_format(&text, err) == 0) {
		fprintf(stderr, "%s%s", err->file[0] ? "" : "dqa: ", text);
		free(text);
	} else {
		fprintf(stderr, "dqa: error: %s\n", err->message);
	}
	return exit_status(err);
}

int exit_status(const dqa_error *err)
{
	switch (err->code) {
	case DQA_ERULES:
	case DQA_EARG:
		return EXIT_USAGE;
	default:
		return EXIT_INPUT;
	}
}

int load_rules(dqa_rules **out, const char *path)
{
	dqa_error errors[DQA_ERRORS_SHOWN];
	size_t found;
	if (dqa_rules_load_all(out, path, errors, DQA_ERRORS_SHOWN, &found) == 0)
		return 0;
	size_t shown = found < DQA_ERRORS_SHOWN ? found : DQA_ERRORS_SHOWN;
	int rc = 0;
	for (size_t i = 0; i < shown; i++)
		rc = report_error(&errors[i]);
	char *summary;
	if (found > 1 && dqa_errors_summary(&summary, path, found, shown) == 0) {
		fputs(summary, stderr);
		free(summary);
	}
	return rc;
}
