/* Rendering trends: text (with sparklines), CSV, JSON, Markdown and a
 * self-contained HTML page with one SVG line per unit. */
#include <math.h>
#include <string.h>

#include "trend.h"
#include "view.h"
#include "../util/spark_scale.h"
#include "../util/timeparse.h"

static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
enum { LEVELS = 8, UNIT_WIDTH = 12 };

void trend_sparkline(const double *values, size_t n, size_t width, char *buf, size_t cap)
{
	size_t from = n > width ? n - width : 0, len = 0;
	double lo, hi;
	/* The scale of index.html's lines: the values shown, at least 10 points tall. */
	spark_range(values + from, n - from, &lo, &hi);
	buf[0] = '\0';
	for (size_t i = from; i < n && len + 4 < cap; i++) {
		const char *cell = " ";
		if (!isnan(values[i]))
			cell = blocks[(int)lround((values[i] - lo) / (hi - lo) * (LEVELS - 1))];
		size_t cl = strlen(cell);
		memcpy(buf + len, cell, cl + 1);
		len += cl;
	}
}

static void iso_date(int64_t t, char *buf)
{
	char full[21];
	time_format_iso(t, full);
	memcpy(buf, full, 10);
	buf[10] = '\0';
}

/* "2026-11-20, 2026-11-21": the runs made with other rules than the run
 * before (dqa audit records a hash of the rules in the history). */
static void put_rule_changes(FILE *out, const struct trend_dataset *d)
{
	char day[11];
	size_t listed = 0;
	for (size_t r = 0; r < d->nruns; r++) {
		if (!d->rules_changed[r])
			continue;
		iso_date(d->runs[r], day);
		fprintf(out, "%s%s", listed++ ? ", " : "", day);
	}
}

/* A caret under each sparkline cell of a run with changed rules, then the
 * dates. */
static void text_rule_changes(FILE *out, const struct trend_dataset *d, size_t width)
{
	if (!d->nrules_changed)
		return;
	size_t from = d->nruns > width ? d->nruns - width : 0, last = from;
	for (size_t r = from; r < d->nruns; r++)
		if (d->rules_changed[r])
			last = r + 1;
	if (last > from) {
		fprintf(out, "%-*s %7s %9s %9s  ", UNIT_WIDTH, "(new rules)", "", "", "");
		for (size_t r = from; r < last; r++)
			fputc(d->rules_changed[r] ? '^' : ' ', out);
		fputc('\n', out);
	}
	fputs("\nrules changed at the runs of ", out);
	put_rule_changes(out, d);
	fputs(": scores before and after measure other checks\n", out);
}

static const char *series_name(const struct trend_series *s)
{
	return s->unit ? s->unit : "(dataset)";
}

static const char *paint(double change, bool color)
{
	if (!color || isnan(change) || round(change * 100) == 0)
		return "";
	return change < 0 ? "\033[31m" : "\033[32m";
}

void trend_text(const struct trend *t, const dqa_trend_options *opts, FILE *out)
{
	size_t width = opts->width ? opts->width : 30;
	char spark[4 * 400], a[VIEW_NUM], b[VIEW_NUM], c[VIEW_NUM];
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		char first[11], last[11];
		iso_date(d->runs[0], first);
		iso_date(d->runs[d->nruns - 1], last);
		fprintf(out, "%sdataset ", i ? "\n" : "");
		view_name(out, d->name, 0);
		fprintf(out, ": %zu run%s from %s to %s\n\n", d->nruns, d->nruns == 1 ? "" : "s",
			first, last);
		fprintf(out, "%-*s %7s %9s %9s  trend (last %zu runs)\n", UNIT_WIDTH, "unit", "last",
			"last run", "last week", width < d->nruns ? width : d->nruns);
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			trend_sparkline(s->scores, d->nruns, width > 400 ? 400 : width, spark, sizeof spark);
			view_name(out, series_name(s), UNIT_WIDTH);
			fprintf(out, " %7s %s%9s%s %s%9s%s  %s\n", view_num(a, s->last, false, "-"),
				paint(s->since_run, opts->color), view_num(b, s->since_run, true, "-"),
				opts->color && *paint(s->since_run, true) ? "\033[0m" : "",
				paint(s->since_week, opts->color), view_num(c, s->since_week, true, "-"),
				opts->color && *paint(s->since_week, true) ? "\033[0m" : "", spark);
		}
		text_rule_changes(out, d, width > 400 ? 400 : width);
		if (!d->nworse)
			continue;
		fprintf(out, "\nworse than a week before: %zu unit%s, worst first\n", d->nworse,
			d->nworse == 1 ? "" : "s");
		for (size_t w = 0; w < d->nworse; w++) {
			const struct trend_series *s = &d->series[d->worse[w]];
			fputs("  ", out);
			view_name(out, s->unit, UNIT_WIDTH);
			fprintf(out, " %7s  (%s -> %s)\n", view_num(a, s->since_week, true, "-"),
				view_num(b, s->last - s->since_week, false, "-"),
				view_num(c, s->last, false, "-"));
		}
	}
}

