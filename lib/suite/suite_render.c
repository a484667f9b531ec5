/* The city-wide views of a suite, all from its JSON document: the terminal
 * summary, summary.md and index.html (two tables: datasets, then units x
 * datasets with overall scores), and the report folder with one
 * sub-folder per dataset. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../util/error.h"
#include "../report/escape.h"
#include "../report/report.h"

enum style { STYLE_TEXT, STYLE_MD, STYLE_HTML };

struct table {
	struct strbuf *out;
	enum style style;
	dqa_lang lang;
	size_t column;
};

static void put_text(struct table *t, const char *s)
{
	if (t->style == STYLE_HTML)
		html_put(t->out, s);
	else if (t->style == STYLE_MD)
		md_put(t->out, s);
	else
		strbuf_puts(t->out, s);
}

/* One cell; href (HTML and Markdown only) links it. Text cells are padded
 * to width, numbers right-aligned. */
static void cell(struct table *t, const char *s, const char *href, int width, bool number)
{
	if (t->style == STYLE_TEXT) {
		strbuf_printf(t->out, t->column ? number ? " %*s" : " %-*s" : number ? "%*s" : "%-*s",
			      width, s);
	} else if (t->style == STYLE_MD) {
		strbuf_puts(t->out, t->column ? " " : "| ");
		if (href)
			strbuf_putc(t->out, '[');
		put_text(t, s);
		if (href)
			strbuf_printf(t->out, "](%s)", href);
		strbuf_puts(t->out, " |");
	} else {
		strbuf_puts(t->out, number ? "<td class=\"num\">" : "<td>");
		if (href) {
			strbuf_puts(t->out, "<a href=\"");
			html_put(t->out, href);
			strbuf_puts(t->out, "\">");
		}
		put_text(t, s);
		strbuf_puts(t->out, href ? "</a></td>" : "</td>");
	}
	t->column++;
}

static void score_cell(struct table *t, const json_t *obj, const char *href)
{
	struct strbuf sb = STRBUF_INIT;
	if (obj && strcmp(doc_str(obj, "status"), "missing") == 0)
		strbuf_puts(&sb, "missing");
	else
		put_score(&sb, obj ? doc_num(obj, "score") : NAN, 2, t->lang);
	cell(t, sb.buf ? sb.buf : "-", href, 8, true);
	strbuf_release(&sb);
}

static void row_start(struct table *t)
{
	t->column = 0;
	if (t->style == STYLE_HTML)
		strbuf_puts(t->out, "<tr>");
}

static void row_end(struct table *t)
{
	strbuf_puts(t->out, t->style == STYLE_HTML ? "</tr>\n" : "\n");
}

/* Markdown needs a rule under the header row; numbers align right. The
 * first column is text, the rest numbers up to (not including) text_from. */
static void header_rule(struct table *t, size_t ncolumns, size_t text_from)
{
	if (t->style != STYLE_MD)
		return;
	strbuf_puts(t->out, "|");
	for (size_t i = 0; i < ncolumns; i++)
		strbuf_puts(t->out, i && i < text_from ? "---:|" : "---|");
	strbuf_putc(t->out, '\n');
}

static void table_start(struct table *t)
{
	if (t->style == STYLE_HTML)
		strbuf_puts(t->out, "<table>\n");
}

static void table_end(struct table *t)
{
	strbuf_puts(t->out, t->style == STYLE_HTML ? "</table>\n" : "\n");
}

static void datasets_table(struct table *t, const json_t *lines)
{
	static const char *const heads[] = {"dataset", "rows", "units", "score", "status"};
	static const int widths[] = {16, 10, 6, 8, 0};   /* the last one unpadded */
	table_start(t);
	row_start(t);
	for (size_t i = 0; i < 5; i++)
		cell(t, heads[i], NULL, widths[i], i > 0 && i < 4);
	row_end(t);
	header_rule(t, 5, 4);
	size_t i;
	json_t *line;
	json_array_foreach(lines, i, line) {
		const char *name = doc_str(line, "dataset");
		char href[256], rows[32], units[32];
		snprintf(href, sizeof href, "%s/index.html", name);
		snprintf(rows, sizeof rows, "%llu", (unsigned long long)doc_count(line, "rows"));
		snprintf(units, sizeof units, "%llu", (unsigned long long)doc_count(line, "units"));
		row_start(t);
		cell(t, name, href, widths[0], false);
		cell(t, rows, NULL, widths[1], true);
		cell(t, units, NULL, widths[2], true);
		score_cell(t, line, NULL);
		cell(t, doc_str(line, "status"), NULL, widths[4], false);
		row_end(t);
	}
	table_end(t);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* units x datasets: cells[unit][dataset] is the summary row, units sorted. */
static json_t *unit_cells(const json_t *rows, const char ***names, size_t *n)
{
	json_t *cells = json_object();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *unit = doc_str(row, "unit");
		json_t *per = json_object_get(cells, unit);
		if (!per)
			json_object_set_new(cells, unit, per = json_object());
		json_object_set(per, doc_str(row, "dataset"), row);
	}
	*n = json_object_size(cells);
	*names = calloc(*n + 1, sizeof **names);
	const char *key;
	json_t *value;
	i = 0;
	json_object_foreach(cells, key, value)
		if (*names)
			(*names)[i++] = key;
	if (*names)
		qsort(*names, *n, sizeof **names, by_name);
	return cells;
}

