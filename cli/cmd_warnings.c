/* dqa warnings HISTORY: the weekly warning list from a history file. */
#include <stdlib.h>

#include "cli.h"
#include "options.h"

struct warnings_args {
	dqa_weekly_options opts;  /* the library's defaults, then the options */
	const char *format;       /* a view_formats entry, as view */
	dqa_view_format view;
	const char *lang, *tz;    /* a lang_choices entry (NULL: the locale's); --tz */
};

static int parse_week(const char *value, void *dest, char *why, size_t cap)
{
	if (dqa_iso_week_parse(value, dest) == 0)
		return 0;
	snprintf(why, cap, "expected an ISO week such as 2026-W48 (W01 to W52, or W53 in a "
			   "53-week year) or a date such as 2026-11-25");
	return -1;
}

#define W struct warnings_args
static const struct option_spec warnings_options[] = {
	OPTION("week", 'w', OPTION_PARSE, "WEEK", OPTION_AT(W, opts.week),
	       "ISO week, 2026-W48, or a date in it, 2026-11-25",
	       .parse = parse_week, .default_note = "the latest run's"),
	OPTION("target", 't', OPTION_NUMBER, "SCORE", OPTION_AT(W, opts.target),
	       "list units scored below SCORE", .min = 0, .max = 100, .default_note = "warn or fail"),
	OPTION("dataset", 'd', OPTION_STRING, "NAME", OPTION_AT(W, opts.dataset), "only this dataset",
	       .default_note = "every one"),
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(W, format), NULL, .choices = view_formats),
	OPTION("stalled-runs", 0, OPTION_UINT, "N", OPTION_AT(W, opts.stalled_runs),
	       "same data in N runs in a row is stalled", .min = 2, .max = 366),
	OPTION("lang", 0, OPTION_CHOICE, "LANG", OPTION_AT(W, lang), "text, md and html in",
	       .choices = lang_choices, .default_note = "from LC_ALL, LC_MESSAGES, LANG"),
	TZ_OPTION(W, tz),
};
#undef W

static const struct command_help warnings_help = {
	"warnings HISTORY [options]",
	"List the units to warn about for one ISO week, from HISTORY (written by\n"
	"'dqa audit --history'): units below target, units that did not submit,\n"
	"units whose data is stalled; worst first, with the weeks in a row listed.",
	warnings_options, sizeof warnings_options / sizeof *warnings_options,
};

int cmd_warnings(int argc, char **argv)
{
	struct warnings_args a = {.opts = DQA_WEEKLY_OPTIONS_INIT, .format = "text"};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &warnings_help, &a, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&warnings_help, n ? "give one history file" : "no history file given");
	if (rc == 0)
		rc = cli_view_format(&warnings_help, a.format, &a.view);
	a.opts.lang = cli_lang(a.lang);
	dqa_error err = {0};
	if (rc == 0 && dqa_weekly_write(positional[0], &a.opts, a.view, stdout, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = cli_flush_stdout();
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
