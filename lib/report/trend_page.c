/* The trend view as a page in the reports' frame and stylesheet: per
 * dataset, cards with the latest score and its changes, the dataset's line,
 * and a table of units with an SVG sparkline each, linked to their pages
 * when the view is written into a report folder. */
#include <math.h>
#include <string.h>

#include "../util/round.h"
#include "../util/spark_scale.h"
#include "escape.h"
#include "format.h"
#include "history_view.h"
#include "html.h"
#include "messages.h"

enum { SPARK_W = 120, SPARK_H = 24, BIG_W = 640, BIG_H = 110 };

static void card(struct strbuf *out, const char *label, const char *cls, struct strbuf *value)
{
	strbuf_printf(out, "<div class=\"card%s\"><small>", cls);
	html_put(out, label);
	strbuf_puts(out, "</small><b>");
	html_put(out, value->buf ? value->buf : "-");
	strbuf_puts(out, "</b></div>\n");
	strbuf_reset(value);
}

static const char *change_class(double v)
{
	if (isnan(v) || round_to(v, 2) == 0)
		return "";
	return v < 0 ? " down" : " up";
}

static void cards(struct strbuf *out, const struct trend_series *s, dqa_lang lang)
{
	struct strbuf v = STRBUF_INIT;
	strbuf_puts(out, "<div class=\"cards\">\n");
	put_score(&v, s->last, 2, lang);
	card(out, msg(lang, M_OVERALL), " big", &v);
	put_change(&v, s->since_run, lang);
	card(out, msg(lang, M_SINCE_LAST_RUN_TITLE), change_class(s->since_run), &v);
	put_change(&v, s->since_week, lang);
	card(out, msg(lang, M_SINCE_LAST_WEEK_TITLE), change_class(s->since_week), &v);
	strbuf_puts(out, "</div>\n");
	strbuf_release(&v);
}

static void line(struct strbuf *out, const double *p, size_t n, int w, int h)
{
	double lo, hi;
	spark_range(p, n, &lo, &hi);
	html_sparkline(out, p, n, w, h, lo, hi, DQA_NO_SCORE);
}

static void unit_name(struct strbuf *out, const struct trend_dataset *d,
		      const struct trend_series *s, const struct view_style *st)
{
	const char *href = s->unit && st->unit_href ? st->unit_href(st->href_ctx, d->name, s->unit)
						    : NULL;
	if (href) {
		strbuf_puts(out, "<a href=\"");
		html_put(out, href);
		strbuf_puts(out, "\">");
	}
	struct strbuf title = STRBUF_INIT;
	put_series_title(&title, s, st->lang);
	html_put(out, title.buf && !title.failed ? title.buf : "");
	strbuf_release(&title);
	if (href)
		strbuf_puts(out, "</a>");
}

static void change_cell(struct strbuf *out, const char *label, double v, dqa_lang lang)
{
	strbuf_printf(out, "<td class=\"n%s\" data-v=\"%.2f\"", change_class(v), isnan(v) ? 0 : v);
	html_label(out, label);
	strbuf_putc(out, '>');
	put_change(out, v, lang);
	strbuf_puts(out, "</td>");
}

