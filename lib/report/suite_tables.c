/* The city-wide summary of a suite from its JSON document, as terminal
 * text and as summary.md: datasets, then units x datasets with overall
 * scores (the dashboard index.html is suite_page.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/values.h"

#include "escape.h"
#include "messages.h"
#include "report.h"
#include "suite_view.h"

enum style { STYLE_TEXT, STYLE_MD };

struct table {
	struct strbuf *out;
	enum style style;
	dqa_lang lang;
	size_t column;
};

static void put_text(struct table *t, const char *s)
{
	if (t->style == STYLE_MD)
		md_put(t->out, s);
	else
		term_put(t->out, s, SIZE_MAX);
}

/* One cell; href (Markdown only) links it. Text cells are padded to width
 * characters, numbers right-aligned. */
static void cell(struct table *t, const char *s, const char *href, int width, bool number)
{
	if (t->style == STYLE_TEXT) {
		if (t->column)
			strbuf_putc(t->out, ' ');
		size_t len = utf8_length(s, strlen(s));
		for (size_t i = len; number && i < (size_t)width; i++)
			strbuf_putc(t->out, ' ');
		put_text(t, s);
		for (size_t i = len; !number && i < (size_t)width; i++)
			strbuf_putc(t->out, ' ');
	} else {
		strbuf_puts(t->out, t->column ? " " : "| ");
		if (href)
			strbuf_putc(t->out, '[');
		put_text(t, s);
		if (href)
			strbuf_printf(t->out, "](%s)", href);
		strbuf_puts(t->out, " |");
	}
	t->column++;
}

static void score_cell(struct table *t, const json_t *obj, const char *href)
{
	struct strbuf sb = STRBUF_INIT;
	if (obj && strcmp(doc_str(obj, "status"), "missing") == 0)
		strbuf_puts(&sb, msg_status(t->lang, DQA_MISSING));
	else
		put_score(&sb, obj ? doc_num(obj, "score") : NAN, 2, t->lang);
	cell(t, sb.buf ? sb.buf : "-", href, 8, true);
	strbuf_release(&sb);
}

static void row_start(struct table *t)
{
	t->column = 0;
}

static void row_end(struct table *t)
{
	strbuf_putc(t->out, '\n');
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

static void table_end(struct table *t)
{
	strbuf_putc(t->out, '\n');
}

static void datasets_table(struct table *t, const json_t *lines)
{
	const char *const heads[] = {msg(t->lang, M_DATASET_WORD), msg(t->lang, M_ROWS_WORD),
				     msg(t->lang, M_UNITS_WORD), msg(t->lang, M_SCORE_WORD),
				     msg(t->lang, M_STATUS_WORD)};
	static const int widths[] = {16, 10, 6, 8, 0};   /* the last one unpadded */
	row_start(t);
	for (size_t i = 0; i < 5; i++)
		cell(t, heads[i], NULL, widths[i], i > 0 && i < 4);
	row_end(t);
	header_rule(t, 5, 4);
	size_t i;
	json_t *line;
	json_array_foreach(lines, i, line) {
		const char *name = doc_str(line, "dataset");
		char href[256];
		struct strbuf rows = STRBUF_INIT, units = STRBUF_INIT;
		snprintf(href, sizeof href, "%s/index.html", name);
		put_count(&rows, doc_count(line, "rows"), t->lang);
		put_count(&units, doc_count(line, "units"), t->lang);
		row_start(t);
		cell(t, name, href, widths[0], false);
		cell(t, rows.buf ? rows.buf : "", NULL, widths[1], true);
		cell(t, units.buf ? units.buf : "", NULL, widths[2], true);
		score_cell(t, line, NULL);
		cell(t, msg_status(t->lang, doc_status(line, "status")), NULL, widths[4], false);
		strbuf_release(&rows);
		strbuf_release(&units);
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
	row_start(t);
	cell(t, msg(t->lang, M_UNIT_WORD), NULL, 10, false);
	for (size_t d = 0; d < ndatasets; d++)
		cell(t, doc_str(json_array_get(lines, d), "dataset"), NULL, 8, true);
	row_end(t);
	header_rule(t, ndatasets + 1, ndatasets + 1);
	for (size_t u = 0; names && u < n; u++) {
		const json_t *per = json_object_get(cells, names[u]);
		row_start(t);
		cell(t, names[u][0] ? names[u] : msg(t->lang, M_EMPTY_NAME), NULL, 10, false);
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
	const json_t *lines = json_object_get(json_object_get(doc, "summary"), "datasets");
	strbuf_printf(t->out, "%zu %s, %s ", json_array_size(lines), msg(t->lang, M_DATASETS_WORD),
		      msg(t->lang, M_OVERALL_WORD));
	put_score(t->out, doc_num(doc, "score"), 2, t->lang);
	strbuf_printf(t->out, " %s\n\n", msg_status(t->lang, doc_status(doc, "status")));
}

static void render(const json_t *doc, enum style style, dqa_lang lang, struct strbuf *out)
{
	struct table t = {out, style, lang, 0};
	const json_t *summary = json_object_get(doc, "summary");
	const json_t *lines = json_object_get(summary, "datasets");
	if (style == STYLE_MD)
		strbuf_printf(out, "# %s: ", msg(lang, M_CITY_TITLE));
	else
		strbuf_printf(out, "dqa " DQA_VERSION ": %s ", msg(lang, M_SUITE_WORD));
	put_text(&t, doc_str(doc, "suite"));
	strbuf_puts(out, style == STYLE_MD ? "\n\n" : "\n");
	overall(&t, doc);
	datasets_table(&t, lines);
	units_table(&t, lines, json_object_get(summary, "units"));
}

int render_suite_text_to(const json_t *doc, dqa_lang lang, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	render(doc, STYLE_TEXT, lang, &sb);
	bool ok = !sb.failed && fwrite(sb.buf, 1, sb.len, out) == sb.len;
	strbuf_release(&sb);
	return ok ? 0 : DQA_EIO;
}

void render_suite_text(const json_t *doc, dqa_lang lang, struct strbuf *out)
{
	render(doc, STYLE_TEXT, lang, out);
}

void render_suite_md(const json_t *doc, dqa_lang lang, struct strbuf *out)
{
	render(doc, STYLE_MD, lang, out);
}
