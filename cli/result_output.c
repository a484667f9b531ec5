/* The end of `dqa audit` and `dqa merge` (result_output.h). */
#include "result_output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *const result_formats[] = {"text", "json", "csv", "md", "junit", "html", NULL};

void result_output_init(struct result_output *o)
{
	*o = (struct result_output){.format = "text", .color = "auto", .fail_under = -1,
				    .max_overall_drop = -1};
}

int parse_gate_score(const char *value, void *dest, char *why, size_t cap)
{
	double *score = dest;
	if (options_number(value, 0, 100, false, score, why, cap) < 0)
		return -1;
	/* min_ratio runs 0-1, so 0.9 here is a likely slip for 90. */
	if (*score > 0 && *score < 1) {
		snprintf(why, cap, "scores run 0\u2013100: did you mean %g?", *score * 100);
		return -1;
	}
	return 0;
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

int cli_parse_since(const char *value, void *dest, char *why, size_t cap)
{
	int64_t *since = dest;
	if (dqa_time_parse(value, since) == 0)
		return 0;
	int64_t span;
	const char *problem;
	if (dqa_duration_parse(value, &span, &problem) == 0) {
		*since = cli_generated_at() - span;
		return 0;
	}
	snprintf(why, cap, "%s", problem ? problem : "expected an ISO 8601 date such as "
						    "2026-11-01, or a duration such as 30d");
	return -1;
}

/* --format json alone is the result document itself: parsing it back into
 * a report would only cost time (tens of ms for 126 units). */
static int emit_json(const dqa_result *res)
{
	char *text;
	dqa_error err = {0};
	if (dqa_result_json(&text, res, &err) < 0)
		return report_error(&err);
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
	if (o->failed_rows_max_given)
		dqa_report_set_failed_rows_max(rep, o->failed_rows_max);
	int rc = o->history && html ? cli_add_history(rep, o->history, true) : 0;
	if (rc == 0)
		rc = cli_write_reports(rep, o->out, format, cli_lang(o->lang), o->quiet, o->color);
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
	bool dropped;
	if (dqa_baseline_compare(message, &dropped, res, o->baseline, &opts, &err) < 0)
		return report_error(&err);
	return dropped ? EXIT_GATE : EXIT_PASS;
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
	dqa_history_query totals_only = DQA_HISTORY_QUERY_INIT;
	totals_only.totals_only = true;
	int rc = 0;
	if (dqa_report_from_result(&rep, res, &err) < 0)
		rc = report_error(&err);
	if (rc == 0) {
		totals_only.dataset = dqa_report_dataset(rep);
		rc = cli_history_load(o->history, &totals_only, &h);
	}
	/* index.html is written again with the links: as emit wrote it */
	if (rc == 0 && o->max_drop_given)
		dqa_report_set_drop_alert(rep, o->max_drop);
	if (rc == 0 && dqa_report_add_history(rep, h, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && dqa_report_write_history_pages(rep, h, o->out, cli_lang(o->lang), NULL,
							&err) < 0)
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