static void units_table(struct table *t, const json_t *lines, const json_t *rows)
{
	const char **names;
	size_t n;
	json_t *cells = unit_cells(rows, &names, &n);
	size_t ndatasets = json_array_size(lines);
	table_start(t);
	row_start(t);
	cell(t, "unit", NULL, 10, false);
	for (size_t d = 0; d < ndatasets; d++)
		cell(t, doc_str(json_array_get(lines, d), "dataset"), NULL, 8, true);
	row_end(t);
	header_rule(t, ndatasets + 1, ndatasets + 1);
	for (size_t u = 0; names && u < n; u++) {
		const json_t *per = json_object_get(cells, names[u]);
		row_start(t);
		cell(t, names[u][0] ? names[u] : "(empty)", NULL, 10, false);
		for (size_t d = 0; d < ndatasets; d++) {
			const char *dataset = doc_str(json_array_get(lines, d), "dataset");
			char href[256];
			snprintf(href, sizeof href, "%s/index.html", dataset);
			const json_t *c = json_object_get(per, dataset);
			score_cell(t, c, c ? href : NULL);
		}
		row_end(t);
	}
	table_end(t);
	free(names);
	json_decref(cells);
}

static void overall(struct table *t, const json_t *doc)
{
	struct strbuf score = STRBUF_INIT;
	put_score(&score, doc_num(doc, "score"), 2, t->lang);
	const json_t *lines = json_object_get(json_object_get(doc, "summary"), "datasets");
	if (t->style == STYLE_HTML)
		strbuf_puts(t->out, "<p>");
	strbuf_printf(t->out, "%zu datasets, overall %s %s", json_array_size(lines),
		      score.buf ? score.buf : "-", doc_str(doc, "status"));
	strbuf_puts(t->out, t->style == STYLE_HTML ? "</p>\n" : "\n\n");
	strbuf_release(&score);
}

static void render(const json_t *doc, enum style style, dqa_lang lang, struct strbuf *out)
{
	struct table t = {out, style, lang, 0};
	const json_t *summary = json_object_get(doc, "summary");
	const json_t *lines = json_object_get(summary, "datasets");
	if (style == STYLE_HTML) {
		strbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				 "<title>dqa suite ");
		html_put(out, doc_str(doc, "suite"));
		strbuf_puts(out, "</title><style>body{font-family:sans-serif}table{border-collapse:"
				 "collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
				 "td.num{text-align:right}</style></head>\n<body>\n<h1>");
		html_put(out, doc_str(doc, "suite"));
		strbuf_puts(out, "</h1>\n");
	} else {
		strbuf_puts(out, style == STYLE_MD ? "# " : "dqa " DQA_VERSION ": suite ");
		put_text(&t, doc_str(doc, "suite"));
		strbuf_puts(out, style == STYLE_MD ? "\n\n" : "\n");
	}
	overall(&t, doc);
	datasets_table(&t, lines);
	units_table(&t, lines, json_object_get(summary, "units"));
	if (style == STYLE_HTML)
		strbuf_puts(out, "</body></html>\n");
}

int dqa_suite_write_text(const dqa_suite *s, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	render(s->json, STYLE_TEXT, DQA_LANG_EN, &sb);
	bool ok = !sb.failed && fwrite(sb.buf, 1, sb.len, out) == sb.len;
	strbuf_release(&sb);
	return ok ? 0 : DQA_EIO;
}

static int write_view(const dqa_suite *s, const char *dir, const char *name, enum style style,
		      dqa_lang lang, dqa_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	render(s->json, style, lang, &sb);
	int rc = sb.failed ? error_nomem(err)
			   : dqa_write_file_atomic(dir, name, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

int dqa_suite_write_dir(const dqa_suite *s, const char *dir, dqa_lang lang, size_t *nfiles,
			dqa_error *err)
{
	size_t written = 0;
	int rc = 0;
	for (size_t i = 0; i < s->ndatasets && rc == 0; i++) {
		const struct suite_dataset *d = &s->datasets[i];
		size_t len = strlen(dir) + strlen(d->name) + 2, n = 0;
		char *sub = malloc(len);
		RETURN_IF_NOMEM(sub, err);
		snprintf(sub, len, "%s/%s", dir, d->name);
		dqa_report *rep = NULL;
		rc = dqa_report_from_result(&rep, d->result, err);
		if (rc == 0)
			rc = dqa_report_write_dir(rep, sub, lang, &n, err);
		written += n;
		dqa_report_free(rep);
		free(sub);
	}
	char *json = NULL;
	if (rc == 0)
		rc = dqa_suite_json(&json, s, err);
	if (rc == 0 && (rc = dqa_write_file_atomic(dir, "suite.json", json, strlen(json), err)) == 0)
		written++;
	free(json);
	if (rc == 0 && (rc = write_view(s, dir, "summary.md", STYLE_MD, lang, err)) == 0)
		written++;
	if (rc == 0 && (rc = write_view(s, dir, "index.html", STYLE_HTML, lang, err)) == 0)
		written++;
	if (nfiles)
		*nfiles = written;
	return rc;
}