void trend_csv(const struct trend *t, FILE *out)
{
	char a[VIEW_NUM], b[VIEW_NUM], c[VIEW_NUM], when[21], changed[21];
	fputs("dataset,unit,runs,last_run,last,change_last_run,change_last_week,scores,"
	      "rules_changed\n", out);
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		time_format_iso(d->runs[d->nruns - 1], when);
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			view_csv(out, d->name);
			fputc(',', out);
			view_csv(out, s->unit ? s->unit : "");
			fprintf(out, ",%zu,%s,%s,%s,%s,", d->nruns, when, view_num(a, s->last, false, ""),
				view_num(b, s->since_run, true, ""), view_num(c, s->since_week, true, ""));
			/* Space-separated, one per run, "-" where the unit had no score. */
			for (size_t r = 0; r < d->nruns; r++)
				fprintf(out, "%s%s", r ? " " : "", view_num(a, s->scores[r], false, "-"));
			/* The runs made with other rules than the run before, space-separated. */
			fputc(',', out);
			for (size_t r = 0, n = 0; r < d->nruns; r++) {
				if (!d->rules_changed[r])
					continue;
				time_format_iso(d->runs[r], changed);
				fprintf(out, "%s%s", n++ ? " " : "", changed);
			}
			fputc('\n', out);
		}
	}
}

static void json_series(FILE *out, const struct trend_dataset *d, const struct trend_series *s)
{
	char a[VIEW_NUM];
	fputs("{\"unit\": ", out);
	if (s->unit)
		view_json(out, s->unit);
	else
		fputs("null", out);
	fprintf(out, ", \"last\": %s", view_num(a, s->last, false, "null"));
	fprintf(out, ", \"change_last_run\": %s", view_num(a, s->since_run, false, "null"));
	fprintf(out, ", \"change_last_week\": %s, \"scores\": [", view_num(a, s->since_week, false, "null"));
	for (size_t r = 0; r < d->nruns; r++)
		fprintf(out, "%s%s", r ? ", " : "", view_num(a, s->scores[r], false, "null"));
	fputs("]}", out);
}

void trend_json(const struct trend *t, FILE *out)
{
	char when[21];
	fputs("{\"format\": 1, \"datasets\": [", out);
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		fprintf(out, "%s\n {\"dataset\": ", i ? "," : "");
		view_json(out, d->name);
		fputs(",\n  \"runs\": [", out);
		for (size_t r = 0; r < d->nruns; r++) {
			time_format_iso(d->runs[r], when);
			fprintf(out, "%s\"%s\"", r ? ", " : "", when);
		}
		fputs("],\n  \"rules_changed\": [", out);
		for (size_t r = 0, n = 0; r < d->nruns; r++) {
			if (!d->rules_changed[r])
				continue;
			time_format_iso(d->runs[r], when);
			fprintf(out, "%s\"%s\"", n++ ? ", " : "", when);
		}
		fputs("],\n  \"series\": [", out);
		for (size_t k = 0; k < d->nseries; k++) {
			fputs(k ? ",\n   " : "\n   ", out);
			json_series(out, d, &d->series[k]);
		}
		fputs("],\n  \"worse\": [", out);
		for (size_t w = 0; w < d->nworse; w++) {
			fputs(w ? ", " : "", out);
			view_json(out, d->series[d->worse[w]].unit);
		}
		fputs("]}", out);
	}
	fputs("]}\n", out);
}

