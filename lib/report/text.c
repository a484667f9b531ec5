/* The terminal summary, rendered from the result document like every
 * report (so `dqa report --format text` repeats what `dqa audit` printed):
 * the overall line, the dataset-level checks, one row per unit worst first
 * with its six criterion scores, then the warning list; in the language
 * asked for, every name from the data through the terminal escaper. */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../util/values.h"
#include "escape.h"
#include "messages.h"
#include "labels.h"
#include "report.h"

enum { UNIT_WIDTH_MAX = 32 };

struct text {
	struct strbuf *out;
	dqa_lang lang;
	bool color;
};

static const char *status_color(dqa_status s)
{
	switch (s) {
	case DQA_PASS: return "\033[32m";
	case DQA_WARN: return "\033[33m";
	case DQA_FAIL: return "\033[31m";
	case DQA_MISSING: return "\033[1;31m";
	default: return "";
	}
}

static size_t width_of(const char *s)
{
	return utf8_length(s, strlen(s));
}

/* The status word, padded to width characters (0: not padded). */
static void put_status(const struct text *t, dqa_status s, size_t width)
{
	const char *word = msg_status(t->lang, s);
	if (t->color)
		strbuf_printf(t->out, "%s%s\033[0m", status_color(s), word);
	else
		strbuf_puts(t->out, word);
	for (size_t n = width_of(word); n < width; n++)
		strbuf_putc(t->out, ' ');
}

/* s padded with spaces on the left to width characters. */
static void put_right(struct strbuf *out, const char *s, size_t width)
{
	for (size_t n = width_of(s); n < width; n++)
		strbuf_putc(out, ' ');
	strbuf_puts(out, s);
}

static void put_padded_score(const struct text *t, double v, size_t width, int decimals)
{
	struct strbuf cell = STRBUF_INIT;
	put_score(&cell, v, decimals, t->lang);
	put_right(t->out, cell.buf ? cell.buf : "-", width);
	strbuf_release(&cell);
}

static void put_padded_count(const struct text *t, uint64_t n, size_t width)
{
	struct strbuf cell = STRBUF_INIT;
	put_count(&cell, n, t->lang);
	put_right(t->out, cell.buf ? cell.buf : "", width);
	strbuf_release(&cell);
}

static void put_name(const struct text *t, const char *name, size_t width)
{
	term_put_padded(t->out, name[0] ? name : msg(t->lang, M_EMPTY_NAME), width);
}

static void put_unit(const struct text *t, const json_t *unit, size_t width)
{
	struct strbuf title = STRBUF_INIT;
	put_unit_title(&title, unit, t->lang);
	term_put_padded(t->out, title.buf ? title.buf : "", width);
	t->out->failed |= title.failed;
	strbuf_release(&title);
}

/* Text from the document, for put_reasons and put_time_text: a hand-edited
 * file's control characters stay off the terminal. */
static void term_text(struct strbuf *sb, const char *text)
{
	term_put(sb, text, SIZE_MAX);
}

static size_t unit_width(const json_t *units, dqa_lang lang)
{
	size_t width = width_of(msg(lang, M_UNIT_WORD));
	size_t i;
	const json_t *u;
	struct strbuf title = STRBUF_INIT;
	json_array_foreach(units, i, u) {
		strbuf_reset(&title);
		put_unit_title(&title, u, lang);
		size_t w = width_of(title.buf ? title.buf : "");
		if (w > width)
			width = w;
	}
	strbuf_release(&title);
	return width > UNIT_WIDTH_MAX ? UNIT_WIDTH_MAX : width;
}

static int by_score(const void *a, const void *b)
{
	const json_t *ua = *(const json_t *const *)a, *ub = *(const json_t *const *)b;
	double sa = doc_num(ua, "score"), sb = doc_num(ub, "score");
	sa = isnan(sa) ? INFINITY : sa;
	sb = isnan(sb) ? INFINITY : sb;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return strcmp(doc_str(ua, "unit"), doc_str(ub, "unit"));
}

/* "row" or "rows" by n in English; Vietnamese nouns have no plural. */
static const char *noun(dqa_lang lang, enum msg one, enum msg many, uint64_t n)
{
	return msg(lang, n == 1 ? one : many);
}

