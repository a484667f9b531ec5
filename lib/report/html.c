/* index.html: the overview a head of department opens. One self-contained
 * file (inline CSS, SVG and a small script, nothing fetched): overall and
 * criterion scores, the dataset-level checks, score histogram, failures by
 * check, the warning list
 * and the unit table, which doubles as a units x criteria heatmap and can
 * be sorted and filtered. Sections are rows of one table, in page order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "html.h"
#include "map_svg.h"
#include "messages.h"
#include "trend_lines.h"

typedef void section_fn(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);

/* A link to the unit's page, or its name alone on a page written by itself
 * (no unit pages beside it). */
static void unit_link(struct strbuf *out, const struct dqa_report *rep, size_t unit,
		      dqa_lang lang)
{
	if (!rep->unit_pages) {
		html_put_unit(out, json_array_get(rep->units, unit), lang);
		return;
	}
	strbuf_puts(out, "<a href=\"units/");
	html_put(out, rep->unit_files[unit]);
	strbuf_puts(out, "\">");
	html_put_unit(out, json_array_get(rep->units, unit), lang);
	strbuf_puts(out, "</a>");
}

static void put_list(struct strbuf *out, const json_t *array)
{
	size_t i;
	json_t *v;
	json_array_foreach(array, i, v) {
		if (i)
			strbuf_puts(out, ", ");
		html_put(out, json_string_value(v) ? json_string_value(v) : "");
	}
}

static void overview(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	const json_t *doc = rep->doc;
	strbuf_puts(out, "<header>\n<h1>");
	html_put(out, msg(lang, M_TITLE));
	strbuf_puts(out, ": ");
	html_put(out, doc_str(doc, "dataset"));
	strbuf_printf(out, "</h1>\n<ul class=\"meta\"><li>%s: ", msg(lang, M_RULES));
	html_put(out, doc_str(doc, "rules"));
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_INPUTS));
	put_list(out, json_object_get(doc, "inputs"));
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_ROWS));
	put_count(out, doc_count(doc, "rows"), lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_UNITS));
	put_count(out, json_array_size(rep->units), lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_NOW));
	put_time_text(out, doc_str(doc, "now"), lang, html_put);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_GENERATED));
	put_time_text(out, doc_str(doc, "generated_at"), lang, html_put);
	const json_t *t = json_object_get(doc, "thresholds");
	strbuf_printf(out, "</li><li>%s: %s ", msg(lang, M_THRESHOLDS), msg(lang, M_PASS_FROM));
	put_score(out, doc_num(t, "warn_below"), 2, lang);
	strbuf_printf(out, "%s%s ", list_separator(lang), msg(lang, M_FAIL_BELOW));
	put_score(out, doc_num(t, "fail_below"), 2, lang);
	strbuf_puts(out, "</li></ul>\n<div class=\"cards\">\n<div class=\"card big b-");
	strbuf_printf(out, "%s\"><small>%s</small><b>", html_status_class(doc_status(doc, "status")),
		      msg(lang, M_OVERALL));
	put_score(out, doc_num(doc, "score"), 2, lang);
	strbuf_puts(out, "</b>");
	html_badge(out, lang, doc_status(doc, "status"));
	strbuf_puts(out, "</div>\n");
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double v = doc_criterion(doc, k);
		html_score_card(out, msg_criterion_title(lang, k), v, doc_status_of(rep, v), lang);
	}
	strbuf_puts(out, "</div>\n</header>\n<main>\n");
}

enum { BINS = 10, HIST_W = 420, HIST_H = 190, HIST_LEFT = 30, HIST_TOP = 16, HIST_BAR_H = 140 };

/* The histogram's bands: the first takes every score below the other
 * nine, which are `width` wide and end at `top`. They go where the scores
 * are: top is the best score rounded up (100 at most) and width the
 * narrowest of 0.1 ... 5 points whose nine top bands hold at least nine
 * units in ten; otherwise 0-10 ... 90-100. */
struct bands {
	double top, width;
};

