/* dqa warnings HISTORY: the weekly warning list from a history file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { OPT_WEEK, OPT_TARGET, OPT_DATASET, OPT_FORMAT, OPT_STALLED_RUNS, OPT_LANG, OPT_TZ };

static const struct option_spec warnings_options[] = {
	{OPT_WEEK, 'w', "week", "YYYY-Www", "ISO week, e.g. 2026-W48 (default: the latest run's)"},
	{OPT_TARGET, 't', "target", "SCORE", "list units scored below SCORE (default: warn or fail)"},
	{OPT_DATASET, 'd', "dataset", "NAME", "only this dataset (default: every one)"},
	{OPT_FORMAT, 'f', "format", "FMT", "text (default), csv, json, md or html"},
	{OPT_LANG, 0, "lang", "LANG", "vi or en (default: from LC_ALL, LC_MESSAGES, LANG)"},
	{OPT_TZ, 0, "tz", "ZONE", "show times in ZONE, e.g. Asia/Ho_Chi_Minh (default: TZ)"},
	{OPT_STALLED_RUNS, 0, "stalled-runs", "N", "same data in N runs in a row is stalled (default 3)"},
};

static const struct command_help warnings_help = {
	"warnings HISTORY [options]",
	"List the units to warn about for one ISO week, from HISTORY (written by\n"
	"'dqa audit --history'): units below target, units that did not submit,\n"
	"units whose data is stalled; worst first, with the weeks in a row listed.",
	warnings_options, sizeof warnings_options / sizeof *warnings_options,
};

struct warnings_args {
	dqa_weekly_options opts;
	dqa_view_format format;
};

static int on_option(void *ctx, int id, const char *value)
{
	struct warnings_args *a = ctx;
	char *end;
	switch (id) {
	case OPT_DATASET: a->opts.dataset = value; return 0;
	case OPT_WEEK:
		if (dqa_iso_week_parse(value, &a->opts.week) < 0)
			return usage_error(&warnings_help, "invalid --week '%s': expected an ISO week such as 2026-W48 (W01 to W52, or W53 in a 53-week year)", value);
		return 0;
	case OPT_TARGET:
		a->opts.target = strtod(value, &end);
		if (!*value || *end || !(a->opts.target >= 0 && a->opts.target <= 100))
			return usage_error(&warnings_help, "invalid --target '%s': expected a score from 0 to 100", value);
		return 0;
	case OPT_LANG:
		if (dqa_lang_parse(value, &a->opts.lang) < 0)
			return usage_error(&warnings_help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_TZ:
		return cli_tz_option(&warnings_help, value);
	case OPT_FORMAT:
		if (!dqa_view_format_parse(value, &a->format))
			return usage_error(&warnings_help, "invalid --format '%s': use text, csv, json, md or html", value);
		return 0;
	case OPT_STALLED_RUNS: {
		unsigned long n = strtoul(value, &end, 10);
		if (!*value || *end || n < 2 || n > 366 || value[0] == '-')
			return usage_error(&warnings_help, "invalid --stalled-runs '%s': expected 2 to 366", value);
		a->opts.stalled_runs = (unsigned)n;
		return 0;
	}
	}
	return 0;
}

static int write_warnings(const dqa_history *h, void *ctx, dqa_error *err)
{
	const struct warnings_args *a = ctx;
	return dqa_weekly_write(h, &a->opts, a->format, stdout, err);
}

int cmd_warnings(int argc, char **argv)
{
	struct warnings_args a = {DQA_WEEKLY_OPTIONS_INIT, DQA_VIEW_TEXT};
	a.opts.lang = cli_default_lang();
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &warnings_help, on_option, &a, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&warnings_help, n ? "give one history file" : "no history file given");
	if (rc == 0)
		rc = cli_history_view(positional[0], write_warnings, &a);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
