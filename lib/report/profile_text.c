/* The profile for people: a block per column on the terminal, or one
 * Markdown table (for a CI summary or an issue) with the findings below. */
#include <stdio.h>
#include <string.h>

#include "../profile/profile.h"
#include "../profile/summary.h"
#include "escape.h"

/* Values longer than this are cut in the text output. */
enum { SHOWN_BYTES = 40 };

static void put_value(struct strbuf *out, const char *s, size_t len)
{
	char shown[SHOWN_BYTES + 8];
	text_clip(shown, sizeof shown, s, len);
	strbuf_puts(out, shown);
}

static void put_extreme(struct strbuf *out, const struct extreme *e, bool numeric)
{
	if (!e)
		strbuf_puts(out, "-");
	else if (numeric)
		strbuf_printf(out, "%.15g", e->number);
	else
		put_value(out, e->text, e->len);
}

static void put_distinct(struct strbuf *out, const struct column_summary *s)
{
	if (s->distinct_exact)
		strbuf_printf(out, "%llu", (unsigned long long)s->distinct);
	else
		strbuf_printf(out, "~%llu (+-%.1f%%)", (unsigned long long)s->distinct,
			      HLL_STANDARD_ERROR * 100);
}

static void put_type(struct strbuf *out, const struct column_summary *s)
{
	strbuf_puts(out, kind_name(s->type));
	if (s->format)
		strbuf_printf(out, " %s", s->format);
}

static void put_counts(struct strbuf *out, const struct counter_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		strbuf_puts(out, i ? ", " : "");
		put_value(out, e[i].value, e[i].len);
		strbuf_printf(out, " (%llu)", (unsigned long long)e[i].count);
	}
}

static void put_hygiene(struct strbuf *out, const struct column_stats *c)
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
		strbuf_puts(out, "none");
}

static void text_column(struct strbuf *out, const struct column_stats *c,
			const struct column_summary *s)
{
	strbuf_printf(out, "\n%s: ", s->name);
	put_type(out, s);
	strbuf_printf(out, " (%.1f%% of values)\n  empty %llu, distinct ", s->type_share * 100,
		      (unsigned long long)s->empty);
	put_distinct(out, s);
	strbuf_printf(out, ", length %llu-%llu\n  min ",
		      (unsigned long long)(s->values ? c->min_len : 0),
		      (unsigned long long)c->max_len);
	put_extreme(out, s->min, s->numeric);
	strbuf_puts(out, ", max ");
	put_extreme(out, s->max, s->numeric);
	if (s->has_quantiles) {
		strbuf_puts(out, s->quantiles_exact ? "\n  quantiles" : "\n  quantiles (+-1%)");
		for (size_t q = 0; q < NQUANTILES; q++)
			strbuf_printf(out, " %s %.15g", quantile_names[q], s->quantiles[q]);
	}
	strbuf_puts(out, s->top_exact ? "\n  top: " : "\n  top (approximate): ");
	put_counts(out, s->top, s->ntop > 5 ? 5 : s->ntop);
	strbuf_puts(out, "\n  shapes: ");
	put_counts(out, s->shapes, s->nshapes > 3 ? 3 : s->nshapes);
	strbuf_puts(out, "\n  hygiene: ");
	put_hygiene(out, c);
	strbuf_putc(out, '\n');
}

/* A Markdown table cell: the value escaped by the report's escaper. */
static void md_cell(struct strbuf *out, const char *s, size_t len)
{
	char shown[SHOWN_BYTES + 8];
	text_clip(shown, sizeof shown, s, len);
	strbuf_puts(out, " ");
	md_put(out, shown);
	strbuf_puts(out, " |");
}

static void md_row(struct strbuf *out, const struct column_stats *c,
		   const struct column_summary *s)
{
	struct strbuf cell = STRBUF_INIT;
	strbuf_puts(out, "|");
	md_cell(out, s->name, strlen(s->name));
	put_type(&cell, s);
	md_cell(out, cell.buf, cell.len);
	strbuf_printf(out, " %llu | ", (unsigned long long)s->empty);
	put_distinct(out, s);
	strbuf_puts(out, " |");
	strbuf_reset(&cell);
	put_extreme(&cell, s->min, s->numeric);
	md_cell(out, cell.buf, cell.len);
	strbuf_reset(&cell);
	put_extreme(&cell, s->max, s->numeric);
	md_cell(out, cell.buf, cell.len);
	strbuf_reset(&cell);
	put_hygiene(&cell, c);
	md_cell(out, cell.buf, cell.len);
	strbuf_putc(out, '\n');
	strbuf_release(&cell);
}

void profile_write_text(const struct dqa_profile *p, struct strbuf *out, bool markdown)
{
	if (markdown)
		strbuf_printf(out, "# Profile\n\n%llu rows, %zu columns\n\n"
				   "| column | type | empty | distinct | min | max | hygiene |\n"
				   "|---|---|---:|---:|---|---|---|\n",
			      (unsigned long long)p->total.rows, p->ncols);
	else
		strbuf_printf(out, "%llu rows, %zu columns (blank lines %llu, short rows %llu, "
				   "long rows %llu)\n",
			      (unsigned long long)p->total.rows, p->ncols,
			      (unsigned long long)p->total.blank_rows,
			      (unsigned long long)p->total.short_rows,
			      (unsigned long long)p->total.long_rows);
	for (size_t i = 0; i < p->ncols; i++) {
		struct column_summary s;
		if (column_summarize(&p->total.cols[i], p->header[i], p->now_year, &s) < 0) {
			out->failed = true;
			return;
		}
		if (markdown)
			md_row(out, &p->total.cols[i], &s);
		else
			text_column(out, &p->total.cols[i], &s);
	}
}
