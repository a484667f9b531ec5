/* The city dashboard, index.html of a suite's report folder, in the frame
 * and stylesheet of the dataset report: the overall score and one card per
 * dataset, a datasets x criteria heatmap, a units x datasets heatmap (each
 * unit's score in every dataset, worst mean first: which wards are behind
 * across all of them), and the warning list of every dataset together,
 * each linked into the dataset's report folder and unit pages. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/round.h"
#include "escape.h"
#include "format.h"
#include "html.h"
#include "map_svg.h"
#include "messages.h"
#include "report.h"
#include "suite_view.h"

enum { WARNINGS_SHOWN = 100 };

struct page {
	const json_t *doc, *lines, *results;
	const struct suite_links *links;
	dqa_lang lang;
	struct strbuf *out;
};

/* A dataset's entry in the suite document: its thresholds and warnings. */
static const json_t *result_of(const struct page *p, const char *dataset)
{
	size_t i;
	const json_t *r;
	json_array_foreach(p->results, i, r)
		if (strcmp(doc_str(r, "dataset"), dataset) == 0)
			return r;
	return NULL;
}

/* The status a score has under a dataset's thresholds. */
static dqa_status status_in(const json_t *result, double score)
{
	const json_t *t = json_object_get(result, "thresholds");
	double warn = doc_num(t, "warn_below"), fail = doc_num(t, "fail_below");
	if (isnan(score))
		return DQA_NO_SCORE;
	score = round_to(score, 2);
	return score < fail ? DQA_FAIL : score < warn ? DQA_WARN : DQA_PASS;
}

static void open_link(struct strbuf *out, const char *href)
{
	strbuf_puts(out, "<a href=\"");
	html_put(out, href);
	strbuf_puts(out, "\">");
}

/* DATASET/index.html, the dataset name escaped for a URL path segment
 * the way the folder is named (suite names are plain). */
static void dataset_href(struct strbuf *href, const char *dataset)
{
	strbuf_reset(href);
	strbuf_puts(href, dataset);
	strbuf_puts(href, "/index.html");
}

static void unit_link(const struct page *p, const char *dataset, const char *unit,
		      const char *shown)
{
	const char *href = p->links && p->links->unit_href
				   ? p->links->unit_href(p->links->href_ctx, dataset, unit) : NULL;
	if (href)
		open_link(p->out, href);
	html_put(p->out, shown);
	if (href)
		strbuf_puts(p->out, "</a>");
}

static void header(const struct page *p)
{
	struct strbuf *out = p->out;
	dqa_lang lang = p->lang;
	uint64_t rows = 0, units = 0;
	size_t i;
	const json_t *line;
	json_array_foreach(p->lines, i, line) {
		rows += doc_count(line, "rows");
		units += doc_count(line, "units");
	}
	strbuf_printf(out, "<header>\n<h1>%s: ", msg(lang, M_CITY_TITLE));
	html_put(out, doc_str(p->doc, "suite"));
	strbuf_printf(out, "</h1>\n<ul class=\"meta\"><li>%s: ", msg(lang, M_DATASETS_COUNT));
	put_count(out, json_array_size(p->lines), lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_ROWS));
	put_count(out, rows, lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_UNIT_ROWS));
	put_count(out, units, lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_NOW));
	put_time_text(out, doc_str(p->doc, "now"), lang, html_put);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_GENERATED));
	put_time_text(out, doc_str(p->doc, "generated_at"), lang, html_put);
	strbuf_puts(out, "</li></ul>\n<div class=\"cards\">\n");
	dqa_status overall = doc_status(p->doc, "status");
	strbuf_printf(out, "<div class=\"card big b-%s\"><small>%s</small><b>",
		      html_status_class(overall), msg(lang, M_OVERALL));
	put_score(out, doc_num(p->doc, "score"), 2, lang);
	strbuf_puts(out, "</b>");
	html_badge(out, lang, overall);
	strbuf_puts(out, "</div>\n");
	struct strbuf href = STRBUF_INIT;
	json_array_foreach(p->lines, i, line) {
		const char *name = doc_str(line, "dataset");
		dqa_status st = doc_status(line, "status");
		dataset_href(&href, name);
		strbuf_printf(out, "<div class=\"card b-%s\"><small>", html_status_class(st));
		open_link(out, href.buf ? href.buf : "");
		html_put(out, name);
		strbuf_puts(out, "</a></small><b>");
		put_score(out, doc_num(line, "score"), 2, lang);
		strbuf_puts(out, "</b>");
		html_badge(out, lang, st);
		strbuf_puts(out, "</div>\n");
	}
	strbuf_release(&href);
	strbuf_puts(out, "</div>\n");
	if (p->links && p->links->history_pages)
		strbuf_printf(out, "<p class=\"noprint\">%s: <a href=\"trend.html\">%s</a> \u00b7 "
				   "<a href=\"warnings.html\">%s</a></p>\n", msg(lang, M_HISTORY_PAGES),
			      msg(lang, M_TREND_PAGE), msg(lang, M_WARNINGS_PAGE));
	strbuf_puts(out, "</header>\n<main>\n");
}

