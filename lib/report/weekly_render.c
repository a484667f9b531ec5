/* The weekly warning list as text, CSV, JSON and Markdown; the HTML page
 * is weekly_page.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/round.h"
#include "../util/timeparse.h"
#include "../util/values.h"
#include "escape.h"
#include "format.h"
#include "history_view.h"
#include "json_writer.h"
#include "messages.h"
#include "report.h"

enum { UNIT_WIDTH = 12, UNIT_WIDTH_MAX = 32 };

void put_weekly_reasons(struct strbuf *out, const struct weekly_item *it, dqa_lang lang)
{
	const char *sep = "";
	if (it->missing) {
		strbuf_puts(out, msg(lang, it->no_run ? M_MISSING_NO_RUN : M_MISSING_NO_ROWS));
		sep = "; ";
	}
	if (it->below) {
		strbuf_printf(out, "%s%s", sep, msg(lang, M_BELOW_TARGET));
		sep = "; ";
	}
	if (it->stalled) {
		strbuf_puts(out, sep);
		strbuf_printf(out, msg_n(lang, M_STALLED, it->stalled_runs), it->stalled_runs);
	}
}

static void put_target(struct strbuf *out, const dqa_weekly_options *o, dqa_lang lang)
{
	if (o->target < 0) {
		strbuf_puts(out, msg(lang, M_TARGET_STATUS));
		return;
	}
	/* as given: 90, 92.5 (92,5 in vi) */
	char given[32];
	snprintf(given, sizeof given, "%g", o->target);
	char *dot = strchr(given, '.');
	if (dot && lang == DQA_LANG_VI)
		*dot = ',';
	strbuf_printf(out, "%s %s", msg(lang, M_TARGET_SCORE), given);
}

static void weekly_csv(const struct weekly_list *lists, size_t n, struct strbuf *out)
{
	char label[16];
	strbuf_puts(out, "week,dataset,unit,unit_name,score,status,missing,below_target,stalled,streak,reasons\n");
	for (size_t i = 0; i < n; i++) {
		dqa_iso_week_format(lists[i].monday, label);
		for (size_t k = 0; k < lists[i].nitems; k++) {
			const struct weekly_item *it = &lists[i].items[k];
			struct strbuf reasons = STRBUF_INIT;
			strbuf_printf(out, "%s,", label);
			csv_put(out, lists[i].dataset);
			strbuf_putc(out, ',');
			csv_put(out, it->unit);
			strbuf_putc(out, ',');
			csv_put(out, it->name ? it->name : "");
			strbuf_putc(out, ',');
			put_plain_number(out, it->score, false, "");
			strbuf_printf(out, ",%s,%d,%d,%d,%u,", dqa_status_name(it->status), it->missing,
				      it->below, it->stalled, it->streak);
			put_weekly_reasons(&reasons, it, DQA_LANG_EN);
			csv_put(out, reasons.buf ? reasons.buf : "");
			strbuf_putc(out, '\n');
			strbuf_release(&reasons);
		}
	}
}

static void json_str(struct strbuf *out, const char *s)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_string(&w, s);
}

static void week_bounds(const struct weekly_list *l, char label[16], char first[11], char last[11])
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

static void weekly_json(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
			struct strbuf *out)
{
	char label[16], first[11], last[11];
	strbuf_puts(out, "{\"format\": 1, \"lists\": [");
	for (size_t i = 0; i < n; i++) {
		const struct weekly_list *l = &lists[i];
		week_bounds(l, label, first, last);
		strbuf_printf(out, "%s\n {\"week\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", "
				   "\"dataset\": ", i ? "," : "", label, first, last);
		json_str(out, l->dataset);
		strbuf_puts(out, ", \"target\": ");
		put_plain_number(out, o->target >= 0 ? o->target : NAN, false, "null");
		strbuf_printf(out, ", \"runs\": %zu, \"units\": %zu,\n  \"listed\": [", l->nruns,
			      l->nunits);
		for (size_t k = 0; k < l->nitems; k++) {
			const struct weekly_item *it = &l->items[k];
			strbuf_puts(out, k ? ",\n   {\"unit\": " : "\n   {\"unit\": ");
			json_str(out, it->unit);
			if (it->name && it->name[0]) {
				strbuf_puts(out, ", \"unit_name\": ");
				json_str(out, it->name);
			}
			strbuf_puts(out, ", \"score\": ");
			put_plain_number(out, it->score, false, "null");
			strbuf_printf(out, ", \"status\": \"%s\", \"missing\": %s, \"below_target\": %s, "
					   "\"stalled\": %s, \"stalled_runs\": %u, \"streak\": %u}",
				      dqa_status_name(it->status), it->missing ? "true" : "false",
				      it->below ? "true" : "false", it->stalled ? "true" : "false",
				      it->stalled_runs, it->streak);
		}
		strbuf_puts(out, "]}");
	}
	strbuf_puts(out, "]}\n");
}

