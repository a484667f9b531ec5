/* Rendering the views lib/history computes (trend.h, weekly.h): the trend
 * of scores over runs and the weekly warning list, in every format of
 * dqa_view_format. Text, Markdown and HTML are in the language asked for;
 * CSV and JSON are machine formats and keep their English codes. */
#ifndef DQA_REPORT_HISTORY_VIEW_H
#define DQA_REPORT_HISTORY_VIEW_H

#include "../dqa.h"
#include "../history/trend.h"
#include "../history/weekly.h"
#include "../util/strbuf.h"

/* Where a unit's page is, for HTML views written into a report folder:
 * the link (relative to the view's page) or NULL when there is none. */
typedef const char *view_unit_href(const void *ctx, const char *dataset, const char *unit);

struct view_style {
	dqa_view_format format;
	dqa_lang lang;
	bool color;               /* text: ANSI colours */
	unsigned width;           /* trend: sparkline of the last N runs */
	view_unit_href *unit_href;   /* NULL: no links */
	const void *href_ctx;
};

/* Text, CSV, JSON and Markdown (trend_render.c, weekly_render.c); nothing
 * for DQA_VIEW_HTML, the pages being render_*_html (trend_page.c,
 * weekly_page.c), which use the pieces below: history_pages.c picks. */
void render_trend(const struct trend *t, const struct view_style *st, struct strbuf *out);
void render_trend_html(const struct trend *t, const struct view_style *st, struct strbuf *out);
void render_weekly(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
		   const struct view_style *st, struct strbuf *out);
void render_weekly_html(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
			const struct view_style *st, struct strbuf *out);

/* The sparkline of the last width values (NaN: a space), block characters
 * on the scale of the SVG lines (spark_range). */
void put_text_sparkline(struct strbuf *out, const double *values, size_t n, size_t width);

/* A series as people read it: "(dataset)" in the page's language, or the
 * unit's code and name (put_unit_code_name). */
void put_series_title(struct strbuf *out, const struct trend_series *s, dqa_lang lang);

/* A weekly item's reasons for people: "below target; stalled: same data in
 * 5 runs" (English for the CSV, whatever the page's language). */
void put_weekly_reasons(struct strbuf *out, const struct weekly_item *it, dqa_lang lang);

#endif
