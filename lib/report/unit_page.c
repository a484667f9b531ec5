/* units/UNIT.html: one unit's page for the officer who fixes its data:
 * score and status per criterion, every check with its counts, threshold
 * and cost, and for each failing check the reason, a how-to-fix hint and
 * the first failed rows with their line numbers (PII already masked). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "failed_rows.h"
#include "html.h"
#include "messages.h"

static void head(const struct dqa_report *rep, const json_t *u, dqa_lang lang,
		 struct strbuf *out)
{
	dqa_status st = doc_status(u, "status");
	strbuf_printf(out, "<header>\n<p class=\"noprint\"><a href=\"../index.html\">&larr; %s</a></p>\n"
			   "<h1>%s: ", msg(lang, M_BACK), msg(lang, M_UNIT));
	html_put_unit(out, u, lang);
	strbuf_printf(out, "</h1>\n<ul class=\"meta\"><li>%s: ", msg(lang, M_DATASET));
	html_put(out, doc_str(rep->doc, "dataset"));
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_ROWS));
	put_count(out, doc_count(u, "rows"), lang);
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_NOW));
	put_time_text(out, doc_str(rep->doc, "now"), lang, html_put);
	strbuf_puts(out, "</li></ul>\n<div class=\"cards\">\n");
	strbuf_printf(out, "<div class=\"card big b-%s\"><small>%s</small><b>", html_status_class(st),
		      msg(lang, M_SCORE));
	put_score(out, doc_num(u, "score"), 2, lang);
	strbuf_puts(out, "</b>");
	html_badge(out, lang, st);
	strbuf_puts(out, "</div>\n");
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double v = doc_criterion(u, k);
		html_score_card(out, msg_criterion_title(lang, k), v, doc_criterion_status(rep, u, v),
				lang);
	}
	strbuf_puts(out, "</div>\n</header>\n<main>\n");
	if (st == DQA_MISSING)
		strbuf_printf(out, "<p class=\"notice\">%s</p>\n", msg(lang, M_NO_ROWS));
}

static void put_columns(struct strbuf *out, const json_t *check)
{
	size_t i;
	json_t *col;
	json_array_foreach(json_object_get(check, "columns"), i, col) {
		strbuf_puts(out, i ? ", <code>" : "<code>");
		html_put(out, json_string_value(col) ? json_string_value(col) : "");
		strbuf_puts(out, "</code>");
	}
}

static dqa_status check_status(const json_t *c)
{
	const char *s = doc_str(c, "status");
	return !strcmp(s, "pass") ? DQA_PASS : !strcmp(s, "fail") ? DQA_FAIL : DQA_NO_SCORE;
}

static void check_table(const json_t *checks, dqa_lang lang, struct strbuf *out)
{
	strbuf_puts(out, "<div class=\"scroll\"><table class=\"stack\">\n");
	const char *const labels[] = {msg(lang, M_CHECK), msg(lang, M_CRITERION),
				      msg(lang, M_COLUMNS), msg(lang, M_EVALUATED),
				      msg(lang, M_FAILED), msg(lang, M_SCORE),
				      msg(lang, M_THRESHOLD), msg(lang, M_COST),
				      msg(lang, M_STATUS), NULL};
	html_head_row(out, labels, "tttnnnnnt", false);
	strbuf_puts(out, "<tbody>\n");
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c) {
		dqa_status st = check_status(c);
		strbuf_puts(out, "<tr><td>");
		html_put_check(out, c, lang);
		strbuf_puts(out, "</td><td");
		html_label(out, msg(lang, M_CRITERION));
		strbuf_putc(out, '>');
		for (int k = 0; k < DQA_CRITERIA; k++)
			if (!strcmp(doc_str(c, "criterion"), dqa_criterion_name(k)))
				html_put(out, msg_criterion(lang, k));
		strbuf_puts(out, "</td><td");
		html_label(out, msg(lang, M_COLUMNS));
		strbuf_putc(out, '>');
		put_columns(out, c);
		strbuf_puts(out, "</td><td class=\"n\"");
		html_label(out, msg(lang, M_EVALUATED));
		strbuf_putc(out, '>');
		put_count(out, doc_count(c, "evaluated"), lang);
		strbuf_puts(out, "</td><td class=\"n\"");
		html_label(out, msg(lang, M_FAILED));
		strbuf_putc(out, '>');
		put_count(out, doc_count(c, "failed"), lang);
		strbuf_puts(out, "</td>");
		html_score_cell(out, msg(lang, M_SCORE), doc_num(c, "score"), st, 2, lang);
		strbuf_puts(out, "<td class=\"n\"");
		html_label(out, msg(lang, M_THRESHOLD));
		strbuf_puts(out, ">&ge; ");
		put_score(out, 100 * doc_num(c, "min_ratio"), 2, lang);
		strbuf_puts(out, "</td><td class=\"n\"");
		html_label(out, msg(lang, M_COST));
		strbuf_putc(out, '>');
		put_score(out, doc_num(c, "cost"), 2, lang);
		strbuf_puts(out, "</td><td>");
		html_badge(out, lang, st);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n");
}

/* The sample table's value columns are those of the first sample (every
 * sample of a check names the check's columns). */
