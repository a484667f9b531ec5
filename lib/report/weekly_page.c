/* The weekly warning list as a page in the reports' frame and stylesheet:
 * per dataset, the week's counts as cards and the listed units with their
 * score, status, weeks in a row and reasons, linked to their pages when the
 * view is written into a report folder. */
#include <math.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "history_view.h"
#include "html.h"
#include "messages.h"
#include "report.h"

static void count_card(struct strbuf *out, const char *label, size_t n, const char *cls,
		       dqa_lang lang)
{
	strbuf_printf(out, "<div class=\"card%s\"><small>", cls);
	html_put(out, label);
	strbuf_puts(out, "</small><b>");
	put_count(out, n, lang);
	strbuf_puts(out, "</b></div>\n");
}

static void unit_cell(struct strbuf *out, const struct weekly_list *l,
		      const struct weekly_item *it, const struct view_style *st)
{
	const char *href = st->unit_href ? st->unit_href(st->href_ctx, l->dataset, it->unit) : NULL;
	strbuf_puts(out, "<td>");
	if (href) {
		strbuf_puts(out, "<a href=\"");
		html_put(out, href);
		strbuf_puts(out, "\">");
	}
	struct strbuf title = STRBUF_INIT;
	put_unit_code_name(&title, it->unit, it->name, st->lang);
	html_put(out, title.buf && !title.failed ? title.buf : it->unit);
	strbuf_release(&title);
	strbuf_puts(out, href ? "</a></td>" : "</td>");
}

static void list_table(struct strbuf *out, const struct weekly_list *l,
		       const struct view_style *st)
{
	dqa_lang lang = st->lang;
	if (!l->nitems) {
		strbuf_printf(out, "<p class=\"empty\">%s</p>\n", msg(lang, M_NOTHING_LISTED));
		return;
	}
	const char *labels[] = {msg(lang, M_UNIT), msg(lang, M_SCORE), msg(lang, M_STATUS),
				msg(lang, M_STREAK_TITLE), msg(lang, M_REASONS_TITLE), NULL};
	strbuf_puts(out, "<div class=\"scroll\"><table class=\"stack\">");
	html_head_row(out, labels, "tntnt", false);
	strbuf_puts(out, "<tbody>\n");
	for (size_t k = 0; k < l->nitems; k++) {
		const struct weekly_item *it = &l->items[k];
		strbuf_puts(out, "<tr>");
		unit_cell(out, l, it, st);
		html_score_cell(out, labels[1], it->score, it->missing ? DQA_MISSING : it->status, 2,
				lang);
		strbuf_puts(out, "<td");
		html_label(out, labels[2]);
		strbuf_putc(out, '>');
		html_badge(out, lang, it->status);
		strbuf_printf(out, "</td><td class=\"n\"");
		html_label(out, labels[3]);
		strbuf_printf(out, ">%u</td><td class=\"wide\"", it->streak);
		html_label(out, labels[4]);
		strbuf_putc(out, '>');
		struct strbuf reasons = STRBUF_INIT;
		put_weekly_reasons(&reasons, it, lang);
		html_put(out, reasons.buf ? reasons.buf : "");
		strbuf_release(&reasons);
		strbuf_puts(out, "</td></tr>\n");
	}
	strbuf_puts(out, "</tbody></table></div>\n");
}

static void list_section(struct strbuf *out, const struct weekly_list *l,
			 const dqa_weekly_options *o, const struct view_style *st)
{
	dqa_lang lang = st->lang;
	size_t missing = 0, below = 0, stalled = 0;
	for (size_t k = 0; k < l->nitems; k++) {
		missing += l->items[k].missing;
		below += l->items[k].below;
		stalled += l->items[k].stalled;
	}
	strbuf_puts(out, "<section>\n<h2>");
	html_put(out, l->dataset);
	strbuf_printf(out, "</h2>\n<p class=\"meta\">%zu %s, %s: ", l->nruns,
		      msg(lang, l->nruns == 1 ? M_RUN_WORD : M_TREND_RUNS_WORD), msg(lang, M_TARGET));
	if (o->target < 0) {
		strbuf_puts(out, msg(lang, M_TARGET_STATUS));
	} else {
		strbuf_printf(out, "%s ", msg(lang, M_TARGET_SCORE));
		put_score(out, o->target, 2, lang);
	}
	strbuf_puts(out, "</p>\n<div class=\"cards\">\n");
	count_card(out, msg(lang, M_LISTED_CAP), l->nitems, l->nitems ? " b-warn" : " b-pass", lang);
	count_card(out, msg(lang, M_UNITS), l->nunits, "", lang);
	count_card(out, msg(lang, M_BELOW_TARGET_CAP), below, below ? " b-fail" : "", lang);
	count_card(out, msg(lang, M_MISSING_CAP), missing, missing ? " b-missing" : "", lang);
	count_card(out, msg(lang, M_STALLED_CAP), stalled, stalled ? " b-warn" : "", lang);
	strbuf_puts(out, "</div>\n");
	list_table(out, l, st);
	strbuf_puts(out, "</section>\n");
}

void render_weekly_html(const struct weekly_list *lists, size_t n, const dqa_weekly_options *o,
			const struct view_style *st, struct strbuf *out)
{
	dqa_lang lang = st->lang;
	char label[16] = "";
	if (n)
		dqa_iso_week_format(lists[0].monday, label);
	struct strbuf title = STRBUF_INIT;
	strbuf_printf(&title, "%s %s", msg(lang, M_WEEKLY_TITLE), label);
	html_begin(out, lang, "dqa", title.buf ? title.buf : "");
	strbuf_puts(out, "<header>\n<h1>");
	html_put(out, title.buf ? title.buf : "");
	strbuf_puts(out, "</h1>\n<ul class=\"meta\"><li>");
	if (n) {
		put_day(out, lists[0].monday, lang);
		strbuf_printf(out, " %s ", msg(lang, M_TREND_TO));
		put_day(out, lists[0].monday + 6 * 86400, lang);
	}
	strbuf_printf(out, "</li><li>%s: ", msg(lang, M_DATASETS_COUNT));
	put_count(out, n, lang);
	strbuf_puts(out, "</li></ul>\n</header>\n<main>\n");
	for (size_t i = 0; i < n; i++)
		list_section(out, &lists[i], o, st);
	strbuf_printf(out, "</main>\n<footer>%s dqa %s</footer>\n", msg(lang, M_MADE_BY_VIEW),
		      DQA_VERSION);
	html_end(out);
	strbuf_release(&title);
}
