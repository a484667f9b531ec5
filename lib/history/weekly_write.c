/* Rendering the weekly warning list as text, CSV, JSON, Markdown or HTML. */
#include <math.h>
#include <string.h>

#include "view.h"
#include "weekly.h"
#include "../util/timeparse.h"

enum { UNIT_WIDTH = 12 };

void weekly_reasons(const struct weekly_item *it, char *buf, size_t cap)
{
	size_t len = 0;
	buf[0] = '\0';
	if (it->missing)
		len += (size_t)snprintf(buf, cap, "%s", it->no_run ? "missing: no run this week"
									: "missing: no rows");
	if (it->below && len < cap)
		len += (size_t)snprintf(buf + len, cap - len, "%sbelow target", len ? "; " : "");
	if (it->stalled && len < cap)
		snprintf(buf + len, cap - len, "%sstalled: same data in %u runs", len ? "; " : "",
			 it->stalled_runs);
}

static void week_title(const struct weekly_list *l, char *label, char *first, char *last)
{
	char iso[21];
	dqa_iso_week_format(l->monday, label);
	time_format_iso(l->monday, iso);
	memcpy(first, iso, 10);
	first[10] = '\0';
	time_format_iso(l->monday + 6 * 86400, iso);
	memcpy(last, iso, 10);
	last[10] = '\0';
}

static void target_text(const dqa_weekly_options *o, char *buf, size_t cap)
{
	if (o->target >= 0)
		snprintf(buf, cap, "score below %g", o->target);
	else
		snprintf(buf, cap, "status warn or fail");
}

void weekly_csv(const struct weekly_list *lists, size_t n, FILE *out)
{
	char label[16], reasons[160], score[VIEW_NUM];
	fputs("week,dataset,unit,score,status,missing,below_target,stalled,streak,reasons\n", out);
	for (size_t i = 0; i < n; i++) {
		dqa_iso_week_format(lists[i].monday, label);
		for (size_t k = 0; k < lists[i].nitems; k++) {
			const struct weekly_item *it = &lists[i].items[k];
			fprintf(out, "%s,", label);
			view_csv(out, lists[i].dataset);
			fputc(',', out);
			view_csv(out, it->unit);
			weekly_reasons(it, reasons, sizeof reasons);
			fprintf(out, ",%s,%s,%d,%d,%d,%u,", view_num(score, it->score, false, ""),
				dqa_status_name(it->status), it->missing, it->below, it->stalled,
				it->streak);
			view_csv(out, reasons);
			fputc('\n', out);
		}
	}
}

void weekly_json(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o, FILE *out)
{
	char label[16], first[11], last[11], score[VIEW_NUM];
	fputs("{\"format\": 1, \"lists\": [", out);
	for (size_t i = 0; i < n; i++) {
		const struct weekly_list *l = &lists[i];
		week_title(l, label, first, last);
		fprintf(out, "%s\n {\"week\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", \"dataset\": ",
			i ? "," : "", label, first, last);
		view_json(out, l->dataset);
		fprintf(out, ", \"target\": %s, \"runs\": %zu, \"units\": %zu,\n  \"listed\": [",
			o->target >= 0 ? view_num(score, o->target, false, "null") : "null",
			l->nruns, l->nunits);
		for (size_t k = 0; k < l->nitems; k++) {
			const struct weekly_item *it = &l->items[k];
			fputs(k ? ",\n   {\"unit\": " : "\n   {\"unit\": ", out);
			view_json(out, it->unit);
			fprintf(out, ", \"score\": %s, \"status\": \"%s\", \"missing\": %s, "
				     "\"below_target\": %s, \"stalled\": %s, \"stalled_runs\": %u, "
				     "\"streak\": %u}",
				view_num(score, it->score, false, "null"), dqa_status_name(it->status),
				it->missing ? "true" : "false", it->below ? "true" : "false",
				it->stalled ? "true" : "false", it->stalled_runs, it->streak);
		}
		fputs("]}", out);
	}
	fputs("]}\n", out);
}

/* What the text, Markdown and HTML lists share: a title per week and
 * dataset, then one row per listed unit. */
struct week_words {
	char label[16], first[11], last[11];
	const char *target;
};

struct weekly_layout {
	const char *begin, *end;          /* around the whole document */
	void (*list_head)(FILE *out, const struct weekly_list *l, size_t index,
			  const struct week_words *w);
	void (*row)(FILE *out, const struct weekly_item *it, const char *score,
		    const char *reasons);
	const char *list_end;             /* after each list's rows */
};