static void put_plain(struct strbuf *out, struct strbuf *text)
{
	html_put(out, text->buf ? text->buf : "");
	out->failed |= text->failed;
	strbuf_release(text);
}

/* Whether column is among the document's pii columns. */
/* Whether column is in the document's array of column names (pii, key). */
static bool listed(const struct dqa_report *rep, const char *array, const char *column)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(rep->doc, array), i, c)
		if (json_string_value(c) && strcmp(json_string_value(c), column) == 0)
			return true;
	return false;
}

static bool is_pii(const struct dqa_report *rep, const char *column)
{
	return listed(rep, "pii", column);
}

/* A record key column of the samples: shown with them (sample_is_key), or
 * the checked column when it is one of dataset.key (a unique check's). */
static bool is_key(const struct dqa_report *rep, const json_t *sample, const char *column)
{
	return sample_is_key(sample, column) || listed(rep, "key", column);
}

static void samples(const struct dqa_report *rep, const json_t *check, dqa_lang lang,
		    struct strbuf *out)
{
	const json_t *list = json_object_get(check, "samples");
	if (!json_array_size(list))
		return;
	json_t *names = sample_columns(json_array_get(list, 0));
	if (!names) {
		out->failed = true;
		return;
	}
	bool files = false, notes = false, cells = false;
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s) {
		files |= doc_str(s, "file")[0] != '\0';
		cells |= doc_str(s, "cell")[0] != '\0';
		notes |= doc_str(s, "note")[0] != '\0';
	}
	strbuf_printf(out, "<h4>%s</h4>\n<div class=\"scroll\"><table class=\"samples\">\n"
			   "<thead><tr><th class=\"n\">%s</th>",
		      msg(lang, M_SAMPLES), msg(lang, M_LINE));
	if (cells)
		strbuf_printf(out, "<th>%s</th>", msg(lang, M_CELL));
	if (files)
		strbuf_printf(out, "<th>%s</th>", msg(lang, M_FILE));
	const char *name;
	json_t *v;
	bool masked = false;
	json_object_foreach(names, name, v) {
		strbuf_puts(out, "<th>");
		html_put(out, name);
		if (is_key(rep, json_array_get(list, 0), name))
			strbuf_printf(out, "<small class=\"cid\">%s</small>", msg(lang, M_RECORD_KEY));
		strbuf_puts(out, "</th>");
		masked |= is_pii(rep, name);
	}
	if (notes)
		strbuf_printf(out, "<th>%s</th>", msg(lang, M_NOTE));
	strbuf_puts(out, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, s) {
		strbuf_printf(out, "<tr><td class=\"n\">%llu</td>",
			      (unsigned long long)doc_count(s, "line"));
		if (cells) {
			strbuf_puts(out, "<td><code>");
			html_put(out, doc_str(s, "cell"));
			strbuf_puts(out, "</code></td>");
		}
		if (files) {
			strbuf_puts(out, "<td>");
			html_put(out, doc_str(s, "file"));
			strbuf_puts(out, "</td>");
		}
		json_t *values = sample_columns(s);
		out->failed |= !values;
		json_object_foreach(names, name, v) {
			size_t len;
			const char *value = doc_value(json_object_get(values, name), &len);
			if (!len) {
				strbuf_printf(out, "<td class=\"empty\">%s</td>", msg(lang, M_EMPTY_NAME));
				continue;
			}
			/* a record key is read as one: it never wraps */
			strbuf_puts(out, is_key(rep, s, name) ? "<td class=\"v key\"><code>"
							       : "<td class=\"v\"><code>");
			if (len == strspn(value, " "))
				/* spaces only: shown, or the cell would look empty */
				for (size_t k = 0; k < len; k++)
					strbuf_puts(out, "\u2420");
			else
				html_putn(out, value, len);
			strbuf_puts(out, "</code></td>");
		}
		if (notes) {
			struct strbuf note = STRBUF_INIT;
			put_note(&note, doc_str(s, "note"), lang);
			strbuf_puts(out, "<td>");
			put_plain(out, &note);
			strbuf_puts(out, "</td>");
		}
		strbuf_puts(out, "</tr>\n");
		json_decref(values);
	}
	json_decref(names);
	strbuf_puts(out, "</tbody></table></div>\n");
	if (masked)
		strbuf_printf(out, "<p class=\"meta\">%s</p>\n", msg(lang, M_MASKED));
}

/* A check's parameter, NULL when absent. */
static const char *check_param(const json_t *c, const char *name)
{
	return json_string_value(json_object_get(json_object_get(c, "params"), name));
}

/* One fix: the check's label, what it asks, what was found, how to fix it
 * and the failed rows. */