static struct bands score_bands(const struct dqa_report *rep)
{
	static const double widths[] = {0.1, 0.2, 0.5, 1, 2, 5};
	size_t scored = 0, i;
	double best = 0;
	json_t *u;
	json_array_foreach(rep->units, i, u) {
		double s = doc_num(u, "score");
		if (isnan(s))
			continue;
		scored++;
		best = s > best ? s : best;
	}
	double top = ceil(best) < 100 ? ceil(best) : 100;
	for (size_t k = 0; scored && k < sizeof widths / sizeof *widths; k++) {
		double lo = top - (BINS - 1) * widths[k];
		size_t below = 0;
		json_array_foreach(rep->units, i, u)
			below += doc_num(u, "score") < lo;
		if (10 * below <= scored)
			return (struct bands){top, widths[k]};
	}
	return (struct bands){100, 10};
}

/* The lower edge of band b (the last one ends at bands.top). */
static double band_edge(int b, struct bands bands)
{
	return b == 0 ? 0 : b == BINS ? bands.top : bands.top - (BINS - b) * bands.width;
}

static void histogram(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	size_t bins[BINS] = {0}, most = 1, i;
	const struct bands bands = score_bands(rep);
	json_t *u;
	json_array_foreach(rep->units, i, u) {
		double s = doc_num(u, "score");
		if (isnan(s))
			continue;
		int b = 1;
		while (b < BINS && s >= band_edge(b, bands))
			b++;
		if (++bins[b - 1] > most)
			most = bins[b - 1];
	}
	strbuf_printf(out, "<section>\n<h2>%s</h2>\n<svg viewBox=\"0 0 %d %d\" width=\"%d\" "
			   "height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
		      msg(lang, M_HISTOGRAM), HIST_W, HIST_H, HIST_W, HIST_H,
		      msg(lang, M_HISTOGRAM_AXIS));
	const int slot = (HIST_W - HIST_LEFT - 20) / BINS;
	const int base = HIST_TOP + HIST_BAR_H;
	for (int b = 0; b < BINS; b++) {
		int h = (int)((double)bins[b] * HIST_BAR_H / (double)most + 0.5);
		int x = HIST_LEFT + b * slot;
		double lo = band_edge(b, bands), hi = band_edge(b + 1, bands);
		dqa_status st = doc_status_of(rep, (lo + hi) / 2);
		strbuf_printf(out, "<rect class=\"h-%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
				   "<title>", html_status_class(st), x + 2, base - h, slot - 4, h);
		put_score(out, lo, 1, lang);
		strbuf_putc(out, '-');
		put_score(out, hi, 1, lang);
		strbuf_printf(out, ": %zu</title></rect>", bins[b]);
		strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n",
			      x + slot / 2, base - h - 3, bins[b]);
	}
	for (int b = 0; b <= BINS; b += bands.width == 10 ? 2 : 1) {
		strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
			      HIST_LEFT + b * slot, base + 15);
		if (bands.width < 1)
			put_score(out, band_edge(b, bands), 1, lang);
		else
			put_count(out, (uint64_t)band_edge(b, bands), lang);
		strbuf_puts(out, "</text>");
	}
	strbuf_printf(out, "\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
			   "\n<text x=\"%d\" y=\"%d\">%s</text>\n</svg>\n</section>\n",
		      HIST_LEFT, base, HIST_LEFT + BINS * slot, base, HIST_LEFT, base + 32,
		      msg(lang, M_HISTOGRAM_AXIS));
}

