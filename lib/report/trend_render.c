/* The trend view as text (with sparklines), CSV, JSON and Markdown; the
 * HTML page is trend_page.c. */
#include <math.h>
#include <string.h>

#include "../util/round.h"
#include "../util/spark_scale.h"
#include "../util/timeparse.h"
#include "../util/values.h"
#include "escape.h"
#include "format.h"
#include "history_view.h"
#include "json_writer.h"
#include "messages.h"
#include "report.h"

static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
enum { LEVELS = 8, UNIT_WIDTH = 12, UNIT_WIDTH_MAX = 32, WIDTH_MAX = 400 };

void put_text_sparkline(struct strbuf *out, const double *values, size_t n, size_t width)
{
	size_t from = n > width ? n - width : 0;
	double lo, hi;
	spark_range(values + from, n - from, &lo, &hi);
	for (size_t i = from; i < n; i++)
		strbuf_puts(out, isnan(values[i]) ? " "
			    : blocks[(int)lround((values[i] - lo) / (hi - lo) * (LEVELS - 1))]);
}

static size_t spark_width(const struct view_style *st)
{
	size_t width = st->width ? st->width : 30;
	return width > WIDTH_MAX ? WIDTH_MAX : width;
}

/* s (people's words, maybe not ASCII) padded to width characters, on the
 * left or the right; longer text is kept whole. */
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

static size_t max_size(size_t a, const char *s)
{
	size_t len = utf8_length(s, strlen(s));
	return len > a ? len : a;
}

void put_series_title(struct strbuf *out, const struct trend_series *s, dqa_lang lang)
{
	if (s->unit)
		put_unit_code_name(out, s->unit, s->name, lang);
	else
		strbuf_puts(out, msg(lang, M_DATASET_ROW));
}

/* The series' title into title (reset first), "" when out of memory. */
static const char *series_title(struct strbuf *title, const struct trend_series *s,
				dqa_lang lang)
{
	strbuf_reset(title);
	put_series_title(title, s, lang);
	return title->buf && !title->failed ? title->buf : "";
}

/* The unit column: its heading or the longest title, up to UNIT_WIDTH_MAX. */
static size_t unit_column(const struct trend_dataset *d, dqa_lang lang)
{
	size_t width = max_size(UNIT_WIDTH, msg(lang, M_UNIT_WORD));
	struct strbuf title = STRBUF_INIT;
	for (size_t k = 0; k < d->nseries; k++)
		width = max_size(width, series_title(&title, &d->series[k], lang));
	strbuf_release(&title);
	return width > UNIT_WIDTH_MAX ? UNIT_WIDTH_MAX : width;
}

/* "2026-11-20, 2026-11-21": the runs made with other rules than the run
 * before (dqa audit records a hash of the rules in the history). */
static void put_rule_changes(struct strbuf *out, const struct trend_dataset *d, dqa_lang lang)
{
	for (size_t r = 0, listed = 0; r < d->nruns; r++) {
		if (!d->rules_changed[r])
			continue;
		if (listed++)
			strbuf_puts(out, list_separator(lang));
		put_date(out, d->runs[r], lang);
	}
}

struct columns {
	size_t unit, last, run, week;
};

static void text_change(struct strbuf *out, double change, size_t width, bool color,
			dqa_lang lang)
{
	struct strbuf cell = STRBUF_INIT;
	put_change(&cell, change, lang);
	bool paint = color && !isnan(change) && round_to(change, 2) != 0;
	if (paint)
		strbuf_puts(out, change < 0 ? "\033[31m" : "\033[32m");
	put_aligned(out, cell.buf ? cell.buf : "-", width, true);
	if (paint)
		strbuf_puts(out, "\033[0m");
	strbuf_release(&cell);
}

/* A caret under each sparkline cell of a run with changed rules, then the
 * dates. */
static void text_rule_changes(struct strbuf *out, const struct trend_dataset *d, size_t width,
			      const struct columns *c, dqa_lang lang)
{
	if (!d->nrules_changed)
		return;
	size_t from = d->nruns > width ? d->nruns - width : 0, last = from;
	for (size_t r = from; r < d->nruns; r++)
		if (d->rules_changed[r])
			last = r + 1;
	if (last > from) {
		put_aligned(out, msg(lang, M_NEW_RULES), c->unit, false);
		strbuf_printf(out, " %*s %*s %*s  ", (int)c->last, "", (int)c->run, "", (int)c->week, "");
		for (size_t r = from; r < last; r++)
			strbuf_putc(out, d->rules_changed[r] ? '^' : ' ');
		strbuf_putc(out, '\n');
	}
	strbuf_printf(out, "\n%s ", msg(lang, M_RULES_CHANGED));
	put_rule_changes(out, d, lang);
	strbuf_printf(out, ": %s\n", msg(lang, M_RULES_CHANGED_WHY));
}

