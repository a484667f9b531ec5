/* dqa report RESULT.json: render the reports of a saved result again, the
 * same way `dqa audit` renders them, in either language. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { OPT_OUT, OPT_FORMAT, OPT_LANG, OPT_COLOR, OPT_HISTORY, OPT_TZ };

static const struct option_spec report_options[] = {
	{OPT_OUT, 'o', "out", "DIR", "write the report folder DIR (created if missing)"},
	{OPT_FORMAT, 'f', "format", "FMT", "report on stdout: md (default without --out), text, "
					   "json, csv, junit or html"},
	{OPT_LANG, 0, "lang", "LANG", "vi or en (default: from LC_ALL, LC_MESSAGES, LANG)"},
	{OPT_TZ, 0, "tz", "ZONE", "times in ZONE, e.g. Asia/Ho_Chi_Minh (default: TZ)"},
	{OPT_COLOR, 0, "color", "WHEN", "text in colour: auto (default), always or never"},
	{OPT_HISTORY, 0, "history", "FILE", "trend line per unit in index.html from history FILE"},
};

static const struct command_help report_help = {
	"report RESULT.json [options]",
	"Render the reports of a result saved by 'dqa audit' ('-' reads standard\n"
	"input): the report folder with --out, or one report on standard output.",
	report_options, sizeof report_options / sizeof *report_options,
};

struct report_args {
	const char *out, *format, *history;
	dqa_lang lang;
	int color;                /* -1 auto, 0 never, 1 always */
};

static int on_option(void *ctx, int id, const char *value)
{
	struct report_args *a = ctx;
	switch (id) {
	case OPT_OUT: a->out = value; return 0;
	case OPT_HISTORY: a->history = value; return 0;
	case OPT_FORMAT:
		if (strcmp(value, "text") && !dqa_report_format_known(value))
			return usage_error(&report_help, "invalid --format '%s': use md, text, json, "
					   "csv, junit or html", value);
		a->format = value;
		return 0;
	case OPT_COLOR: return cli_color_option(&report_help, value, &a->color);
	case OPT_TZ: return cli_tz_option(&report_help, value);
	case OPT_LANG:
		if (dqa_lang_parse(value, &a->lang) < 0)
			return usage_error(&report_help, "invalid --lang '%s': use vi or en", value);
		return 0;
	}
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a = {.lang = cli_default_lang(), .color = -1};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &report_help, on_option, &a, positional, &n);
	if (rc == 0 && n == 0)
		rc = usage_error(&report_help, "no result file given");
	if (rc == 0 && n > 1)
		rc = usage_error(&report_help, "give one result file, not %d", n);
	if (rc == 0 && !a.out && !a.format)
		a.format = "md";
	dqa_report *rep = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_report_load(&rep, positional[0], &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a.history)
		rc = cli_add_history(rep, a.history, false);
	if (rc == 0)
		rc = cli_write_reports(rep, a.out, a.format, a.lang, false, a.color);
	dqa_report_free(rep);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
