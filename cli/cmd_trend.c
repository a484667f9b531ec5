/* dqa trend HISTORY: each unit's score over time, from a history file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { OPT_UNIT, OPT_SINCE, OPT_DATASET, OPT_FORMAT, OPT_WIDTH, OPT_COLOR, OPT_LANG, OPT_TZ };

static const struct option_spec trend_options[] = {
	{OPT_UNIT, 'u', "unit", "NAME", "only this unit"},
	{OPT_SINCE, 0, "since", "WHEN", "only runs from WHEN on (ISO 8601 date or time, or a "
					"duration before now such as 30d)"},
	{OPT_DATASET, 'd', "dataset", "NAME", "only this dataset (default: every one)"},
	{OPT_FORMAT, 'f', "format", "FMT", "text (default), csv, json, md or html"},
	{OPT_LANG, 0, "lang", "LANG", "vi or en (default: from LC_ALL, LC_MESSAGES, LANG)"},
	{OPT_TZ, 0, "tz", "ZONE", "show times in ZONE, e.g. Asia/Ho_Chi_Minh (default: TZ)"},
	{OPT_WIDTH, 'w', "width", "N", "sparkline of the last N runs (default 30)"},
	{OPT_COLOR, 0, "color", "WHEN", "auto (default), always or never"},
};

static const struct command_help trend_help = {
	"trend HISTORY [options]",
	"Show each unit's overall score over the runs recorded in HISTORY (written\n"
	"by 'dqa audit --history'): a sparkline, the change since the last run and\n"
	"since a week before the latest run, and the units that got worse.",
	trend_options, sizeof trend_options / sizeof *trend_options,
};

struct trend_args {
	dqa_trend_options opts;
	dqa_view_format format;
	int color;
};

/* An ISO 8601 time, or a duration of the rule files' grammar before now
 * (SOURCE_DATE_EPOCH or the clock), so a window reads like a rule's max_age. */
static int parse_since(const char *value, int64_t *since)
{
	if (dqa_time_parse(value, since) == 0)
		return 0;
	int64_t span;
	const char *problem;
	if (dqa_duration_parse(value, &span, &problem) == 0) {
		*since = cli_generated_at() - span;
		return 0;
	}
	return usage_error(&trend_help, "invalid --since '%s': %s", value,
			   problem ? problem : "expected an ISO 8601 date such as 2026-11-01, "
					       "or a duration such as 30d");
}

static int on_option(void *ctx, int id, const char *value)
{
	struct trend_args *a = ctx;
	char *end;
	switch (id) {
	case OPT_UNIT: a->opts.unit = value; return 0;
	case OPT_DATASET: a->opts.dataset = value; return 0;
	case OPT_SINCE:
		return parse_since(value, &a->opts.since);
	case OPT_LANG:
		if (dqa_lang_parse(value, &a->opts.lang) < 0)
			return usage_error(&trend_help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_TZ:
		return cli_tz_option(&trend_help, value);
	case OPT_FORMAT:
		if (!dqa_view_format_parse(value, &a->format))
			return usage_error(&trend_help, "invalid --format '%s': use text, csv, json, md or html", value);
		return 0;
	case OPT_WIDTH: {
		unsigned long n = strtoul(value, &end, 10);
		if (!*value || *end || n < 1 || n > 400 || value[0] == '-')
			return usage_error(&trend_help, "invalid --width '%s': expected 1 to 400", value);
		a->opts.width = (unsigned)n;
		return 0;
	}
	case OPT_COLOR:
		return cli_color_option(&trend_help, value, &a->color);
	}
	return 0;
}

static int write_trend(const dqa_history *h, void *ctx, dqa_error *err)
{
	const struct trend_args *a = ctx;
	return dqa_trend_write(h, &a->opts, a->format, stdout, err);
}

int cmd_trend(int argc, char **argv)
{
	struct trend_args a = {DQA_TREND_OPTIONS_INIT, DQA_VIEW_TEXT, -1};
	a.opts.lang = cli_default_lang();
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &trend_help, on_option, &a, positional, &n);
	if (rc == 0 && n != 1)
		rc = usage_error(&trend_help, n ? "give one history file" : "no history file given");
	a.opts.color = a.format == DQA_VIEW_TEXT && cli_use_color(a.color);
	if (rc == 0)
		rc = cli_history_view(positional[0], write_trend, &a);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