void trend_md(const struct trend *t, const dqa_trend_options *opts, FILE *out)
{
	size_t width = opts->width ? opts->width : 30;
	char spark[4 * 400], a[VIEW_NUM], b[VIEW_NUM], c[VIEW_NUM];
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		fprintf(out, "%s## Trend: ", i ? "\n" : "");
		view_md(out, d->name);
		fprintf(out, " (%zu runs)\n\n| unit | last | since last run | since last week | trend |\n"
			     "|---|---:|---:|---:|---|\n", d->nruns);
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			trend_sparkline(s->scores, d->nruns, width > 400 ? 400 : width, spark, sizeof spark);
			fputs("| ", out);
			view_md(out, series_name(s));
			fprintf(out, " | %s | %s | %s | %s |\n", view_num(a, s->last, false, "-"),
				view_num(b, s->since_run, true, "-"), view_num(c, s->since_week, true, "-"),
				spark);
		}
		if (d->nrules_changed) {
			fputs("\nRules changed at the runs of ", out);
			put_rule_changes(out, d);
			fputs(": scores before and after measure other checks.\n", out);
		}
	}
}

/* One polyline per unit, 0 at the bottom and 100 at the top. */
static void html_svg(FILE *out, const struct trend_dataset *d, const struct trend_series *s)
{
	enum { W = 240, H = 40 };
	fprintf(out, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><polyline fill=\"none\" "
		     "stroke=\"#36c\" stroke-width=\"1.5\" points=\"", W, H, W, H);
	for (size_t r = 0; r < d->nruns; r++) {
		if (isnan(s->scores[r]))
			continue;
		double x = d->nruns > 1 ? (double)r * W / (double)(d->nruns - 1) : W / 2.0;
		fprintf(out, "%.1f,%.1f ", x, H - s->scores[r] * H / 100);
	}
	fputs("\"/>", out);
	for (size_t r = 0; r < d->nruns; r++)
		if (d->rules_changed[r] && d->nruns > 1)
			fprintf(out, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
				     "stroke-dasharray=\"2,2\"/>", (double)r * W / (double)(d->nruns - 1),
				(double)r * W / (double)(d->nruns - 1), H);
	fputs("</svg>", out);
}

void trend_html(const struct trend *t, FILE *out)
{
	char a[VIEW_NUM], b[VIEW_NUM], c[VIEW_NUM];
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dqa trend</title>\n"
	      "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}"
	      "td:first-child{text-align:left}.down{color:#b00}</style></head><body>\n", out);
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		fputs("<h2>Trend: ", out);
		view_html(out, d->name);
		fprintf(out, " (%zu runs)</h2>\n<table><tr><th>unit</th><th>last</th><th>since last run"
			     "</th><th>since last week</th><th>trend</th></tr>\n", d->nruns);
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			fputs("<tr><td>", out);
			view_html(out, series_name(s));
			fprintf(out, "</td><td>%s</td><td%s>%s</td><td%s>%s</td><td>",
				view_num(a, s->last, false, "-"),
				round(s->since_run * 100) < 0 ? " class=\"down\"" : "",
				view_num(b, s->since_run, true, "-"),
				round(s->since_week * 100) < 0 ? " class=\"down\"" : "",
				view_num(c, s->since_week, true, "-"));
			html_svg(out, d, s);
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
		if (d->nrules_changed) {
			fputs("<p class=\"rules\">Rules changed at the runs of ", out);
			put_rule_changes(out, d);
			fputs(" (dashed): scores before and after measure other checks.</p>\n", out);
		}
	}
	fputs("</body></html>\n", out);
}