static void datasets_heatmap(const struct page *p)
{
	struct strbuf *out = p->out;
	dqa_lang lang = p->lang;
	const char *labels[DQA_CRITERIA + 5] = {msg(lang, M_DATASET), msg(lang, M_ROWS),
						 msg(lang, M_UNITS), msg(lang, M_OVERALL)};
	char kinds[DQA_CRITERIA + 5] = "tnnn";
	for (int k = 0; k < DQA_CRITERIA; k++) {
		labels[4 + k] = msg_criterion_title(lang, k);
		kinds[4 + k] = 'n';
	}
	strbuf_printf(out, "<section>\n<h2>%s</h2>\n<div class=\"scroll\"><table class=\"stack heat\">",
		      msg(lang, M_DATASET_SCORES));
	html_head_row(out, labels, kinds, false);
	strbuf_puts(out, "<tbody>\n");
	struct strbuf href = STRBUF_INIT;
	size_t i;
	const json_t *line;
	json_array_foreach(p->lines, i, line) {
		const char *name = doc_str(line, "dataset");
		const json_t *result = result_of(p, name);
		dataset_href(&href, name);
		strbuf_puts(out, "<tr><td>");
		open_link(out, href.buf ? href.buf : "");
		html_put(out, name);
		strbuf_puts(out, "</a></td><td class=\"n\"");
		html_label(out, labels[1]);
		strbuf_putc(out, '>');
		put_count(out, doc_count(line, "rows"), lang);
		strbuf_puts(out, "</td><td class=\"n\"");
		html_label(out, labels[2]);
		strbuf_putc(out, '>');
		put_count(out, doc_count(line, "units"), lang);
		strbuf_puts(out, "</td>");
		html_score_cell(out, labels[3], doc_num(line, "score"), doc_status(line, "status"), 2,
				lang);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			double v = doc_criterion(line, k);
			html_score_cell(out, labels[4 + k], v, status_in(result, v), 1, lang);
		}
		strbuf_puts(out, "</tr>\n");
	}
	strbuf_release(&href);
	strbuf_puts(out, "</tbody></table></div>\n</section>\n");
}

struct unit_line {
	const char *name;
	const json_t *first;      /* its first summary row, which names it */
	double mean;              /* of the unit's scores, NaN: none */
	const json_t **cells;     /* per dataset: its summary row, or NULL */
};

