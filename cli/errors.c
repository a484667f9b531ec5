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