static void fix(const struct dqa_report *rep, const json_t *c, dqa_lang lang,
		struct strbuf *out)
{
	strbuf_puts(out, "<section class=\"fix\">\n<h3>");
	html_put_check(out, c, lang);
	strbuf_puts(out, "</h3>\n");
	struct strbuf text = STRBUF_INIT;
	if (put_requirement(&text, c, lang)) {
		strbuf_printf(out, "<p><b>%s:</b> ", msg(lang, M_REQUIREMENT));
		put_plain(out, &text);
		strbuf_puts(out, "</p>\n");
	}
	strbuf_release(&text);
	strbuf_printf(out, "<p><b>%s:</b> ", msg(lang, M_FOUND));
	put_failure_summary(&text, c, lang);
	put_plain(out, &text);
	strbuf_printf(out, "</p>\n<p class=\"hint\"><b>%s:</b> ", msg(lang, M_HOW_TO_FIX));
	bool shown = json_array_size(json_object_get(c, "samples")) > 0;
	html_put(out, msg_hint(lang, doc_str(c, "kind"), check_param(c, "type"), shown));
	if (doc_str(c, "message")[0]) {
		strbuf_printf(out, "<br><b>%s:</b> ", msg(lang, M_RULE_MESSAGE));
		html_put(out, doc_str(c, "message"));
	}
	strbuf_puts(out, "</p>\n");
	samples(rep, c, lang, out);
	strbuf_puts(out, "</section>\n");
}

struct ranked {
	const json_t *check;
	double cost;
	uint64_t failed;
	size_t order;
};

/* Most points lost first, then most rows failed, then rule order. */
static int most_lost_first(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	if (x->failed != y->failed)
		return x->failed > y->failed ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void html_check_details(const struct dqa_report *rep, const json_t *checks, const char *title,
			const char *lead, dqa_lang lang, struct strbuf *out)
{
	size_t n = json_array_size(checks), failing = 0, i;
	struct ranked *rank = malloc((n + 1) * sizeof *rank);
	if (!rank) {
		out->failed = true;
		return;
	}
	json_t *c;
	json_array_foreach(checks, i, c) {
		if (check_status(c) != DQA_FAIL)
			continue;
		double cost = doc_num(c, "cost");
		rank[failing++] = (struct ranked){c, isnan(cost) ? 0 : cost, doc_count(c, "failed"), i};
	}
	qsort(rank, failing, sizeof *rank, most_lost_first);
	strbuf_printf(out, "<h2>%s</h2>\n<p class=\"meta\">%s</p>\n", title, lead);
	for (size_t k = 0; k < failing; k++)
		fix(rep, rank[k].check, lang, out);
	if (!failing)
		strbuf_printf(out, "<p>%s</p>\n", msg(lang, M_ALL_PASS));
	free(rank);
	strbuf_puts(out, "<details><summary>");
	strbuf_printf(out, msg_n(lang, M_ALL_CHECKS, n), n, n - failing);
	strbuf_puts(out, "</summary>\n");
	check_table(checks, lang, out);
	strbuf_puts(out, "</details>\n");
}

/* The link to the unit's failed-row file, when the folder has one. */
static void failed_rows_link(const struct dqa_report *rep, size_t unit, dqa_lang lang,
			     struct strbuf *out)
{
	const struct unit_failed_rows *f = rep->failed_rows ? &rep->failed_rows[unit] : NULL;
	if (!f || !f->lines)
		return;
	char name[4096];
	failed_rows_file_name(rep, unit, name, sizeof name);
	struct strbuf rows = STRBUF_INIT, max = STRBUF_INIT;
	put_count(&rows, f->rows, lang);
	put_count(&max, rep->failed_rows_max, lang);
	strbuf_puts(out, "<p class=\"notice\"><a href=\"");
	html_put(out, name);
	strbuf_puts(out, "\" download>");
	strbuf_printf(out, msg_n(lang, M_FAILED_ROWS_LINK, f->rows), rows.buf ? rows.buf : "");
	strbuf_printf(out, "</a> (%s)", msg(lang, M_FAILED_ROWS_FORMAT));
	if (f->left_out) {
		strbuf_reset(&rows);
		put_count(&rows, f->left_out, lang);
		strbuf_puts(out, "<br>");
		strbuf_printf(out, msg_n(lang, M_FAILED_ROWS_LEFT_OUT, f->left_out),
			      rows.buf ? rows.buf : "",
			      max.buf ? max.buf : "");
	}
	strbuf_puts(out, "</p>\n");
	strbuf_release(&rows);
	strbuf_release(&max);
}

void render_html_unit(const struct dqa_report *rep, size_t unit, dqa_lang lang,
		      struct strbuf *out)
{
	const json_t *u = json_array_get(rep->units, unit);
	const json_t *checks = json_object_get(u, "checks");
	html_begin(out, lang, unit_label(u, lang), doc_str(rep->doc, "dataset"));
	head(rep, u, lang, out);
	failed_rows_link(rep, unit, lang, out);
	if (json_array_size(checks))
		html_check_details(rep, checks, msg(lang, M_FIX_FIRST), msg(lang, M_FIX_FIRST_NOTE),
				   lang, out);
	strbuf_printf(out, "</main>\n<footer><a href=\"../index.html\">%s</a></footer>\n",
		      msg(lang, M_BACK));
	html_end(out);
}
