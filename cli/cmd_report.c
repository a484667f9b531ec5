/* dqa report RESULT.json: render the reports of a saved result again, the
 * same way `dqa audit` renders them, in either language. */
#include <stdlib.h>

#include "cli.h"
#include "options.h"

struct report_args {
	const char *out, *format, *history;
	const char *lang;         /* NULL: from the locale */
	const char *color;
	const char *tz;           /* --tz as given (already set), or NULL */
	bool format_given;        /* else md on stdout only without --out */
};

static const char *const report_formats[] = {"md", "text", "json", "csv", "junit", "html", NULL};

#define R struct report_args
static const struct option_spec report_options[] = {
	OPTION("out", 'o', OPTION_STRING, "DIR", OPTION_AT(R, out),
	       "write the report folder DIR (created if missing)"),
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(R, format), "report on stdout:",
	       .choices = report_formats, .default_note = "without --out",
	       .given = OPTION_GIVEN(R, format_given)),
	OPTION("lang", 0, OPTION_CHOICE, "LANG", OPTION_AT(R, lang), NULL, .choices = lang_choices,
	       .default_note = "from LC_ALL, LC_MESSAGES, LANG"),
	OPTION("color", 0, OPTION_CHOICE, "WHEN", OPTION_AT(R, color), "text in colour:",
	       .choices = color_choices),
	OPTION("history", 0, OPTION_STRING, "FILE", OPTION_AT(R, history),
	       "trend line per unit in index.html from history FILE"),
	TZ_OPTION(R, tz),
};
#undef R

static const struct command_help report_help = {
	"report RESULT.json [options]",
	"Render the reports of a result saved by 'dqa audit' ('-' reads standard\n"
	"input): the report folder with --out, or one report on standard output.",
	report_options, sizeof report_options / sizeof *report_options,
};

int cmd_report(int argc, char **argv)
{
	struct report_args a = {.format = "md", .color = "auto"};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &report_help, &a, positional, &n);
	if (rc == 0 && n == 0)
		rc = usage_error(&report_help, "no result file given");
	if (rc == 0 && n > 1)
		rc = usage_error(&report_help, "give one result file, not %d", n);
	if (a.out && !a.format_given)
		a.format = NULL;
	dqa_report *rep = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_report_load(&rep, positional[0], &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a.history)
		rc = cli_add_history(rep, a.history, false);
	if (rc == 0)
		rc = cli_write_reports(rep, a.out, a.format, cli_lang(a.lang), false, a.color);
	dqa_report_free(rep);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