static void text_worse(struct strbuf *out, const struct trend_dataset *d, size_t width,
		       dqa_lang lang)
{
	if (!d->nworse)
		return;
	strbuf_printf(out, "\n%s: %zu %s, %s\n", msg(lang, M_WORSE_WEEK), d->nworse,
		      msg(lang, d->nworse == 1 ? M_UNIT_WORD : M_UNITS_WORD), msg(lang, M_WORST_FIRST));
	for (size_t w = 0; w < d->nworse; w++) {
		const struct trend_series *s = &d->series[d->worse[w]];
		struct strbuf a = STRBUF_INIT;
		strbuf_puts(out, "  ");
		term_put_padded(out, series_title(&a, s, lang), width);
		strbuf_reset(&a);
		put_change(&a, s->since_week, lang);
		strbuf_printf(out, " %7s  (", a.buf ? a.buf : "-");
		put_score(out, s->last - s->since_week, 2, lang);
		strbuf_puts(out, " -> ");
		put_score(out, s->last, 2, lang);
		strbuf_puts(out, ")\n");
		strbuf_release(&a);
	}
}

static void trend_text(const struct trend *t, const struct view_style *st, struct strbuf *out)
{
	dqa_lang lang = st->lang;
	size_t width = spark_width(st);
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		strbuf_printf(out, "%s%s ", i ? "\n" : "", msg(lang, M_DATASET_WORD));
		term_put(out, d->name, SIZE_MAX);
		strbuf_printf(out, ": %zu %s %s ", d->nruns,
			      msg(lang, d->nruns == 1 ? M_RUN_WORD : M_TREND_RUNS_WORD), msg(lang, M_FROM));
		put_date(out, d->runs[0], lang);
		strbuf_printf(out, " %s ", msg(lang, M_TREND_TO));
		put_date(out, d->runs[d->nruns - 1], lang);
		strbuf_puts(out, "\n\n");
		struct columns c = {unit_column(d, lang),
				    max_size(7, msg(lang, M_LAST)), max_size(9, msg(lang, M_LAST_RUN)),
				    max_size(9, msg(lang, M_LAST_WEEK))};
		put_aligned(out, msg(lang, M_UNIT_WORD), c.unit, false);
		strbuf_putc(out, ' ');
		put_aligned(out, msg(lang, M_LAST), c.last, true);
		strbuf_putc(out, ' ');
		put_aligned(out, msg(lang, M_LAST_RUN), c.run, true);
		strbuf_putc(out, ' ');
		put_aligned(out, msg(lang, M_LAST_WEEK), c.week, true);
		strbuf_puts(out, "  ");
		size_t shown = width < d->nruns ? width : d->nruns;
		strbuf_printf(out, msg_n(lang, M_TREND_LAST_RUNS, shown), shown);
		strbuf_putc(out, '\n');
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			struct strbuf last = STRBUF_INIT;
			term_put_padded(out, series_title(&last, s, lang), c.unit);
			strbuf_reset(&last);
			put_score(&last, s->last, 2, lang);
			strbuf_putc(out, ' ');
			put_aligned(out, last.buf ? last.buf : "-", c.last, true);
			strbuf_putc(out, ' ');
			text_change(out, s->since_run, c.run, st->color, lang);
			strbuf_putc(out, ' ');
			text_change(out, s->since_week, c.week, st->color, lang);
			strbuf_puts(out, "  ");
			put_text_sparkline(out, s->scores, d->nruns, width);
			strbuf_putc(out, '\n');
			strbuf_release(&last);
		}
		text_rule_changes(out, d, width, &c, lang);
		text_worse(out, d, c.unit, lang);
	}
}

/* CSV: a machine format, English and '.' decimals; names defused. */
static void trend_csv(const struct trend *t, struct strbuf *out)
{
	char when[21], changed[21];
	strbuf_puts(out, "dataset,unit,unit_name,runs,last_run,last,change_last_run,change_last_week,scores,"
			 "rules_changed\n");
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		time_format_iso(d->runs[d->nruns - 1], when);
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			csv_put(out, d->name);
			strbuf_putc(out, ',');
			csv_put(out, s->unit ? s->unit : "");
			strbuf_putc(out, ',');
			csv_put(out, s->name ? s->name : "");
			strbuf_printf(out, ",%zu,%s,", d->nruns, when);
			put_plain_number(out, s->last, false, "");
			strbuf_putc(out, ',');
			put_plain_number(out, s->since_run, true, "");
			strbuf_putc(out, ',');
			put_plain_number(out, s->since_week, true, "");
			strbuf_putc(out, ',');
			/* Space-separated, one per run, "-" where the unit had no score. */
			for (size_t r = 0; r < d->nruns; r++) {
				if (r)
					strbuf_putc(out, ' ');
				put_plain_number(out, s->scores[r], false, "-");
			}
			/* The runs made with other rules than the run before, space-separated. */
			strbuf_putc(out, ',');
			for (size_t r = 0, n = 0; r < d->nruns; r++) {
				if (!d->rules_changed[r])
					continue;
				time_format_iso(d->runs[r], changed);
				strbuf_printf(out, "%s%s", n++ ? " " : "", changed);
			}
			strbuf_putc(out, '\n');
		}
	}
}

