/* Trend lines in index.html when a history is given: an inline SVG
 * sparkline per unit in the unit table, and a section with the dataset's
 * line and the units that dropped most since the previous run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/round.h"
#include "../util/spark_scale.h"
#include "../util/timeparse.h"
#include "escape.h"
#include "html.h"
#include "messages.h"
#include "trend_lines.h"

enum { DROPS_SHOWN = 10, SPARK_W = 90, SPARK_H = 22, BIG_W = 640, BIG_H = 120 };

static double point_y(double v, double lo, double hi, int h)
{
	return 2 + (h - 4) * (hi - v) / (hi - lo);
}

void html_sparkline(struct strbuf *out, const double *p, size_t n, int w, int h, double lo,
		    double hi, dqa_status last_status)
{
	strbuf_printf(out, "<svg class=\"spark\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
			   "aria-hidden=\"true\">", w, h, w, h);
	double step = n > 1 ? (double)(w - 6) / (double)(n - 1) : 0;
	bool open = false;
	for (size_t i = 0; i < n; i++) {
		if (isnan(p[i])) {
			strbuf_puts(out, open ? "\"/>" : "");
			open = false;
			continue;
		}
		strbuf_printf(out, "%s%.1f,%.1f", open ? " " : "<polyline points=\"", 3 + step * (double)i,
			      point_y(p[i], lo, hi, h));
		open = true;
	}
	strbuf_puts(out, open ? "\"/>" : "");
	double last = p[n - 1];
	if (!isnan(last))
		strbuf_printf(out, "<circle class=\"h-%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>",
			      html_status_class(last_status), 3 + step * (double)(n - 1),
			      point_y(last, lo, hi, h));
	strbuf_puts(out, "</svg>");
}

/* The change since the previous run, NaN when either has no score. */
static double change(const struct dqa_report *rep, size_t row)
{
	size_t n = rep->trend->npoints;
	const double *p = report_trend_points(rep, row);
	return n > 1 ? p[n - 1] - p[n - 2] : NAN;
}

void trend_cell(struct strbuf *out, const struct dqa_report *rep, size_t unit, dqa_lang lang)
{
	const double *p = report_trend_points(rep, unit);
	double lo, hi, d = change(rep, unit);
	spark_range(p, rep->trend->npoints, &lo, &hi);
	strbuf_printf(out, "<td class=\"n spark\" data-v=\"%.2f\">", isnan(d) ? 0 : d);
	html_sparkline(out, p, rep->trend->npoints, SPARK_W, SPARK_H, lo, hi,
		       doc_status_of(rep, p[rep->trend->npoints - 1]));
	if (!isnan(d)) {
		strbuf_puts(out, "<small>");
		put_change(out, d, lang);
		strbuf_puts(out, "</small>");
	}
	strbuf_puts(out, "</td>");
}

struct drop {
	double change;
	size_t unit;
};

static int biggest_drop_first(const void *a, const void *b)
{
	const struct drop *x = a, *y = b;
	if (x->change != y->change)
		return x->change < y->change ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static void drops_table(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	size_t n = json_array_size(rep->units), ndrops = 0;
	struct drop *drops = malloc((n + 1) * sizeof *drops);
	if (!drops) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		double d = change(rep, i);
		if (round_to(d, 2) < 0)
			drops[ndrops++] = (struct drop){d, i};
	}
	qsort(drops, ndrops, sizeof *drops, biggest_drop_first);
	strbuf_printf(out, "<h3>%s</h3>\n", msg(lang, M_DROPS));
	if (!ndrops)
		strbuf_printf(out, "<p>%s</p>\n", msg(lang, M_NO_DROPS));
	else
		strbuf_puts(out, "<table class=\"drops\">\n");
	const char *const labels[] = {msg(lang, M_UNIT), msg(lang, M_PREVIOUS), msg(lang, M_SCORE),
				      msg(lang, M_CHANGE), NULL};
	if (ndrops)
		html_head_row(out, labels, "tnnn", false);
	for (size_t i = 0; i < ndrops && i < DROPS_SHOWN; i++) {
		size_t u = drops[i].unit;
		const double *p = report_trend_points(rep, u);
		size_t last = rep->trend->npoints - 1;
		strbuf_puts(out, "<tr><td>");
		if (rep->unit_pages) {
			strbuf_puts(out, "<a href=\"units/");
			html_put(out, rep->unit_files[u]);
			strbuf_puts(out, "\">");
		}
		html_put_unit(out, json_array_get(rep->units, u), lang);
		strbuf_puts(out, rep->unit_pages ? "</a></td><td class=\"n\">" : "</td><td class=\"n\">");
		put_score(out, p[last - 1], 2, lang);
		strbuf_puts(out, "</td><td class=\"n\">");
		put_score(out, p[last], 2, lang);
		/* Red only for a drop the gate would fail: noise stays plain. */
		double alert = rep->drop_alert_set ? rep->drop_alert : REPORT_DROP_ALERT;
		bool red = round_to(-drops[i].change, 2) > round_to(alert, 2);
		strbuf_printf(out, "</td><td class=\"n%s\">", red ? " c-fail" : "");
		put_change(out, drops[i].change, lang);
		strbuf_puts(out, "</td></tr>\n");
	}
	if (ndrops)
		strbuf_puts(out, "</table>\n");
	free(drops);
}

void dqa_report_set_drop_alert(dqa_report *rep, double points)
{
	rep->drop_alert = points;
	rep->drop_alert_set = true;
}

void trend_section(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	if (!rep->trend)
		return;
	size_t n = rep->trend->npoints;
	strbuf_printf(out, "<section class=\"trend\">\n<h2>%s</h2>\n", msg(lang, M_TREND));
	if (n < 2) {
		strbuf_printf(out, "<p>%s</p>\n</section>\n", msg(lang, M_NO_EARLIER_RUNS));
		return;
	}
	char first[21], last[21];
	time_format_iso(rep->trend->first_run, first);
	time_format_iso(rep->trend->last_run, last);
	strbuf_printf(out, "<p class=\"meta\">%zu %s %.10s %s %.10s, %s; %s.</p>\n", n - 1,
		      msg(lang, M_TREND_RUNS), first, msg(lang, M_TREND_TO), last,
		      msg(lang, M_TREND_THIS_RUN), msg(lang, M_TREND_SCALE));
	const double *overall = report_trend_points(rep, json_array_size(rep->units));
	double lo, hi;
	spark_range(overall, n, &lo, &hi);
	strbuf_printf(out, "<figure><figcaption>%s (", msg(lang, M_OVERALL));
	put_score(out, lo, 2, lang);
	strbuf_puts(out, " \u2013 ");
	put_score(out, hi, 2, lang);
	strbuf_puts(out, ")</figcaption>");
	html_sparkline(out, overall, n, BIG_W, BIG_H, lo, hi, doc_status_of(rep, overall[n - 1]));
	strbuf_puts(out, "</figure>\n");
	drops_table(rep, lang, out);
	strbuf_puts(out, "</section>\n");
}