static void write_header(const struct text *t, const json_t *doc)
{
	struct strbuf *out = t->out;
	dqa_lang lang = t->lang;
	const json_t *units = json_object_get(doc, "units");
	size_t missing = 0, i;
	const json_t *u;
	json_array_foreach(units, i, u)
		missing += doc_status(u, "status") == DQA_MISSING;
	size_t ninputs = json_array_size(json_object_get(doc, "inputs"));
	uint64_t rows = doc_count(doc, "rows");
	strbuf_printf(out, "dqa %s: %s ", doc_str(doc, "dqa_version"), msg(lang, M_DATASET_WORD));
	term_put(out, doc_str(doc, "dataset"), SIZE_MAX);
	strbuf_printf(out, ", %s ", msg(lang, M_RULES_WORD));
	term_put(out, doc_str(doc, "rules"), SIZE_MAX);
	strbuf_putc(out, '\n');
	put_count(out, rows, lang);
	strbuf_printf(out, " %s %s %zu %s, ", noun(lang, M_ROW_WORD, M_ROWS_NOUN, rows),
		      msg(lang, M_IN), ninputs, noun(lang, M_INPUT_WORD, M_INPUTS_WORD, ninputs));
	put_count(out, json_array_size(units), lang);
	strbuf_printf(out, " %s", noun(lang, M_UNIT_WORD, M_UNITS_WORD, json_array_size(units)));
	if (missing)
		strbuf_printf(out, " (%zu %s)", missing, msg_status(lang, DQA_MISSING));
	strbuf_printf(out, ", %s ", msg(lang, M_NOW_WORD));
	put_time_text(out, doc_str(doc, "now"), lang, term_text);
	strbuf_printf(out, "\n\n%s ", msg(lang, M_OVERALL_WORD));
	put_padded_score(t, doc_num(doc, "score"), 6, 2);
	strbuf_putc(out, ' ');
	put_status(t, doc_status(doc, "status"), 0);
	strbuf_puts(out, "\n ");
	int scored = 0;
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double score = doc_criterion(doc, k);
		if (isnan(score))
			continue;     /* no score: not zero, so not shown */
		strbuf_printf(out, " %s ", msg_criterion(lang, k));
		put_score(out, score, 1, lang);
		scored++;
	}
	if (scored)
		strbuf_puts(out, "\n\n");
	else
		strbuf_printf(out, " %s\n\n", msg(lang, M_NO_CRITERION_SCORED));
}

/* The dataset-level checks, each with its score and, when it cost the
 * dataset points, why: the dataset's own fix list. */
static void write_dataset_checks(const struct text *t, const json_t *checks)
{
	struct strbuf *out = t->out;
	dqa_lang lang = t->lang;
	size_t n = json_array_size(checks), i, width = 5;
	if (!n)
		return;
	const json_t *c;
	struct strbuf label = STRBUF_INIT;
	json_array_foreach(checks, i, c) {
		strbuf_reset(&label);
		check_label_doc(&label, lang, c);
		size_t w = width_of(label.buf ? label.buf : "");
		width = w > width ? w : width;
	}
	width = width > 2 * UNIT_WIDTH_MAX ? 2 * UNIT_WIDTH_MAX : width;
	size_t status_width = 0;
	for (int s = DQA_PASS; s <= DQA_NO_SCORE; s++)
		if (s == DQA_PASS || s == DQA_FAIL || s == DQA_NO_SCORE)
			status_width = width_of(msg_status(lang, s)) > status_width
					       ? width_of(msg_status(lang, s)) : status_width;
	strbuf_printf(out, "%s\n", msg(lang, M_DATASET_CHECKS_TEXT));
	json_array_foreach(checks, i, c) {
		strbuf_puts(out, "  ");
		strbuf_reset(&label);
		check_label_doc(&label, lang, c);
		put_name(t, label.buf ? label.buf : "", width);
		strbuf_putc(out, ' ');
		put_padded_score(t, doc_num(c, "score"), 6, 2);
		strbuf_putc(out, ' ');
		const char *status = doc_str(c, "status");
		dqa_status shown = strcmp(status, "fail") == 0	? DQA_FAIL
				   : strcmp(status, "pass") == 0 ? DQA_PASS
								 : DQA_NO_SCORE;
		put_status(t, shown, status_width + 1);
		struct strbuf failed = STRBUF_INIT, evaluated = STRBUF_INIT;
		put_count(&failed, doc_count(c, "failed"), lang);
		put_count(&evaluated, doc_count(c, "evaluated"), lang);
		strbuf_printf(out, msg(lang, M_FAILED_OF), failed.buf ? failed.buf : "",
			      evaluated.buf ? evaluated.buf : "",
			      msg_counts(lang, doc_str(c, "counts"), doc_count(c, "evaluated")));
		strbuf_release(&failed);
		strbuf_release(&evaluated);
		if (doc_num(c, "cost") > 0) {
			strbuf_printf(out, "%s%s ", list_separator(lang), msg(lang, M_COST_WORD));
			put_score(out, doc_num(c, "cost"), 2, lang);
		}
		if (doc_str(c, "note")[0]) {
			struct strbuf note = STRBUF_INIT;
			put_note(&note, doc_str(c, "note"), lang);
			strbuf_puts(out, ": ");
			term_put(out, note.buf ? note.buf : "", SIZE_MAX);
			strbuf_release(&note);
		}
		strbuf_putc(out, '\n');
	}
	out->failed |= label.failed;
	strbuf_release(&label);
	strbuf_putc(out, '\n');
}

