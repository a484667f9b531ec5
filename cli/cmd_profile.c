/* dqa profile DATA...: what a dataset holds, column by column (type,
 * empties, distinct values, extremes, top values, shapes, hygiene), read
 * on the audit's parallel scan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

enum { OPT_FORMAT, OPT_OUT, OPT_LANG, OPT_BY_UNIT, OPT_UNIT_COLUMN, OPT_ENCODING, OPT_THREADS,
       OPT_NOW };

static const struct option_spec profile_options[] = {
	{OPT_FORMAT, 'f', "format", "FMT", "on stdout: text (default without --out), json, md "
					   "or html"},
	{OPT_OUT, 'o', "out", "DIR", "write DIR/profile.json, profile.md and profile.html"},
	{OPT_LANG, 0, "lang", "LANG", "of the HTML page: vi or en (default: from LC_ALL, "
				      "LC_MESSAGES, LANG)"},
	{OPT_BY_UNIT, 0, "by-unit", NULL, "rows and empty shares per unit"},
	{OPT_UNIT_COLUMN, 0, "unit-column", "NAME", "the unit column (implies --by-unit; default: "
						   "the first named unit, ward_code, ...)"},
	{OPT_ENCODING, 0, "encoding", "NAME", "of the data: utf-8 (default), windows-1258, tcvn3, "
					      "vni, latin1, utf-16"},
	{OPT_THREADS, 'j', "threads", "N", "worker threads (default: all cores)"},
	{OPT_NOW, 0, "now", "WHEN", "reference time, ISO 8601 (default: now)"},
};

static const struct command_help profile_help = {
	"profile DATA... [options]",
	"Profile the data files DATA (folders stand for their CSV files, '-' for\n"
	"standard input) as one dataset: for each column its inferred type, empty\n"
	"and distinct counts, min and max, quantiles, lengths, top values, value\n"
	"shapes and hygiene findings. See dqa(1), PROFILES.",
	profile_options, sizeof profile_options / sizeof *profile_options,
};

struct profile_args {
	dqa_profile_options opts;
	const char *format, *out, *now;
	dqa_lang lang;
};

static int on_option(void *ctx, int id, const char *value)
{
	struct profile_args *a = ctx;
	char *end;
	switch (id) {
	case OPT_FORMAT:
		if (strcmp(value, "text") && strcmp(value, "json") && strcmp(value, "md") &&
		    strcmp(value, "html"))
			return usage_error(&profile_help, "invalid --format '%s': use text, json, md or "
					   "html", value);
		a->format = value;
		return 0;
	case OPT_OUT: a->out = value; return 0;
	case OPT_LANG:
		if (dqa_lang_parse(value, &a->lang) < 0)
			return usage_error(&profile_help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_BY_UNIT: a->opts.by_unit = true; return 0;
	case OPT_UNIT_COLUMN: a->opts.unit_column = value; return 0;
	case OPT_ENCODING: a->opts.encoding = value; return 0;
	case OPT_NOW: a->now = value; return 0;
	case OPT_THREADS:
		errno = 0;
		unsigned long n = strtoul(value, &end, 10);
		if (!*value || *end || errno || n < 1 || n > 1024 || value[0] == '-')
			return usage_error(&profile_help, "invalid --threads '%s': expected a whole "
					   "number from 1 to 1024", value);
		a->opts.threads = (unsigned)n;
		return 0;
	}
	return 0;
}

static int emit(const dqa_profile *p, const char *format, dqa_lang lang)
{
	size_t len;
	dqa_error err = {0};
	char *text = dqa_profile_render(p, format, lang, &len, &err);
	if (!text)
		return report_error(&err);
	fwrite(text, 1, len, stdout);
	free(text);
	return cli_flush_stdout();
}

int cmd_profile(int argc, char **argv)
{
	struct profile_args a = {.opts = DQA_PROFILE_OPTIONS_INIT, .lang = cli_default_lang()};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &profile_help, on_option, &a, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&profile_help, "no data file given");
	a.opts.now = cli_generated_at();
	if (rc == 0 && a.now && dqa_time_parse(a.now, &a.opts.now) < 0)
		rc = usage_error(&profile_help, "invalid --now '%s': use ISO 8601, such as 2026-11-22",
				 a.now);
	if (rc == 0 && !a.out && !a.format)
		a.format = "text";
	char **inputs = NULL;
	size_t ninputs = 0;
	dqa_profile *p = NULL;
	dqa_error err = {0};
	if (rc == 0 && dqa_inputs_expand(&inputs, &ninputs, positional, (size_t)n, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_profile_run(&p, (const char *const *)inputs, ninputs, &a.opts, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a.out && dqa_profile_write_dir(p, a.out, a.lang, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a.format)
		rc = emit(p, a.format, a.lang);
	dqa_profile_free(p);
	dqa_inputs_free(inputs, ninputs);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
