/* Habits shared by the commands: --color, --tz, loading a history with
 * its warnings, and checking that standard output was really written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

const char *const color_choices[] = {"auto", "always", "never", NULL};
const char *const view_formats[] = {"text", "csv", "json", "md", "html", NULL};

int cli_view_format(const struct command_help *help, const char *name, dqa_view_format *out)
{
	if (dqa_view_format_parse(name, out) < 0)
		return usage_error(help, "invalid --format '%s'", name);
	return 0;
}

int cli_parse_tz(const char *value, void *dest, char *why, size_t cap)
{
	dqa_error err = {0};
	if (dqa_time_zone_set(value, &err) < 0) {
		snprintf(why, cap, "use a time zone name such as Asia/Ho_Chi_Minh or UTC");
		return -1;
	}
	*(const char **)dest = value;
	return 0;
}

bool cli_use_color(const char *when)
{
	if (strcmp(when, "auto") != 0)
		return strcmp(when, "always") == 0;
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no_color && no_color[0]) && !(term && !strcmp(term, "dumb"));
}

int cli_history_load(const char *path, const dqa_history_query *q, dqa_history **h)
{
	dqa_error err = {0};
	*h = NULL;
	return dqa_history_load_query(h, path, q, &err) < 0 ? report_error(&err) : 0;
}

int cli_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	perror("dqa: error: cannot write to standard output");
	return EXIT_INPUT;
}
