/* The end of `dqa audit` and `dqa merge` (result_output.h). */
#include "result_output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void result_output_init(struct result_output *o)
{
	*o = (struct result_output){.lang = cli_default_lang(), .color = -1, .fail_under = -1};
}

int result_output_option(const struct command_help *help, struct result_output *o, int id,
			 const char *value)
{
	char *end;
	switch (id) {
	case OPT_OUT: o->out = value; return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	case OPT_HISTORY: o->history = value; return 0;
	case OPT_BASELINE: o->baseline = value; return 0;
	case OPT_MAX_DROP:
		o->max_drop = strtod(value, &end);
		if (!*value || *end || !(o->max_drop >= 0 && o->max_drop <= 100))
			return usage_error(help, "invalid --max-drop '%s': expected points from 0 to 100", value);
		return 0;
	case OPT_FORMAT:
		if (strcmp(value, "text") && !dqa_report_format_known(value))
			return usage_error(help, "invalid --format '%s': use text, json, csv, "
					   "md, junit or html", value);
		o->format = strcmp(value, "text") ? value : NULL;
		return 0;
	case OPT_LANG:
		if (dqa_lang_parse(value, &o->lang) < 0)
			return usage_error(help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_COLOR:
		if (!strcmp(value, "auto")) o->color = -1;
		else if (!strcmp(value, "always")) o->color = 1;
		else if (!strcmp(value, "never")) o->color = 0;
		else return usage_error(help, "invalid --color '%s': use auto, always or never", value);
		return 0;
	case OPT_FAIL_UNDER:
		o->fail_under = strtod(value, &end);
		if (!*value || *end || !(o->fail_under >= 0 && o->fail_under <= 100))
			return usage_error(help, "invalid --fail-under '%s': expected a score from 0 to 100", value);
		return 0;
	}
	return -1;
}

static bool use_color(int setting)
{
	if (setting >= 0)
		return setting;
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !(no_color && no_color[0]) && !(term && !strcmp(term, "dumb"));
}

int64_t cli_generated_at(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (epoch && *epoch) {
		long long t = strtoll(epoch, &end, 10);
		if (!*end)
			return t;
	}
	return (int64_t)time(NULL);
}

static int emit_text(const dqa_result *res, const struct result_output *o)
{
	dqa_result_write_text(res, stdout, use_color(o->color));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("dqa: error: cannot write to standard output");
		return EXIT_INPUT;
	}
	return 0;
}

/* The report folder and a report format go through the result's JSON
 * document, as `dqa report` renders them; the text summary does not. */
static int emit(const dqa_result *res, const struct result_output *o)
{
	const char *format = o->quiet ? NULL : o->format;
	if (!o->out && !format)
		return o->quiet ? 0 : emit_text(res, o);
	dqa_report *rep = NULL;
	dqa_error err = {0};
	if (dqa_report_from_result(&rep, res, &err) < 0)
		return report_error(&err);
	int rc = 0;
	if (o->out)
		rc = cli_write_reports(rep, o->out, NULL, o->lang, o->quiet);
	if (!rc && format)
		rc = cli_write_reports(rep, NULL, format, o->lang, false);
	else if (!rc && !o->quiet)
		rc = emit_text(res, o);
	dqa_report_free(rep);
	return rc;
}

static int gate(const dqa_result *res, const struct result_output *o)
{
	/* Judge and print the score as the reports show it (two decimals, half
	 * away from zero): 89.996 shows as 90.00 and passes --fail-under 90. */
	double score = round(dqa_result_score(res) * 100) / 100;
	if (dqa_result_status(res) == DQA_FAIL) {
		fprintf(stderr, "dqa: quality gate failed: overall status is fail (score %.2f)\n", score);
		return EXIT_GATE;
	}
	if (o->fail_under < 0)
		return EXIT_PASS;
	if (isnan(score)) {
		fputs("dqa: quality gate failed: nothing was scored, so no score reaches --fail-under\n",
		      stderr);
		return EXIT_GATE;
	}
	if (score < o->fail_under) {
		fprintf(stderr, "dqa: quality gate failed: overall score %.2f is below --fail-under %g\n",
			score, o->fail_under);
		return EXIT_GATE;
	}
	return EXIT_PASS;
}

/* Reads the baseline before --history appends to what may be the same file. */
static int compare_baseline(const dqa_result *res, const struct result_output *o,
			    char **message)
{
	dqa_error err = {0};
	int rc = dqa_baseline_compare(res, o->baseline, o->max_drop, message, &err);
	return rc < 0 ? report_error(&err) : rc;
}

static int append_history(const dqa_result *res, const struct result_output *o)
{
	dqa_error err = {0};
	return dqa_history_append(o->history, res, &err) < 0 ? report_error(&err) : 0;
}

int result_output_write(const dqa_result *res, const struct result_output *o)
{
	char *regression = NULL;
	int rc = 0, dropped = 0;
	if (o->baseline && (dropped = compare_baseline(res, o, &regression)) > EXIT_GATE)
		rc = dropped;
	if (rc == 0)
		rc = emit(res, o);
	if (rc == 0 && o->history)
		rc = append_history(res, o);
	if (rc == 0)
		rc = gate(res, o);
	if (regression)
		fputs(regression, stderr);
	if (rc == 0 && dropped)
		rc = EXIT_GATE;
	free(regression);
	return rc;
}
