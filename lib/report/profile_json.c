/* The profile as JSON, the contract of dqa(1), PROFILES: written with the
 * report's streaming writer, so numbers and escapes match every other
 * JSON dqa writes. */
#include <math.h>
#include <stdlib.h>

#include "../profile/profile.h"
#include "../profile/summary.h"
#include "json_writer.h"

enum { PROFILE_FORMAT = 1 };

static void write_extreme(struct json_writer *w, const char *key, const struct extreme *e,
			  const struct column_summary *s)
{
	jw_key(w, key);
	if (!e)
		jw_null(w);
	else if (s->numeric && s->type == KIND_INTEGER)
		jw_integer(w, (long long)e->number);
	else if (s->numeric)
		jw_real(w, e->number);
	else
		jw_stringn(w, e->text, e->len);
}

static void write_counts(struct json_writer *w, const char *key, const char *name_key,
			 const struct counter_entry *e, size_t n)
{
	jw_key(w, key);
	jw_begin_array(w);
	for (size_t i = 0; i < n; i++) {
		jw_begin_object(w);
		jw_key(w, name_key);
		jw_stringn(w, e[i].value, e[i].len);
		jw_key(w, "count");
		jw_integer(w, (long long)e[i].count);
		jw_end_object(w);
	}
	jw_end_array(w);
}

/* Counts by name, leaving out zeros. */
static void write_tally(struct json_writer *w, const char *key, const uint64_t *counts, size_t n,
			const char *(*name)(unsigned))
{
	jw_key(w, key);
	jw_begin_object(w);
	for (unsigned i = 0; i < n; i++) {
		if (!counts[i])
			continue;
		jw_key(w, name(i));
		jw_integer(w, (long long)counts[i]);
	}
	jw_end_object(w);
}

static const char *kind_key(unsigned k)
{
	return k == KIND_DECIMAL_COMMA ? "decimal_comma" : kind_name((enum value_kind)k);
}

static const char *format_key(unsigned f)
{
	return time_format(f);
}

static const char *hygiene_key(unsigned h)
{
	return hygiene_name((enum hygiene)h);
}

static void write_quantiles(struct json_writer *w, const struct column_summary *s)
{
	jw_key(w, "quantiles");
	if (!s->has_quantiles) {
		jw_null(w);
		return;
	}
	jw_begin_object(w);
	for (size_t q = 0; q < NQUANTILES; q++) {
		jw_key(w, quantile_names[q]);
		jw_real(w, s->quantiles[q]);
	}
	jw_end_object(w);
	jw_key(w, "quantiles_exact");
	jw_bool(w, s->quantiles_exact);
}

static void write_column(struct json_writer *w, const struct column_stats *c,
			 const struct column_summary *s)
{
	jw_begin_object(w);
	jw_key(w, "name");
	jw_string(w, s->name);
	jw_key(w, "type");
	jw_string(w, kind_name(s->type));
	jw_key(w, "format");
	s->format ? jw_string(w, s->format) : jw_null(w);
	jw_key(w, "type_share");
	jw_real(w, round(s->type_share * 10000) / 10000);
	jw_key(w, "empty");
	jw_integer(w, (long long)s->empty);
	jw_key(w, "distinct");
	jw_integer(w, (long long)s->distinct);
	jw_key(w, "distinct_exact");
	jw_bool(w, s->distinct_exact);
	if (!s->distinct_exact) {
		jw_key(w, "distinct_error");
		jw_real(w, HLL_STANDARD_ERROR);
	}
	write_extreme(w, "min", s->min, s);
	write_extreme(w, "max", s->max, s);
	jw_key(w, "length");
	jw_begin_object(w);
	jw_key(w, "min");
	jw_integer(w, s->values ? (long long)c->min_len : 0);
	jw_key(w, "max");
	jw_integer(w, (long long)c->max_len);
	jw_end_object(w);
	write_quantiles(w, s);
	write_counts(w, "top", "value", s->top, s->ntop);
	jw_key(w, "top_exact");
	jw_bool(w, s->top_exact);
	if (!s->top_exact) {
		jw_key(w, "top_sample_rate");
		jw_real(w, ldexp(1.0, -(int)s->top_sample_level));
	}
	write_counts(w, "shapes", "shape", s->shapes, s->nshapes);
	jw_key(w, "shapes_exact");
	jw_bool(w, s->shapes_exact);
	write_tally(w, "kinds", c->kinds, NKINDS, kind_key);
	write_tally(w, "time_formats", c->formats, NTIME_FORMATS, format_key);
	write_tally(w, "hygiene", c->hygiene, NHYGIENE, hygiene_key);
	jw_end_object(w);
}

static void write_units(struct json_writer *w, const struct dqa_profile *p)
{
	size_t n;
	struct unit_ref *units = profile_units_sorted(p, &n);
	jw_key(w, "unit_column");
	jw_string(w, p->header[p->unit_col]);
	jw_key(w, "units");
	jw_begin_array(w);
	for (size_t i = 0; i < n; i++) {
		size_t u = units[i].index;
		uint64_t rows = p->total.unit_rows[u];
		jw_begin_object(w);
		jw_key(w, "unit");
		jw_stringn(w, units[i].name, units[i].len);
		jw_key(w, "rows");
		jw_integer(w, (long long)rows);
		jw_key(w, "empty_share");
		jw_begin_object(w);
		for (size_t c = 0; c < p->ncols; c++) {
			jw_key(w, p->header[c]);
			double share = (double)p->total.unit_empty[u * p->ncols + c] / (double)rows;
			jw_real(w, round(share * 10000) / 10000);
		}
		jw_end_object(w);
		jw_end_object(w);
	}
	jw_end_array(w);
	free(units);
}

void profile_write_json(const struct dqa_profile *p, struct strbuf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_begin_object(&w);
	jw_key(&w, "format");
	jw_integer(&w, PROFILE_FORMAT);
	jw_key(&w, "dqa_version");
	jw_string(&w, DQA_VERSION);
	jw_key(&w, "inputs");
	jw_begin_array(&w);
	for (size_t i = 0; i < p->ninputs; i++)
		jw_string(&w, p->inputs[i]);
	jw_end_array(&w);
	jw_key(&w, "encoding");
	jw_string(&w, p->encoding ? p->encoding : "utf-8");
	jw_key(&w, "rows");
	jw_integer(&w, (long long)p->total.rows);
	jw_key(&w, "blank_rows");
	jw_integer(&w, (long long)p->total.blank_rows);
	jw_key(&w, "short_rows");
	jw_integer(&w, (long long)p->total.short_rows);
	jw_key(&w, "long_rows");
	jw_integer(&w, (long long)p->total.long_rows);
	jw_key(&w, "columns");
	jw_begin_array(&w);
	for (size_t i = 0; i < p->ncols; i++) {
		struct column_summary s;
		if (column_summarize(&p->total.cols[i], p->header[i], p->now_year, &s) < 0) {
			out->failed = true;
			break;
		}
		write_column(&w, &p->total.cols[i], &s);
	}
	jw_end_array(&w);
	if (p->unit_col >= 0)
		write_units(&w, p);
	jw_end_object(&w);
	strbuf_putc(out, '\n');
}