static void write_units(const struct text *t, const json_t *units)
{
	struct strbuf *out = t->out;
	dqa_lang lang = t->lang;
	size_t width = unit_width(units, lang);
	size_t rows_width = width_of(msg(lang, M_ROWS_WORD)) > 8 ? width_of(msg(lang, M_ROWS_WORD)) : 8;
	size_t score_width = width_of(msg(lang, M_SCORE_WORD)) > 7 ? width_of(msg(lang, M_SCORE_WORD)) : 7;
	put_name(t, msg(lang, M_UNIT_WORD), width);
	strbuf_putc(out, ' ');
	put_right(out, msg(lang, M_ROWS_WORD), rows_width);
	strbuf_putc(out, ' ');
	put_right(out, msg(lang, M_SCORE_WORD), score_width);
	for (int k = 0; k < DQA_CRITERIA; k++) {
		strbuf_putc(out, ' ');
		put_right(out, msg_criterion_short(lang, k), 7);
	}
	strbuf_printf(out, "  %s\n", msg(lang, M_STATUS_WORD));
	size_t n = json_array_size(units);
	const json_t **order = malloc((n + 1) * sizeof *order);
	if (!order) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = json_array_get(units, i);
	qsort(order, n, sizeof *order, by_score);
	for (size_t i = 0; i < n; i++) {
		const json_t *u = order[i];
		put_unit(t, u, width);
		strbuf_putc(out, ' ');
		put_padded_count(t, doc_count(u, "rows"), rows_width);
		strbuf_putc(out, ' ');
		put_padded_score(t, doc_num(u, "score"), score_width, 2);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			strbuf_putc(out, ' ');
			put_padded_score(t, doc_criterion(u, k), 7, 1);
		}
		strbuf_puts(out, "  ");
		put_status(t, doc_status(u, "status"), 0);
		strbuf_putc(out, '\n');
	}
	free(order);
}

static void write_warnings(const struct text *t, const struct dqa_report *rep)
{
	const json_t *doc = rep->doc;
	struct strbuf *out = t->out;
	dqa_lang lang = t->lang;
	const json_t *list = json_object_get(doc, "warnings");
	size_t n = json_array_size(list);
	char below[32];
	snprintf(below, sizeof below, "%g", doc_num(json_object_get(doc, "thresholds"), "warn_below"));
	if (lang == DQA_LANG_VI && strchr(below, '.'))
		*strchr(below, '.') = ',';
	if (!n && !json_array_size(json_object_get(doc, "units"))) {
		strbuf_printf(out, "\n%s\n", msg(lang, M_NO_UNITS_TEXT));
		return;
	}
	if (!n) {
		strbuf_putc(out, '\n');
		strbuf_printf(out, msg(lang, M_NO_WARNINGS_TEXT), below);
		strbuf_putc(out, '\n');
		return;
	}
	strbuf_putc(out, '\n');
	strbuf_printf(out, msg(lang, M_WARNINGS_TEXT), n, noun(lang, M_UNIT_WORD, M_UNITS_WORD, n),
		      below);
	strbuf_putc(out, '\n');
	size_t width = unit_width(json_object_get(doc, "units"), lang), status_width = 7;
	for (int s = DQA_PASS; s <= DQA_MISSING; s++)
		status_width = width_of(msg_status(lang, s)) > status_width
				       ? width_of(msg_status(lang, s)) : status_width;
	size_t i;
	const json_t *w;
	json_array_foreach(list, i, w) {
		strbuf_puts(out, "  ");
		put_unit(t, w, width);
		strbuf_putc(out, ' ');
		put_padded_score(t, doc_num(w, "score"), 6, 2);
		strbuf_putc(out, ' ');
		put_status(t, doc_status(w, "status"), status_width + 1);
		put_reasons(out, w,
			    json_array_get(rep->units, doc_unit_index(rep->units, doc_str(w, "unit"))),
			    lang, term_text);
		strbuf_putc(out, '\n');
	}
}

int dqa_result_write_memory(const dqa_result *res, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < res->nmemory; i++) {
		const struct res_memory *m = &res->memory[i];
		strbuf_printf(&sb, "dqa: %s: %llu key%s, %.1f MB\n", m->id,
			      (unsigned long long)m->entries, m->entries == 1 ? "" : "s",
			      (double)m->bytes / 1e6);
	}
	bool ok = !sb.failed && fwrite(sb.buf ? sb.buf : "", 1, sb.len, out) == sb.len;
	strbuf_release(&sb);
	return ok ? 0 : DQA_EIO;
}

int dqa_report_write_text(const dqa_report *rep, dqa_lang lang, FILE *out, bool color)
{
	struct strbuf sb = STRBUF_INIT;
	struct text t = {&sb, lang, color};
	write_header(&t, rep->doc);
	write_dataset_checks(&t, rep->dataset_checks);
	write_units(&t, rep->units);
	write_warnings(&t, rep);
	bool ok = !sb.failed && fwrite(sb.buf ? sb.buf : "", 1, sb.len, out) == sb.len;
	strbuf_release(&sb);
	return ok ? 0 : DQA_EIO;
}