static int worst_mean_first(const void *a, const void *b)
{
	const struct unit_line *x = a, *y = b;
	double mx = isnan(x->mean) ? INFINITY : x->mean, my = isnan(y->mean) ? INFINITY : y->mean;
	if (mx != my)
		return mx < my ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Units x datasets, one line per unit name across the datasets. */
static struct unit_line *unit_lines(const struct page *p, size_t *n, const json_t ***block)
{
	const json_t *rows = json_object_get(json_object_get(p->doc, "summary"), "units");
	size_t ndatasets = json_array_size(p->lines), cap = json_array_size(rows);
	struct unit_line *lines = calloc(cap + 1, sizeof *lines);
	const json_t **cells = calloc((cap + 1) * (ndatasets + 1), sizeof *cells);
	json_t *index = json_object();
	*n = 0;
	if (!lines || !cells || !index) {
		free(lines);
		free(cells);
		json_decref(index);
		return NULL;
	}
	size_t i;
	const json_t *row;
	json_array_foreach(rows, i, row) {
		const char *unit = doc_str(row, "unit");
		json_t *at = json_object_get(index, unit);
		size_t u = at ? (size_t)json_integer_value(at) : (*n)++;
		if (!at) {
			json_object_set_new(index, unit, json_integer((json_int_t)u));
			lines[u] = (struct unit_line){unit, row, 0, cells + u * ndatasets};
		}
		for (size_t d = 0; d < ndatasets; d++)
			if (strcmp(doc_str(json_array_get(p->lines, d), "dataset"),
				   doc_str(row, "dataset")) == 0)
				lines[u].cells[d] = row;
	}
	json_decref(index);
	*block = cells;
	for (size_t u = 0; u < *n; u++) {
		double sum = 0;
		size_t scored = 0;
		for (size_t d = 0; d < ndatasets; d++) {
			double v = lines[u].cells[d] ? doc_num(lines[u].cells[d], "score") : NAN;
			if (!isnan(v))
				sum += v, scored++;
		}
		lines[u].mean = scored ? sum / (double)scored : NAN;
	}
	qsort(lines, *n, sizeof *lines, worst_mean_first);
	return lines;
}

static void units_heatmap(const struct page *p)
{
	struct strbuf *out = p->out;
	dqa_lang lang = p->lang;
	size_t n, ndatasets = json_array_size(p->lines);
	const json_t **cells;
	struct unit_line *lines = unit_lines(p, &n, &cells);
	if (!lines) {
		out->failed = true;
		return;
	}
	strbuf_printf(out, "<section>\n<h2>%s</h2>\n<p class=\"meta\">%s</p>\n"
			   "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>%s</th>"
			   "<th class=\"n\">%s</th>", msg(lang, M_UNITS_BY_DATASET),
		      msg(lang, M_UNITS_BY_DATASET_NOTE), msg(lang, M_UNIT), msg(lang, M_MEAN));
	for (size_t d = 0; d < ndatasets; d++) {
		strbuf_puts(out, "<th class=\"n\">");
		html_put(out, doc_str(json_array_get(p->lines, d), "dataset"));
		strbuf_puts(out, "</th>");
	}
	strbuf_puts(out, "</tr></thead><tbody>\n");
	for (size_t u = 0; u < n; u++) {
		strbuf_puts(out, "<tr><td>");
		html_put_unit(out, lines[u].first, lang);
		strbuf_puts(out, "</td>");
		html_score_cell(out, NULL, lines[u].mean, DQA_NO_SCORE, 2, lang);
		for (size_t d = 0; d < ndatasets; d++) {
			const json_t *c = lines[u].cells[d];
			if (!c) {
				strbuf_puts(out, "<td class=\"n c-na\">-</td>");
				continue;
			}
			dqa_status st = doc_status(c, "status");
			strbuf_printf(out, "<td class=\"n c-%s\" data-v=\"%.2f\">", html_status_class(st),
				      isnan(doc_num(c, "score")) ? -1 : doc_num(c, "score"));
			struct strbuf shown = STRBUF_INIT;
			if (st == DQA_MISSING)
				strbuf_puts(&shown, msg_status(lang, st));
			else
				put_score(&shown, doc_num(c, "score"), 2, lang);
			unit_link(p, doc_str(c, "dataset"), lines[u].name, shown.buf ? shown.buf : "-");
			strbuf_release(&shown);
			strbuf_puts(out, "</td>");
		}
		strbuf_puts(out, "</tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n</section>\n");
	free(cells);
	free(lines);
}

/* A unit of the city map: its mean score in the mapped dataset's status colours,
 * its title from its first summary row, its link into that dataset. */
static void fill_city_unit(const struct page *p, const char *dataset, const json_t *entry,
			   const struct unit_line *line, size_t ndatasets, struct map_unit *mu)
{
	bool rows = false;
	for (size_t d = 0; d < ndatasets; d++)
		rows |= line->cells[d] && doc_count(line->cells[d], "rows") > 0;
	const char *href = p->links && p->links->unit_href
				   ? p->links->unit_href(p->links->href_ctx, dataset, line->name) : NULL;
	*mu = (struct map_unit){line->name, status_in(entry, line->mean), !rows,
				map_title(line->first, line->mean, 2, !rows, p->lang),
				href ? strdup(href) : NULL, false};
	p->out->failed |= !mu->title || (href && !mu->href);
}

/* The map of the first dataset that has one, each unit in the colour of
 * its mean score over the datasets, linked to its page in that dataset. */
static void city_map(const struct page *p)
{
	const json_t *mapped = NULL, *map = NULL;
	size_t i, n, ndatasets = json_array_size(p->lines);
	json_array_foreach(p->results, i, mapped)
		if (json_is_object(map = json_object_get(mapped, "map")))
			break;
	if (!json_is_object(map))
		return;
	const json_t **cells;
	struct unit_line *lines = unit_lines(p, &n, &cells);
	struct map_unit *units = lines ? calloc(n + 1, sizeof *units) : NULL;
	if (!units) {
		p->out->failed = true;
		if (lines) {
			free(cells);
			free(lines);
		}
		return;
	}
	for (size_t u = 0; u < n; u++)
		fill_city_unit(p, doc_str(mapped, "dataset"), mapped,
			       &lines[u], ndatasets, &units[u]);
	if (!p->out->failed)
		html_map(p->out, map, units, n, M_MAP_CITY, M_MAP_CITY_NOTE, p->lang);
	map_units_release(units, n);
	free(units);
	free(cells);
	free(lines);
}

struct city_warning {
	const char *dataset;
	const json_t *w;
	const json_t *checks_of;  /* the dataset's entry, whose "checks" the reasons name */
};

static int by_score(const void *a, const void *b)
{
	const struct city_warning *x = a, *y = b;
	double sx = doc_num(x->w, "score"), sy = doc_num(y->w, "score");
	sx = isnan(sx) ? -1 : sx;
	sy = isnan(sy) ? -1 : sy;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	int c = strcmp(x->dataset, y->dataset);
	return c ? c : strcmp(doc_str(x->w, "unit"), doc_str(y->w, "unit"));
}

static void warnings(const struct page *p)
{
	struct strbuf *out = p->out;
	dqa_lang lang = p->lang;
	size_t total = 0, i;
	const json_t *r;
	json_array_foreach(p->results, i, r)
		total += json_array_size(json_object_get(r, "warnings"));
	strbuf_printf(out, "<section>\n<h2>%s</h2>\n", msg(lang, M_CITY_WARNINGS));
	if (!total) {
		strbuf_printf(out, "<p class=\"empty\">%s</p>\n</section>\n", msg(lang, M_CITY_NO_WARNINGS));
		return;
	}
	struct city_warning *all = calloc(total, sizeof *all);
	if (!all) {
		out->failed = true;
		return;
	}
	size_t n = 0;
	json_array_foreach(p->results, i, r) {
		size_t k;
		const json_t *w;
		json_array_foreach(json_object_get(r, "warnings"), k, w)
			all[n++] = (struct city_warning){doc_str(r, "dataset"), w, r};
	}
	qsort(all, n, sizeof *all, by_score);
	const char *labels[] = {msg(lang, M_UNIT), msg(lang, M_DATASET), msg(lang, M_SCORE),
				msg(lang, M_STATUS), msg(lang, M_REASONS), NULL};
	strbuf_printf(out, "<p class=\"meta\">%zu %s, %s</p>\n<div class=\"scroll\"><table class=\"stack\">",
		      n, msg(lang, M_UNITS_WORD), msg(lang, M_WORST_FIRST));
	html_head_row(out, labels, "ttntt", false);
	strbuf_puts(out, "<tbody>\n");
	for (size_t k = 0; k < n && k < WARNINGS_SHOWN; k++) {
		const json_t *w = all[k].w;
		const char *unit = doc_str(w, "unit");
		dqa_status st = doc_status(w, "status");
		strbuf_puts(out, "<tr><td>");
		struct strbuf title = STRBUF_INIT;
		put_unit_title(&title, w, lang);
		unit_link(p, all[k].dataset, unit, title.buf ? title.buf : "");
		out->failed |= title.failed;
		strbuf_release(&title);
		strbuf_puts(out, "</td><td");
		html_label(out, labels[1]);
		strbuf_putc(out, '>');
		html_put(out, all[k].dataset);
		strbuf_puts(out, "</td>");
		html_score_cell(out, labels[2], doc_num(w, "score"), st, 2, lang);
		strbuf_puts(out, "<td");
		html_label(out, labels[3]);
		strbuf_putc(out, '>');
		html_badge(out, lang, st);
		strbuf_puts(out, "</td><td class=\"wide\"");
		html_label(out, labels[4]);
		strbuf_putc(out, '>');
		html_put_reasons(out, w, all[k].checks_of, lang);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n");
	if (n > WARNINGS_SHOWN)
		strbuf_printf(out, "<p class=\"meta\">\u2026 %zu %s</p>\n", n - WARNINGS_SHOWN,
			      msg(lang, M_AND_MORE));
	strbuf_puts(out, "</section>\n");
	free(all);
}

void render_suite_html(const json_t *doc, const struct suite_links *links, dqa_lang lang,
		       struct strbuf *out)
{
	const json_t *summary = json_object_get(doc, "summary");
	struct page p = {doc, json_object_get(summary, "datasets"), json_object_get(doc, "datasets"),
			 links, lang, out};
	html_begin(out, lang, msg(lang, M_CITY_TITLE), doc_str(doc, "suite"));
	header(&p);
	datasets_heatmap(&p);
	city_map(&p);
	units_heatmap(&p);
	warnings(&p);
	strbuf_printf(out, "</main>\n<footer>%s dqa %s</footer>\n", msg(lang, M_MADE_BY_VIEW),
		      DQA_VERSION);
	html_end(out);
}
