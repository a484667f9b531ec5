/* dqa profile DATA...: what a dataset holds, column by column (type,
 * empties, distinct values, extremes, top values, shapes, hygiene), read
 * on the audit's parallel scan. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

struct profile_args {
	dqa_profile_options opts;  /* the library's defaults, then the options */
	const char *format, *out, *lang;
	bool now_given;
};

static const char *const profile_formats[] = {"text", "json", "md", "html", NULL};

#define P struct profile_args
static const struct option_spec profile_options[] = {
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(P, format), "on stdout",
	       .choices = profile_formats, .default_note = "without --out"),
	OPTION("out", 'o', OPTION_STRING, "DIR", OPTION_AT(P, out),
	       "write DIR/profile.json, profile.md and profile.html"),
	OPTION("lang", 0, OPTION_CHOICE, "LANG", OPTION_AT(P, lang), "of the HTML page",
	       .choices = lang_choices, .default_note = "from LC_ALL, LC_MESSAGES, LANG"),
	OPTION("by-unit", 0, OPTION_FLAG, NULL, OPTION_AT(P, opts.by_unit),
	       "rows and empty shares per unit"),
	OPTION("unit-column", 0, OPTION_STRING, "NAME", OPTION_AT(P, opts.unit_column),
	       "the unit column (implies --by-unit)", .default_note = "the first named unit, ward_code, ..."),
	PROFILE_SCAN_OPTIONS(P, opts, now_given),
};
#undef P

static const struct command_help profile_help = {
	"profile DATA... [options]",
	"Profile the data files DATA (folders stand for their CSV files, '-' for\n"
	"standard input) as one dataset: for each column its inferred type, empty\n"
	"and distinct counts, min and max, quantiles, lengths, top values, value\n"
	"shapes and hygiene findings. See dqa(1), PROFILES.",
	profile_options, sizeof profile_options / sizeof *profile_options,
};

static int emit(const dqa_profile *p, const char *format, dqa_lang lang)
{
	size_t len;
	char *text;
	dqa_error err = {0};
	if (dqa_profile_render(&text, &len, p, format, lang, &err) < 0)
		return report_error(&err);
	fwrite(text, 1, len, stdout);
	free(text);
	return cli_flush_stdout();
}

int cmd_profile(int argc, char **argv)
{
	struct profile_args a = {.opts = DQA_PROFILE_OPTIONS_INIT};
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n, rc = options_parse(argc, argv, &profile_help, &a, positional, &n);
	if (rc == 0 && n < 1)
		rc = usage_error(&profile_help, "no data file given");
	if (!a.now_given)
		a.opts.now = cli_generated_at();
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
	dqa_lang lang = cli_lang(a.lang);
	if (rc == 0 && a.out && dqa_profile_write_dir(p, a.out, lang, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && a.format)
		rc = emit(p, a.format, lang);
	dqa_profile_free(p);
	dqa_inputs_free(inputs, ninputs);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
