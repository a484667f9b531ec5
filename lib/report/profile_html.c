/* The profile as one HTML page, in English or Vietnamese, in the report's
 * page shell and through its HTML escaper: a table of the columns, then a
 * section per column with its top values, shapes and hygiene. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../profile/profile.h"
#include "../profile/summary.h"
#include "escape.h"
#include "html.h"
#include "../util/values.h"

/* The page's labels, [en, vi]. */
enum label {
	L_TITLE, L_ROWS, L_COLUMN, L_TYPE, L_EMPTY, L_DISTINCT, L_MIN, L_MAX, L_HYGIENE,
	L_TOP, L_SHAPES, L_VALUE, L_COUNT, L_NONE, L_ESTIMATED, NLABELS
};

static const char *const labels[NLABELS][2] = {
	[L_TITLE] = {"Profile", "Hồ sơ dữ liệu"},
	[L_ROWS] = {"rows", "dòng"},
	[L_COLUMN] = {"Column", "Cột"},
	[L_TYPE] = {"Type", "Kiểu"},
	[L_EMPTY] = {"Empty", "Trống"},
	[L_DISTINCT] = {"Distinct", "Khác nhau"},
	[L_MIN] = {"Min", "Nhỏ nhất"},
	[L_MAX] = {"Max", "Lớn nhất"},
	[L_HYGIENE] = {"Hygiene", "Vệ sinh dữ liệu"},
	[L_TOP] = {"Top values", "Giá trị thường gặp"},
	[L_SHAPES] = {"Shapes", "Dạng giá trị"},
	[L_VALUE] = {"Value", "Giá trị"},
	[L_COUNT] = {"Count", "Số lần"},
	[L_NONE] = {"none", "không có"},
	[L_ESTIMATED] = {"estimated", "ước lượng"},
};

static const char *label(enum label l, dqa_lang lang)
{
	return labels[l][lang == DQA_LANG_VI];
}

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
		strbuf_printf(out, "%s%s %llu", any ? ", " : "", hygiene_name(h),
			      (unsigned long long)c->hygiene[h]);
		any = true;
	}
	if (!any)
		strbuf_printf(out, "<span class=\"empty\">%s</span>", label(L_NONE, lang));
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
		      label(L_ESTIMATED, lang), exact ? "" : ")");
	const char *heads[] = {label(L_VALUE, lang), label(L_COUNT, lang), NULL};
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
	counts_table(out, label(L_TOP, lang), s->top, s->ntop, s->top_exact, lang);
	counts_table(out, label(L_SHAPES, lang), s->shapes, s->nshapes, s->shapes_exact, lang);
	strbuf_puts(out, "</section>\n");
}

void profile_write_html(const struct dqa_profile *p, dqa_lang lang, struct strbuf *out)
{
	const char *name = p->ninputs ? p->inputs[0] : "";
	html_begin(out, lang, label(L_TITLE, lang), name);
	strbuf_printf(out, "<header><h1>%s: ", label(L_TITLE, lang));
	html_put(out, name);
	strbuf_printf(out, "</h1><ul class=\"meta\"><li>%llu %s</li></ul></header>\n<main>\n",
		      (unsigned long long)p->total.rows, label(L_ROWS, lang));
	const char *heads[] = {label(L_COLUMN, lang), label(L_TYPE, lang), label(L_EMPTY, lang),
			       label(L_DISTINCT, lang), label(L_MIN, lang), label(L_MAX, lang),
			       label(L_HYGIENE, lang), NULL};
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