static void write_layout(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
			 FILE *out, const struct weekly_layout *layout)
{
	char target[64], reasons[160], score[VIEW_NUM];
	struct week_words w = {.target = target};
	target_text(o, target, sizeof target);
	fputs(layout->begin, out);
	for (size_t i = 0; i < n; i++) {
		const struct weekly_list *l = &lists[i];
		week_title(l, w.label, w.first, w.last);
		layout->list_head(out, l, i, &w);
		for (size_t k = 0; k < l->nitems; k++) {
			weekly_reasons(&l->items[k], reasons, sizeof reasons);
			layout->row(out, &l->items[k], view_num(score, l->items[k].score, false, "-"),
				    reasons);
		}
		fputs(layout->list_end, out);
	}
	fputs(layout->end, out);
}

static void text_head(FILE *out, const struct weekly_list *l, size_t index,
		      const struct week_words *w)
{
	fprintf(out, "%sweek %s (%s to %s), dataset ", index ? "\n" : "", w->label, w->first,
		w->last);
	view_name(out, l->dataset, 0);
	fprintf(out, ": %zu run%s, %zu of %zu units listed (target: %s)\n", l->nruns,
		l->nruns == 1 ? "" : "s", l->nitems, l->nunits, w->target);
	if (l->nitems)
		fprintf(out, "\n%-*s %7s %-8s %7s  reasons\n", UNIT_WIDTH, "unit", "score",
			"status", "streak");
}

static void text_row(FILE *out, const struct weekly_item *it, const char *score,
		     const char *reasons)
{
	view_name(out, it->unit, UNIT_WIDTH);
	fprintf(out, " %7s %-8s %2u week%s  %s\n", score, dqa_status_name(it->status), it->streak,
		it->streak == 1 ? " " : "s", reasons);
}

static void md_head(FILE *out, const struct weekly_list *l, size_t index,
		    const struct week_words *w)
{
	fprintf(out, "%s## Warnings %s: ", index ? "\n" : "", w->label);
	view_md(out, l->dataset);
	fprintf(out, "\n\n%s to %s, %zu runs, %zu of %zu units listed (target: %s).\n", w->first,
		w->last, l->nruns, l->nitems, l->nunits, w->target);
	if (l->nitems)
		fputs("\n| unit | score | status | streak (weeks) | reasons |\n"
		      "|---|---:|---|---:|---|\n", out);
}

static void md_row(FILE *out, const struct weekly_item *it, const char *score,
		   const char *reasons)
{
	fputs("| ", out);
	view_md(out, it->unit);
	fprintf(out, " | %s | %s | %u | %s |\n", score, dqa_status_name(it->status), it->streak,
		reasons);
}

static void html_head(FILE *out, const struct weekly_list *l, size_t index,
		      const struct week_words *w)
{
	(void)index;
	fprintf(out, "<h2>Warnings %s: ", w->label);
	view_html(out, l->dataset);
	fprintf(out, "</h2>\n<p>%s to %s, %zu runs, %zu of %zu units listed (target: %s).</p>\n"
		     "<table><tr><th>unit</th><th>score</th><th>status</th><th>streak</th>"
		     "<th>reasons</th></tr>\n", w->first, w->last, l->nruns, l->nitems, l->nunits,
		w->target);
}

static void html_row(FILE *out, const struct weekly_item *it, const char *score,
		     const char *reasons)
{
	fputs("<tr><td>", out);
	view_html(out, it->unit[0] ? it->unit : "(empty)");
	fprintf(out, "</td><td>%s</td><td>%s</td><td>%u</td><td>%s</td></tr>\n", score,
		dqa_status_name(it->status), it->streak, reasons);
}

void weekly_text(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o, FILE *out)
{
	static const struct weekly_layout text = {"", "", text_head, text_row, ""};
	write_layout(lists, n, o, out, &text);
}

void weekly_md(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o, FILE *out)
{
	static const struct weekly_layout md = {"", "", md_head, md_row, ""};
	write_layout(lists, n, o, out, &md);
}

void weekly_html(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o, FILE *out)
{
	static const struct weekly_layout html = {
		"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dqa warnings</title>\n"
		"<style>body{font-family:sans-serif}td,th{padding:2px 8px}</style></head><body>\n",
		"</body></html>\n", html_head, html_row, "</table>\n"};
	write_layout(lists, n, o, out, &html);
}
