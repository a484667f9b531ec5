/* The profile as one HTML page, in English or Vietnamese, in the report's
 * page shell, with the words of the message catalogue and through its
 * HTML escaper: a table of the columns, then a
 * section per column with its top values, shapes and hygiene. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../profile/profile.h"
#include "../profile/summary.h"
#include "escape.h"
#include "html.h"
#include "messages.h"
#include "../util/values.h"

/* Data values, escaped, their invalid UTF-8 bytes shown as U+FFFD (an
 * HTML page must be valid UTF-8). */
static void put_value(struct strbuf *out, const char *s, size_t len)
{
	size_t start = 0, i = 0;
	while (i < len) {
		size_t n = utf8_sequence_length((const unsigned char *)s + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		html_putn(out, s + start, i - start);
		strbuf_puts(out, "\xEF\xBF\xBD");
		start = ++i;
	}
	html_putn(out, s + start, len - start);
}

static void cell_text(struct strbuf *out, const char *s, size_t len)
{
	strbuf_puts(out, "<td class=\"v\"><code>");
	put_value(out, s, len);
	strbuf_puts(out, "</code></td>");
}

static void cell_extreme(struct strbuf *out, const struct column_summary *s,
			 const struct extreme *e)
{
	char number[32];
	if (!e) {
		strbuf_puts(out, "<td></td>");
	} else if (s->numeric) {
		snprintf(number, sizeof number, "%.15g", e->number);
		cell_text(out, number, strlen(number));
	} else {
		cell_text(out, e->text, e->len);
	}
}

static void hygiene_list(struct strbuf *out, const struct column_stats *c, dqa_lang lang)
{
	bool any = false;
	for (unsigned h = 0; h < NHYGIENE; h++) {
		if (!c->hygiene[h])
			continue;
		strbuf_printf(out, "%s%s %llu", any ? ", " : "", msg_hygiene(lang, hygiene_name(h)),
			      (unsigned long long)c->hygiene[h]);
		any = true;
	}
	if (!any)
		strbuf_printf(out, "<span class=\"empty\">%s</span>", msg(lang, M_PROFILE_NONE));
}

static void summary_row(struct strbuf *out, const struct column_stats *c,
			const struct column_summary *s, dqa_lang lang)
{
	strbuf_puts(out, "<tr><td><a href=\"#c-");
	html_put(out, s->name);
	strbuf_puts(out, "\">");
	html_put(out, s->name);
	strbuf_printf(out, "</a></td><td>%s", kind_name(s->type));
	if (s->format) {
		strbuf_puts(out, " <code>");
		html_put(out, s->format);
		strbuf_puts(out, "</code>");
	}
	strbuf_printf(out, "</td><td class=\"n\">%llu</td><td class=\"n\">%s%llu</td>",
		      (unsigned long long)s->empty, s->distinct_exact ? "" : "~",
		      (unsigned long long)s->distinct);
	cell_extreme(out, s, s->min);
	cell_extreme(out, s, s->max);
	strbuf_puts(out, "<td>");
	hygiene_list(out, c, lang);
	strbuf_puts(out, "</td></tr>\n");
}

static void counts_table(struct strbuf *out, const char *title, const struct counter_entry *e,
			 size_t n, bool exact, dqa_lang lang)
{
	strbuf_printf(out, "<h3>%s%s%s%s</h3>\n", title, exact ? "" : " (", exact ? "" :
		      msg(lang, M_PROFILE_ESTIMATED), exact ? "" : ")");
	const char *heads[] = {msg(lang, M_PROFILE_VALUE), msg(lang, M_PROFILE_COUNT), NULL};
	strbuf_puts(out, "<table class=\"samples\">");
	html_head_row(out, heads, "tn", false);
	strbuf_puts(out, "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		strbuf_puts(out, "<tr>");
		cell_text(out, e[i].value, e[i].len);
		strbuf_printf(out, "<td class=\"n\">%llu</td></tr>\n", (unsigned long long)e[i].count);
	}
	strbuf_puts(out, "</tbody></table>\n");
}

static void column_section(struct strbuf *out, const struct column_summary *s, dqa_lang lang)
{
	strbuf_puts(out, "<section id=\"c-");
	html_put(out, s->name);
	strbuf_puts(out, "\"><h2>");
	html_put(out, s->name);
	strbuf_puts(out, "</h2>\n");
	counts_table(out, msg(lang, M_PROFILE_TOP), s->top, s->ntop, s->top_exact, lang);
	counts_table(out, msg(lang, M_PROFILE_SHAPES), s->shapes, s->nshapes, s->shapes_exact, lang);
	strbuf_puts(out, "</section>\n");
}

void profile_write_html(const struct dqa_profile *p, dqa_lang lang, struct strbuf *out)
{
	const char *name = p->ninputs ? p->inputs[0] : "";
	html_begin(out, lang, msg(lang, M_PROFILE_TITLE), name);
	strbuf_printf(out, "<header><h1>%s: ", msg(lang, M_PROFILE_TITLE));
	html_put(out, name);
	strbuf_printf(out, "</h1><ul class=\"meta\"><li>%llu %s</li></ul></header>\n<main>\n",
		      (unsigned long long)p->total.rows, msg(lang, M_ROWS_NOUN));
	const char *heads[] = {msg(lang, M_PROFILE_COLUMN), msg(lang, M_PROFILE_TYPE), msg(lang, M_PROFILE_EMPTY),
			       msg(lang, M_PROFILE_DISTINCT), msg(lang, M_PROFILE_MIN), msg(lang, M_PROFILE_MAX),
			       msg(lang, M_PROFILE_HYGIENE), NULL};
	strbuf_puts(out, "<div class=\"scroll\"><table class=\"stack\">");
	html_head_row(out, heads, "ttnnttt", false);
	strbuf_puts(out, "<tbody>\n");
	struct column_summary *all = calloc(p->ncols ? p->ncols : 1, sizeof *all);
	if (!all) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < p->ncols; i++) {
		if (column_summarize(&p->total.cols[i], p->header[i], p->now_year, &all[i]) < 0) {
			out->failed = true;
			free(all);
			return;
		}
		summary_row(out, &p->total.cols[i], &all[i], lang);
	}
	strbuf_puts(out, "</tbody></table></div>\n");
	for (size_t i = 0; i < p->ncols; i++)
		column_section(out, &all[i], lang);
	free(all);
	strbuf_puts(out, "</main>\n");
	html_end(out);
}