static void check_bars(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	struct check_total *totals;
	size_t n = report_check_totals(rep, &totals);
	if (n == (size_t)-1) {
		out->failed = true;
		return;
	}
	double top = n && totals[0].evaluated
		? (double)totals[0].failed / (double)totals[0].evaluated : 0;
	strbuf_printf(out, "<section class=\"wide\">\n<h2>%s</h2>\n<p class=\"meta\">%s</p>\n"
			   "<div class=\"scroll\"><table class=\"bars stack\">\n", msg(lang, M_CHECK_BARS),
		      msg(lang, M_CHECK_BARS_NOTE));
	const char *const labels[] = {msg(lang, M_CHECK), "%", msg(lang, M_FAILED),
				      msg(lang, M_UNITS_BELOW), NULL};
	html_head_row(out, labels, "ttnn", false);
	strbuf_puts(out, "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct check_total *t = &totals[i];
		double s = t->evaluated ? (double)t->failed / (double)t->evaluated : 0;
		strbuf_puts(out, "<tr><td>");
		html_put_check(out, t->check, lang);
		strbuf_printf(out, "</td><td><div class=\"bar\" style=\"--w:%.1f%%\">"
				   "&nbsp;</div></td><td class=\"n\"",
			      top > 0 ? 100 * s / top : 0);
		html_label(out, msg(lang, M_FAILED));
		strbuf_putc(out, '>');
		put_score(out, 100 * s, 1, lang);
		strbuf_puts(out, "% (");
		put_count(out, t->failed, lang);
		/* on a phone the cell is a third of the card: 7-digit counts
		 * go on two lines rather than over the next cell */
		strbuf_puts(out, "/<wbr>");
		put_count(out, t->evaluated, lang);
		strbuf_puts(out, ")</td><td class=\"n\"");
		html_label(out, msg(lang, M_UNITS_BELOW));
		strbuf_putc(out, '>');
		put_count(out, t->units_failing, lang);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n</section>\n");
	free(totals);
}

static void charts(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	strbuf_puts(out, "<div class=\"charts\">\n");
	histogram(rep, lang, out);
	check_bars(rep, lang, out);
	strbuf_puts(out, "</div>\n");
}

/* The dataset-level checks and their fix list: for whoever publishes the
 * dataset, apart from the units. */
static void dataset_checks(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	if (!json_array_size(rep->dataset_checks))
		return;
	strbuf_puts(out, "<section>\n");
	html_check_details(rep, rep->dataset_checks, msg(lang, M_DATASET_CHECKS),
			   msg(lang, M_DATASET_CHECKS_NOTE), lang, out);
	strbuf_puts(out, "</section>\n");
}

static void warnings(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	const json_t *list = json_object_get(rep->doc, "warnings");
	strbuf_printf(out, "<section>\n<h2>%s (%zu)</h2>\n", msg(lang, M_WARNINGS),
		      json_array_size(list));
	if (!json_array_size(list)) {
		if (json_array_size(rep->units))
			strbuf_printf(out, "<p>%s.</p>\n</section>\n", msg(lang, M_NO_WARNINGS));
		else
			strbuf_printf(out, "<p>%s</p>\n</section>\n", msg(lang, M_NO_UNITS));
		return;
	}
	strbuf_puts(out, "<div class=\"scroll\"><table class=\"stack\">\n");
	const char *const labels[] = {msg(lang, M_UNIT), msg(lang, M_SCORE), msg(lang, M_STATUS),
				      msg(lang, M_REASONS), NULL};
	html_head_row(out, labels, "tntt", false);
	strbuf_puts(out, "<tbody>\n");
	size_t i;
	json_t *w;
	json_array_foreach(list, i, w) {
		size_t unit = doc_unit_index(rep->units, doc_str(w, "unit"));
		strbuf_puts(out, "<tr><td>");
		if (unit < json_array_size(rep->units))
			unit_link(out, rep, unit, lang);
		else
			html_put_unit(out, w, lang);
		dqa_status st = doc_status(w, "status");
		strbuf_puts(out, "</td>");
		html_score_cell(out, NULL, doc_num(w, "score"), st, 2, lang);
		strbuf_puts(out, "<td>");
		html_badge(out, lang, st);
		strbuf_puts(out, "</td><td class=\"wide\">");
		html_put_reasons(out, w, json_array_get(rep->units, unit), lang);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n</section>\n");
}

struct unit_order {
	double score;             /* NaN sorts last */
	const char *name;
	size_t unit;
};

static int worst_first(const void *a, const void *b)
{
	const struct unit_order *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void unit_row(const struct dqa_report *rep, size_t i, dqa_lang lang, struct strbuf *out)
{
	const json_t *u = json_array_get(rep->units, i);
	dqa_status st = doc_status(u, "status");
	strbuf_printf(out, "<tr data-status=\"%s\"><td>", dqa_status_name(st));
	unit_link(out, rep, i, lang);
	strbuf_printf(out, "</td><td class=\"n\" data-v=\"%llu\"",
		      (unsigned long long)doc_count(u, "rows"));
	html_label(out, msg(lang, M_ROWS));
	strbuf_putc(out, '>');
	put_count(out, doc_count(u, "rows"), lang);
	strbuf_puts(out, "</td>");
	html_score_cell(out, msg(lang, M_SCORE), doc_num(u, "score"), st, 2, lang);
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double v = doc_criterion(u, k);
		html_score_cell(out, msg_criterion(lang, k), v, doc_criterion_status(rep, u, v), 1,
				lang);
	}
	strbuf_printf(out, "<td data-v=\"%d\">", (int)st);
	html_badge(out, lang, st);
	strbuf_puts(out, "</td>");
	if (rep->trend)
		trend_cell(out, rep, i, lang);
	strbuf_puts(out, "</tr>\n");
}

static const char table_script[] =
	"(function(){var t=document.getElementById('units'),b=t.tBodies[0],"
	"q=document.getElementById('q'),s=document.getElementById('st');"
	"function f(){var v=q.value.toLowerCase(),w=s.value;"
	"for(var i=0;i<b.rows.length;i++){var r=b.rows[i];"
	"r.hidden=!((!w||r.dataset.status===w)&&"
	"r.cells[0].textContent.toLowerCase().indexOf(v)>=0);}}"
	"q.oninput=f;s.onchange=f;"
	"Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h,c){h.onclick=function(){"
	"var d=h.dataset.dir=h.dataset.dir==='a'?'d':'a',n=h.dataset.sort==='n',"
	"rs=Array.prototype.slice.call(b.rows);"
	"rs.sort(function(x,y){var a=x.cells[c],e=y.cells[c],r=n?"
	"parseFloat(a.dataset.v)-parseFloat(e.dataset.v):"
	"a.textContent.localeCompare(e.textContent,document.documentElement.lang);"
	"return d==='a'?r:-r;});rs.forEach(function(r){b.appendChild(r);});};});})();";

static void unit_table(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	size_t n = json_array_size(rep->units);
	struct unit_order *order = malloc((n + 1) * sizeof *order);
	if (!order) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *u = json_array_get(rep->units, i);
		double score = doc_num(u, "score");
		order[i] = (struct unit_order){isnan(score) ? INFINITY : score, doc_str(u, "unit"), i};
	}
	qsort(order, n, sizeof *order, worst_first);
	strbuf_printf(out, "<section>\n<h2>%s</h2>\n<div class=\"tools\"><input id=\"q\" "
			   "type=\"search\" placeholder=\"%s\" aria-label=\"%s\">"
			   "<select id=\"st\" aria-label=\"%s\"><option value=\"\">%s</option>",
		      msg(lang, M_HEATMAP), msg(lang, M_FILTER), msg(lang, M_FILTER),
		      msg(lang, M_STATUS), msg(lang, M_ALL_STATUSES));
	for (dqa_status s = DQA_PASS; s <= DQA_NO_SCORE; s++)
		strbuf_printf(out, "<option value=\"%s\">%s</option>", dqa_status_name(s),
			      msg_status(lang, s));
	strbuf_puts(out, "</select></div>\n<div class=\"scroll tall\"><table id=\"units\" class=\"hm stack\">\n");
	const char *labels[DQA_CRITERIA + 6] = {msg(lang, M_UNIT), msg(lang, M_ROWS),
						msg(lang, M_SCORE)};
	for (int k = 0; k < DQA_CRITERIA; k++)
		labels[3 + k] = msg_criterion_title(lang, k);
	labels[3 + DQA_CRITERIA] = msg(lang, M_STATUS);
	labels[4 + DQA_CRITERIA] = rep->trend ? msg(lang, M_TREND) : NULL;
	html_head_row(out, labels, "tnnnnnnnntn", true);
	strbuf_puts(out, "<tbody>\n");
	for (size_t i = 0; i < n; i++)
		unit_row(rep, order[i].unit, lang, out);
	strbuf_printf(out, "</tbody></table></div>\n<script>%s</script>\n</section>\n",
		      table_script);
	free(order);
}

static void footer(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	strbuf_puts(out, "</main>\n<footer>");
	if (rep->history_pages)
		strbuf_printf(out, "<p>%s: <a href=\"trend.html\">%s</a> \u00b7 "
				   "<a href=\"warnings.html\">%s</a></p>\n", msg(lang, M_HISTORY_PAGES),
			      msg(lang, M_TREND_PAGE), msg(lang, M_WARNINGS_PAGE));
	strbuf_printf(out, "%s <a href=\"result.json\">result.json</a>.</footer>\n",
		      msg(lang, M_MADE_BY));
}

static section_fn *const sections[] = {
	overview, dataset_checks, trend_section, html_result_map, charts, warnings, unit_table,
	footer,
};

void render_html_index(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	html_begin(out, lang, msg(lang, M_TITLE), doc_str(rep->doc, "dataset"));
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		sections[i](rep, lang, out);
	html_end(out);
}