static void unit_table(struct strbuf *out, const struct trend_dataset *d,
		       const struct view_style *st)
{
	dqa_lang lang = st->lang;
	const char *labels[] = {msg(lang, M_UNIT), msg(lang, M_SCORE), msg(lang, M_SINCE_LAST_RUN_TITLE),
				msg(lang, M_SINCE_LAST_WEEK_TITLE), msg(lang, M_TREND), NULL};
	strbuf_puts(out, "<div class=\"scroll\"><table class=\"stack\">");
	html_head_row(out, labels, "tnnnt", false);
	strbuf_puts(out, "<tbody>\n");
	for (size_t k = 0; k < d->nseries; k++) {
		const struct trend_series *s = &d->series[k];
		strbuf_puts(out, "<tr><td>");
		unit_name(out, d, s, st);
		strbuf_printf(out, "</td><td class=\"n\" data-v=\"%.2f\"", isnan(s->last) ? -1 : s->last);
		html_label(out, labels[1]);
		strbuf_putc(out, '>');
		put_score(out, s->last, 2, lang);
		strbuf_puts(out, "</td>");
		change_cell(out, labels[2], s->since_run, lang);
		change_cell(out, labels[3], s->since_week, lang);
		strbuf_puts(out, "<td class=\"spark wide\"");
		html_label(out, labels[4]);
		strbuf_putc(out, '>');
		line(out, s->scores, d->nruns, SPARK_W, SPARK_H);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n");
}

static void worse(struct strbuf *out, const struct trend_dataset *d, const struct view_style *st)
{
	dqa_lang lang = st->lang;
	if (!d->nworse)
		return;
	strbuf_printf(out, "<h3>%s: %zu %s</h3>\n<ul>\n", msg(lang, M_WORSE_WEEK_CAP), d->nworse,
		      msg(lang, d->nworse == 1 ? M_UNIT_WORD : M_UNITS_WORD));
	for (size_t w = 0; w < d->nworse; w++) {
		const struct trend_series *s = &d->series[d->worse[w]];
		strbuf_puts(out, "<li>");
		unit_name(out, d, s, st);
		strbuf_puts(out, ": <span class=\"down\">");
		put_change(out, s->since_week, lang);
		strbuf_puts(out, "</span> (");
		put_score(out, s->last - s->since_week, 2, lang);
		strbuf_puts(out, " \u2192 ");
		put_score(out, s->last, 2, lang);
		strbuf_puts(out, ")</li>\n");
	}
	strbuf_puts(out, "</ul>\n");
}

static void rule_changes(struct strbuf *out, const struct trend_dataset *d, dqa_lang lang)
{
	if (!d->nrules_changed)
		return;
	strbuf_printf(out, "<p class=\"notice\">%s ", msg(lang, M_RULES_CHANGED_CAP));
	for (size_t r = 0, listed = 0; r < d->nruns; r++) {
		if (!d->rules_changed[r])
			continue;
		if (listed++)
			strbuf_puts(out, list_separator(lang));
		put_date(out, d->runs[r], lang);
	}
	strbuf_printf(out, ": %s.</p>\n", msg(lang, M_RULES_CHANGED_WHY));
}

static void dataset_section(struct strbuf *out, const struct trend_dataset *d,
			    const struct view_style *st)
{
	dqa_lang lang = st->lang;
	strbuf_puts(out, "<section>\n<h2>");
	html_put(out, d->name);
	strbuf_printf(out, "</h2>\n<p class=\"meta\">%zu %s, %s ", d->nruns,
		      msg(lang, d->nruns == 1 ? M_RUN_WORD : M_TREND_RUNS_WORD), msg(lang, M_FROM));
	put_time(out, d->runs[0], lang);
	strbuf_printf(out, " %s ", msg(lang, M_TREND_TO));
	put_time(out, d->runs[d->nruns - 1], lang);
	strbuf_puts(out, "</p>\n");
	cards(out, &d->series[0], lang);
	strbuf_puts(out, "<figure>");
	line(out, d->series[0].scores, d->nruns, BIG_W, BIG_H);
	strbuf_printf(out, "<figcaption>%s</figcaption></figure>\n", msg(lang, M_TREND_SCALE));
	rule_changes(out, d, lang);
	worse(out, d, st);
	unit_table(out, d, st);
	strbuf_puts(out, "</section>\n");
}

void render_trend_html(const struct trend *t, const struct view_style *st, struct strbuf *out)
{
	dqa_lang lang = st->lang;
	const char *title = msg(lang, M_TREND_PAGE);
	html_begin(out, lang, "dqa", title);
	strbuf_puts(out, "<header>\n<h1>");
	html_put(out, title);
	if (t->ndatasets == 1) {
		strbuf_puts(out, ": ");
		html_put(out, t->datasets[0].name);
	}
	strbuf_puts(out, "</h1>\n</header>\n<main>\n");
	for (size_t i = 0; i < t->ndatasets; i++)
		dataset_section(out, &t->datasets[i], st);
	strbuf_printf(out, "</main>\n<footer>%s dqa %s</footer>\n", msg(lang, M_MADE_BY_VIEW),
		      DQA_VERSION);
	html_end(out);
}