/* "2026-W47 (2026-11-16 to 2026-11-22)" in the page's notation. */
static void put_week(struct strbuf *out, const struct weekly_list *l, dqa_lang lang)
{
	char label[16];
	dqa_iso_week_format(l->monday, label);
	strbuf_printf(out, "%s (", label);
	put_day(out, l->monday, lang);
	strbuf_printf(out, " %s ", msg(lang, M_TREND_TO));
	put_day(out, l->monday + 6 * 86400, lang);
	strbuf_putc(out, ')');
}

/* "7 runs, 5 of 6 units listed (target: ...)" */
static void put_counts(struct strbuf *out, const struct weekly_list *l,
		       const dqa_weekly_options *o, dqa_lang lang)
{
	strbuf_printf(out, "%zu %s, ", l->nruns, msg(lang, l->nruns == 1 ? M_RUN_WORD : M_TREND_RUNS_WORD));
	strbuf_printf(out, msg_n(lang, M_UNITS_LISTED, l->nunits), l->nitems, l->nunits);
	strbuf_printf(out, " (%s: ", msg(lang, M_TARGET));
	put_target(out, o, lang);
	strbuf_putc(out, ')');
}

static void put_aligned(struct strbuf *out, const char *s, size_t width, bool right)
{
	size_t len = utf8_length(s, strlen(s));
	if (!right)
		strbuf_puts(out, s);
	for (; len < width; len++)
		strbuf_putc(out, ' ');
	if (right)
		strbuf_puts(out, s);
}

/* The item's unit as people read it (put_unit_code_name) into title
 * (reset first), "" when out of memory. */
static const char *item_title(struct strbuf *title, const struct weekly_item *it, dqa_lang lang)
{
	strbuf_reset(title);
	put_unit_code_name(title, it->unit, it->name, lang);
	return title->buf && !title->failed ? title->buf : "";
}

/* The unit column: its heading or the longest title, up to UNIT_WIDTH_MAX. */
static size_t unit_column(const struct weekly_list *l, dqa_lang lang)
{
	size_t width = UNIT_WIDTH;
	struct strbuf title = STRBUF_INIT;
	for (size_t k = 0; k < l->nitems; k++) {
		const char *t = item_title(&title, &l->items[k], lang);
		size_t len = utf8_length(t, strlen(t));
		width = len > width ? len : width;
	}
	strbuf_release(&title);
	return width > UNIT_WIDTH_MAX ? UNIT_WIDTH_MAX : width;
}

