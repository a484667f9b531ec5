/* Terminal habits shared by the history commands: --color, and checking
 * that standard output was really written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

int cli_color_option(const struct command_help *help, const char *value, int *setting)
{
	if (!strcmp(value, "auto")) *setting = -1;
	else if (!strcmp(value, "always")) *setting = 1;
	else if (!strcmp(value, "never")) *setting = 0;
	else return usage_error(help, "invalid --color '%s': use auto, always or never", value);
	return 0;
}

bool cli_use_color(int setting)
{
	if (setting >= 0)
		return setting;
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no_color && no_color[0]) && !(term && !strcmp(term, "dumb"));
}

int cli_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	perror("dqa: error: cannot write to standard output");
	return EXIT_INPUT;
}