static void json_str(struct strbuf *out, const char *s)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_string(&w, s);
}

/* ", \"unit_name\": NAME" when the unit has a name, as in result.json. */
static void json_name(struct strbuf *out, const char *name)
{
	if (!name || !name[0])
		return;
	strbuf_puts(out, ", \"unit_name\": ");
	json_str(out, name);
}

static void json_num(struct strbuf *out, const char *key, double v)
{
	strbuf_printf(out, ", \"%s\": ", key);
	put_plain_number(out, v, false, "null");
}

static void json_times(struct strbuf *out, const struct trend_dataset *d, bool changed_only)
{
	char when[21];
	for (size_t r = 0, n = 0; r < d->nruns; r++) {
		if (changed_only && !d->rules_changed[r])
			continue;
		time_format_iso(d->runs[r], when);
		strbuf_printf(out, "%s\"%s\"", n++ ? ", " : "", when);
	}
}

static void trend_json(const struct trend *t, struct strbuf *out)
{
	strbuf_puts(out, "{\"format\": 1, \"datasets\": [");
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		strbuf_printf(out, "%s\n {\"dataset\": ", i ? "," : "");
		json_str(out, d->name);
		strbuf_puts(out, ",\n  \"runs\": [");
		json_times(out, d, false);
		strbuf_puts(out, "],\n  \"rules_changed\": [");
		json_times(out, d, true);
		strbuf_puts(out, "],\n  \"series\": [");
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			strbuf_puts(out, k ? ",\n   {\"unit\": " : "\n   {\"unit\": ");
			if (s->unit)
				json_str(out, s->unit);
			else
				strbuf_puts(out, "null");
			json_name(out, s->name);
			json_num(out, "last", s->last);
			json_num(out, "change_last_run", s->since_run);
			json_num(out, "change_last_week", s->since_week);
			strbuf_puts(out, ", \"scores\": [");
			for (size_t r = 0; r < d->nruns; r++) {
				if (r)
					strbuf_puts(out, ", ");
				put_plain_number(out, s->scores[r], false, "null");
			}
			strbuf_puts(out, "]}");
		}
		strbuf_puts(out, "],\n  \"worse\": [");
		for (size_t w = 0; w < d->nworse; w++) {
			if (w)
				strbuf_puts(out, ", ");
			json_str(out, d->series[d->worse[w]].unit);
		}
		strbuf_puts(out, "]}");
	}
	strbuf_puts(out, "]}\n");
}

static void trend_md(const struct trend *t, const struct view_style *st, struct strbuf *out)
{
	dqa_lang lang = st->lang;
	struct strbuf title = STRBUF_INIT;
	for (size_t i = 0; i < t->ndatasets; i++) {
		const struct trend_dataset *d = &t->datasets[i];
		strbuf_printf(out, "%s## %s: ", i ? "\n" : "", msg(lang, M_TREND));
		md_put(out, d->name);
		strbuf_printf(out, " (%zu %s)\n\n| %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---|\n",
			      d->nruns, msg(lang, M_TREND_RUNS_WORD), msg(lang, M_UNIT_WORD),
			      msg(lang, M_LAST), msg(lang, M_SINCE_LAST_RUN), msg(lang, M_SINCE_LAST_WEEK),
			      msg(lang, M_TREND_WORD));
		for (size_t k = 0; k < d->nseries; k++) {
			const struct trend_series *s = &d->series[k];
			strbuf_puts(out, "| ");
			md_put(out, series_title(&title, s, lang));
			strbuf_puts(out, " | ");
			put_score(out, s->last, 2, lang);
			strbuf_puts(out, " | ");
			put_change(out, s->since_run, lang);
			strbuf_puts(out, " | ");
			put_change(out, s->since_week, lang);
			strbuf_puts(out, " | ");
			put_text_sparkline(out, s->scores, d->nruns, spark_width(st));
			strbuf_puts(out, " |\n");
		}
		if (d->nrules_changed) {
			strbuf_printf(out, "\n%s ", msg(lang, M_RULES_CHANGED_CAP));
			put_rule_changes(out, d, lang);
			strbuf_printf(out, ": %s.\n", msg(lang, M_RULES_CHANGED_WHY));
		}
	}
	strbuf_release(&title);
}

void render_trend(const struct trend *t, const struct view_style *st, struct strbuf *out)
{
	switch (st->format) {
	case DQA_VIEW_TEXT: trend_text(t, st, out); break;
	case DQA_VIEW_CSV: trend_csv(t, out); break;
	case DQA_VIEW_JSON: trend_json(t, out); break;
	case DQA_VIEW_MD: trend_md(t, st, out); break;
	case DQA_VIEW_HTML: break;   /* render_trend_html (trend_page.c) */
	}
}
