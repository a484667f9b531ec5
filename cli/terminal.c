/* Habits shared by the commands: --color, --tz, loading a history with
 * its warnings, and checking that standard output was really written. */
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

int cli_tz_option(const struct command_help *help, const char *value)
{
	dqa_error err = {0};
	if (dqa_time_zone_set(value, &err) < 0)
		return usage_error(help, "invalid --tz '%s': use a time zone name such as "
				   "Asia/Ho_Chi_Minh or UTC", value);
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

int cli_history_load(const char *path, dqa_history **h)
{
	dqa_error err = {0};
	*h = NULL;
	if (dqa_history_load(h, path, &err) < 0)
		return report_error(&err);
	if (dqa_history_notice(*h))
		fprintf(stderr, "dqa: warning: %s\n", dqa_history_notice(*h));
	return 0;
}

int cli_history_view(const char *path, history_view_fn view, void *ctx)
{
	dqa_history *h = NULL;
	dqa_error err = {0};
	int rc = cli_history_load(path, &h);
	if (rc == 0 && view(h, ctx, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = cli_flush_stdout();
	dqa_history_free(h);
	return rc;
}

int cli_flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	perror("dqa: error: cannot write to standard output");
	return EXIT_INPUT;
}
