/* dqa trend HISTORY: each unit's score over time, from a history file. */
#include <stdlib.h>

#include "cli.h"
#include "options.h"

struct trend_args {
	dqa_trend_options opts;   /* the library's defaults, then the options */
	const char *format;       /* a view_formats entry, as view */
	dqa_view_format view;
	const char *color;
	const char *lang, *tz;    /* a lang_choices entry (NULL: the locale's); --tz */
};

#define T struct trend_args
static const struct option_spec trend_options[] = {
	OPTION("unit", 'u', OPTION_STRING, "NAME", OPTION_AT(T, opts.unit), "only this unit"),
	OPTION("since", 0, OPTION_PARSE, "WHEN", OPTION_AT(T, opts.since),
	       "only runs from WHEN on (ISO 8601 date or time, or a duration before now such as "
	       "30d)", .parse = cli_parse_since),
	OPTION("dataset", 'd', OPTION_STRING, "NAME", OPTION_AT(T, opts.dataset), "only this dataset",
	       .default_note = "every one"),
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(T, format), NULL, .choices = view_formats),
	OPTION("width", 'w', OPTION_UINT, "N", OPTION_AT(T, opts.width),
	       "sparkline of the last N runs", .min = 1, .max = 400),
	OPTION("color", 0, OPTION_CHOICE, "WHEN", OPTION_AT(T, color), NULL, .choices = color_choices),
	OPTION("lang", 0, OPTION_CHOICE, "LANG", OPTION_AT(T, lang), "text, md and html in",
	       .choices = lang_choices, .default_note = "from LC_ALL, LC_MESSAGES, LANG"),
	TZ_OPTION(T, tz),
};
#undef T

static const struct command_help trend_help = {
	"trend HISTORY [options]",
	"Show each unit's overall score over the runs recorded in HISTORY (written\n"
	"by 'dqa audit --history'): a sparkline, the change since the last run and\n"
	"since a week before the latest run, and the units that got worse.",
	trend_options, sizeof trend_options / sizeof *trend_options,
};

int cmd_trend(int argc, char **argv)
{
	struct trend_args a = {.opts = DQA_TREND_OPTIONS_INIT, .format = "text", .color = "auto"};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &trend_help, &a, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&trend_help, n ? "give one history file" : "no history file given");
	if (rc == 0)
		rc = cli_view_format(&trend_help, a.format, &a.view);
	a.opts.color = a.view == DQA_VIEW_TEXT && cli_use_color(a.color);
	a.opts.lang = cli_lang(a.lang);
	dqa_error err = {0};
	if (rc == 0 && dqa_trend_write(positional[0], &a.opts, a.view, stdout, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = cli_flush_stdout();
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