static void weekly_text(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
			dqa_lang lang, struct strbuf *out)
{
	size_t status_width = 8;
	for (int s = DQA_PASS; s <= DQA_MISSING; s++) {
		size_t len = utf8_length(msg_status(lang, s), strlen(msg_status(lang, s)));
		status_width = len > status_width ? len : status_width;
	}
	for (size_t i = 0; i < n; i++) {
		const struct weekly_list *l = &lists[i];
		strbuf_printf(out, "%s%s ", i ? "\n" : "", msg(lang, M_WEEK));
		put_week(out, l, lang);
		strbuf_printf(out, ", %s ", msg(lang, M_DATASET_WORD));
		term_put(out, l->dataset, SIZE_MAX);
		strbuf_puts(out, ": ");
		put_counts(out, l, o, lang);
		strbuf_putc(out, '\n');
		if (!l->nitems)
			continue;
		strbuf_putc(out, '\n');
		size_t width = unit_column(l, lang);
		put_aligned(out, msg(lang, M_UNIT_WORD), width, false);
		strbuf_putc(out, ' ');
		put_aligned(out, msg(lang, M_SCORE_WORD), 7, true);
		strbuf_putc(out, ' ');
		put_aligned(out, msg(lang, M_STATUS_WORD), status_width, false);
		strbuf_printf(out, " %7s  %s\n", msg(lang, M_STREAK), msg(lang, M_REASONS_WORD));
		for (size_t k = 0; k < l->nitems; k++) {
			const struct weekly_item *it = &l->items[k];
			struct strbuf score = STRBUF_INIT;
			term_put_padded(out, item_title(&score, it, lang), width);
			strbuf_reset(&score);
			put_score(&score, it->score, 2, lang);
			strbuf_putc(out, ' ');
			put_aligned(out, score.buf ? score.buf : "-", 7, true);
			strbuf_putc(out, ' ');
			put_aligned(out, msg_status(lang, it->status), status_width, false);
			const char *weeks = msg(lang, it->streak == 1 ? M_WEEK_WORD : M_WEEKS_WORD);
			strbuf_printf(out, " %2u %s", it->streak, weeks);
			/* "1 week " lines up with "2 weeks" */
			put_aligned(out, "", utf8_length(msg(lang, M_WEEKS_WORD), strlen(msg(lang, M_WEEKS_WORD))) -
						 utf8_length(weeks, strlen(weeks)), false);
			strbuf_puts(out, "  ");
			put_weekly_reasons(out, it, lang);
			strbuf_putc(out, '\n');
			strbuf_release(&score);
		}
	}
}

static void weekly_md(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
		      dqa_lang lang, struct strbuf *out)
{
	struct strbuf title = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct weekly_list *l = &lists[i];
		char label[16];
		dqa_iso_week_format(l->monday, label);
		strbuf_printf(out, "%s## %s %s: ", i ? "\n" : "", msg(lang, M_WARNINGS_HEADING), label);
		md_put(out, l->dataset);
		strbuf_puts(out, "\n\n");
		put_day(out, l->monday, lang);
		strbuf_printf(out, " %s ", msg(lang, M_TREND_TO));
		put_day(out, l->monday + 6 * 86400, lang);
		strbuf_puts(out, ", ");
		put_counts(out, l, o, lang);
		strbuf_puts(out, ".\n");
		if (!l->nitems)
			continue;
		strbuf_printf(out, "\n| %s | %s | %s | %s | %s |\n|---|---:|---|---:|---|\n",
			      msg(lang, M_UNIT_WORD), msg(lang, M_SCORE_WORD), msg(lang, M_STATUS_WORD),
			      msg(lang, M_STREAK_WEEKS), msg(lang, M_REASONS_WORD));
		for (size_t k = 0; k < l->nitems; k++) {
			const struct weekly_item *it = &l->items[k];
			strbuf_puts(out, "| ");
			md_put(out, item_title(&title, it, lang));
			strbuf_puts(out, " | ");
			put_score(out, it->score, 2, lang);
			strbuf_printf(out, " | %s | %u | ", msg_status(lang, it->status), it->streak);
			put_weekly_reasons(out, it, lang);
			strbuf_puts(out, " |\n");
		}
	}
	strbuf_release(&title);
}

void render_weekly(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
		   const struct view_style *st, struct strbuf *out)
{
	switch (st->format) {
	case DQA_VIEW_TEXT: weekly_text(lists, n, o, st->lang, out); break;
	case DQA_VIEW_CSV: weekly_csv(lists, n, out); break;
	case DQA_VIEW_JSON: weekly_json(lists, n, o, out); break;
	case DQA_VIEW_MD: weekly_md(lists, n, o, st->lang, out); break;
	case DQA_VIEW_HTML: break;   /* render_weekly_html (weekly_page.c) */
	}
}
