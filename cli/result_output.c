/* The end of `dqa audit` and `dqa merge` (result_output.h). */
#include "result_output.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void result_output_init(struct result_output *o)
{
	*o = (struct result_output){.format = "text", .lang = cli_default_lang(), .color = -1,
				    .fail_under = -1, .max_overall_drop = -1};
}

static int parse_points(const struct command_help *help, const char *option, const char *value,
			double *out)
{
	char *end;
	*out = strtod(value, &end);
	if (!*value || *end || !(*out >= 0 && *out <= 100))
		return usage_error(help, "invalid %s '%s': expected points from 0 to 100", option,
				   value);
	return 0;
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
		o->max_drop_given = true;
		return parse_points(help, "--max-drop", value, &o->max_drop);
	case OPT_MAX_OVERALL_DROP:
		return parse_points(help, "--max-overall-drop", value, &o->max_overall_drop);
	case OPT_FORMAT:
		if (strcmp(value, "text") && !dqa_report_format_known(value))
			return usage_error(help, "invalid --format '%s': use text, json, csv, "
					   "md, junit or html", value);
		o->format = value;
		return 0;
	case OPT_LANG:
		if (dqa_lang_parse(value, &o->lang) < 0)
			return usage_error(help, "invalid --lang '%s': use vi or en", value);
		return 0;
	case OPT_COLOR: return cli_color_option(help, value, &o->color);
	case OPT_TZ: return cli_tz_option(help, value);
	case OPT_FAIL_UNDER:
		o->fail_under = strtod(value, &end);
		if (!*value || *end || !(o->fail_under >= 0 && o->fail_under <= 100))
			return usage_error(help, "invalid --fail-under '%s': expected a score from 0 to 100", value);
		/* min_ratio runs 0-1, so 0.9 here is a likely slip for 90. */
		if (o->fail_under > 0 && o->fail_under < 1)
			return usage_error(help, "invalid --fail-under '%s': scores run 0\u2013100: "
					   "did you mean %g?", value, o->fail_under * 100);
		return 0;
	}
	return -1;
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

/* --format json alone is the result document itself: parsing it back into
 * a report would only cost time (tens of ms for 126 units). */
static int emit_json(const dqa_result *res)
{
	char *text = dqa_result_json(res);
	if (!text) {
		const dqa_error err = {.code = DQA_ENOMEM, .message = "out of memory"};
		return report_error(&err);
	}
	fputs(text, stdout);
	free(text);
	return cli_flush_stdout();
}

/* Every output goes through the result's JSON document, as `dqa report`
 * renders it: the text summary, a report format and the report folder. */
static int emit(const dqa_result *res, const struct result_output *o)
{
	const char *format = o->quiet ? NULL : o->format;
	if (!o->out && !format)
		return 0;
	if (!o->out && !strcmp(format, "json"))
		return emit_json(res);
	dqa_report *rep = NULL;
	dqa_error err = {0};
	if (dqa_report_from_result(&rep, res, &err) < 0)
		return report_error(&err);
	/* Trend lines for index.html; the history does not hold this run yet. */
	bool html = o->out || (format && !strcmp(format, "html"));
	if (o->max_drop_given)
		dqa_report_set_drop_alert(rep, o->max_drop);
	int rc = o->history && html ? cli_add_history(rep, o->history, true) : 0;
	if (rc == 0)
		rc = cli_write_reports(rep, o->out, format, o->lang, o->quiet, o->color);
	dqa_report_free(rep);
	return rc;
}

static int gate(const dqa_result *res, const struct result_output *o)
{
	dqa_gate_input in = {dqa_result_score(res), dqa_result_status(res), dqa_result_no_rows(res),
			     o->fail_under, false};
	char why[256];
	if (dqa_gate(&in, why, sizeof why))
		return EXIT_PASS;
	fprintf(stderr, "dqa: quality gate failed: %s\n", why);
	return EXIT_GATE;
}

/* Reads the baseline before --history appends to what may be the same file.
 * When both name one file that does not exist yet, this is the first run
 * (a nightly job or CI, day one): nothing to compare, so a note, no gate. A
 * baseline named alone must exist, or a typo would switch the gate off. */
static int compare_baseline(const dqa_result *res, const struct result_output *o,
			    char **message)
{
	if (o->history && !strcmp(o->baseline, o->history) && access(o->baseline, F_OK) < 0 &&
	    errno == ENOENT) {
		const char *fmt = "dqa: note: %s does not exist yet (first run): no regression gate\n";
		size_t size = strlen(fmt) + strlen(o->baseline);
		*message = malloc(size);
		if (*message)
			snprintf(*message, size, fmt, o->baseline);
		return 0;
	}
	dqa_error err = {0};
	dqa_baseline_options opts = {o->max_drop,
				     o->max_overall_drop < 0 ? o->max_drop : o->max_overall_drop};
	int rc = dqa_baseline_compare(res, o->baseline, &opts, message, &err);
	return rc < 0 ? report_error(&err) : rc;
}

static int append_history(const dqa_result *res, const struct result_output *o)
{
	dqa_error err = {0};
	return dqa_history_append(o->history, res, &err) < 0 ? report_error(&err) : 0;
}

/* With --history and --out, the report folder gets the trend and warning
 * pages of the history that now holds this run. */
static int history_pages(const dqa_result *res, const struct result_output *o)
{
	dqa_report *rep = NULL;
	dqa_history *h = NULL;
	dqa_error err = {0};
	int rc = 0;
	if (dqa_report_from_result(&rep, res, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = cli_history_load(o->history, &h);
	/* index.html is written again with the links: as emit wrote it */
	if (rc == 0 && o->max_drop_given)
		dqa_report_set_drop_alert(rep, o->max_drop);
	if (rc == 0 && dqa_report_add_history(rep, h, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_report_write_history_pages(rep, h, o->out, o->lang, NULL, &err) < 0)
		rc = report_error(&err);
	dqa_history_free(h);
	dqa_report_free(rep);
	return rc;
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
	if (rc == 0 && o->history && o->out)
		rc = history_pages(res, o);
	if (rc == 0)
		rc = gate(res, o);
	if (regression)
		fputs(regression, stderr);
	if (rc == 0 && dropped)
		rc = EXIT_GATE;
	free(regression);
	return rc;
}
