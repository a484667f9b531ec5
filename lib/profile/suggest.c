/* dqa suggest: reads a profile's summaries and writes the checks they
 * support, most specific first, each with its reason. Thresholds here are
 * the assumptions the comments state. */
#include "suggest.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keys.h"
#include "summary.h"
#include "../rules/yaml_write.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include "../util/values.h"

/* The assumptions, in one place. */
#define ENUM_MAX_VALUES 20           /* an enum lists at most this many values */
#define ENUM_MIN_SHARE 0.01          /* a value rarer than this is an outlier */
#define KEY_MIN_SHARE 0.98           /* distinct/values of a key with duplicates */
#define KEY_MAX_EMPTY 0.01           /* share of rows a key may leave empty */
#define UNIT_MIN_DISTINCT 10         /* a unit column has tens to thousands of units */
#define UNIT_MAX_DISTINCT 5000
#define UNIT_MIN_MATCH 0.8           /* share of its values in the reference */
#define NOT_NULL_MIN_FILLED 0.9      /* not_null with min_ratio down to this */
#define RANGE_MARGIN 0.1             /* of the p1-p99 span, on each side */
#define CLEAN_MAX_SHARE 0.01         /* trimmed and nfc where at most this fails */
#define FRESH_DAYS_MARGIN 1
#define FRESH_SHARE 0.9              /* of dates at most max_age old */

struct suggest {
	const struct dqa_profile *p;
	struct column_summary *cols;
	struct strbuf *out;
	const struct unit_ref_list *refs;
	size_t nrefs;
	int unit_col;
	size_t unit_ref;                 /* index into refs, or nrefs */
	size_t unit_matched;             /* distinct codes in the reference */
	uint64_t unit_rows_matched;      /* rows whose code is in it */
	struct composite_key composite;  /* when no column alone is the key */
};

static void put_name(struct strbuf *out, const char *name)
{
	yaml_put_scalar(out, name, strlen(name));
}

/* A comment line: "  # " and the text, cut at 120 bytes. */
static void comment(struct suggest *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void comment(struct suggest *g, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* A comment holds data values: line breaks and invalid UTF-8 (which a
	 * YAML file may not hold) become spaces and '?'. */
	size_t len = strlen(line), brk;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence_length((const unsigned char *)line + i, len - i);
		if (yaml_line_break(line + i, len - i, &brk))
			memset(line + i, ' ', brk);
		else if (n == 0 || line[i] == '\n' || line[i] == '\r')
			line[i] = n ? ' ' : '?';
		i += n ? n : 1;
	}
	strbuf_printf(g->out, "  # %s\n", line);
}

static double floor_ratio(double share)
{
	return floor(share * 1000) / 1000;
}

static void put_min_ratio(struct strbuf *out, double share)
{
	if (share < 1)
		strbuf_printf(out, ", min_ratio: %.3f", floor_ratio(share));
}

static bool pii(const struct column_summary *s)
{
	return s->type == KIND_CITIZEN_ID || s->type == KIND_PHONE || s->type == KIND_TAX_CODE;
}

/* --- dataset -------------------------------------------------------------- */

/* Distinct values of c in the reference; *rows gets the rows holding them. */
static size_t ref_matches(const struct unit_ref_list *ref, const struct column_stats *c,
			  uint64_t *rows)
{
	size_t n, hits = 0;
	*rows = 0;
	struct counter_entry *all = counter_entries(&c->counts, &n);
	for (size_t i = 0; all && i < n; i++) {
		if (!strset_get(ref->values, all[i].value, all[i].len, NULL))
			continue;
		hits++;
		*rows += all[i].count;
	}
	free(all);
	return hits;
}

/* The unit column: a code column with tens to thousands of distinct values,
 * most of them in a reference list; else, without a match, none. */
static void find_unit(struct suggest *g)
{
	g->unit_col = -1;
	g->unit_ref = g->nrefs;
	for (size_t i = 0; i < g->p->ncols && g->unit_col < 0; i++) {
		const struct column_summary *s = &g->cols[i];
		if (s->type != KIND_CODE || !s->distinct_exact || s->distinct < UNIT_MIN_DISTINCT ||
		    s->distinct > UNIT_MAX_DISTINCT)
			continue;
		for (size_t r = 0; r < g->nrefs; r++) {
			uint64_t rows;
			size_t hits = ref_matches(&g->refs[r], &g->p->total.cols[i], &rows);
			if ((double)hits >= UNIT_MIN_MATCH * (double)s->distinct) {
				g->unit_col = (int)i;
				g->unit_ref = r;
				g->unit_matched = hits;
				g->unit_rows_matched = rows;
				break;
			}
		}
	}
}

/* A key: the first identifier-like column, rarely empty, whose values are
 * all distinct (or nearly: then its duplicates are the outliers). */
static int find_key(const struct suggest *g)
{
	for (size_t i = 0; i < g->p->ncols; i++) {
		const struct column_summary *s = &g->cols[i];
		bool id_like = s->type == KIND_CITIZEN_ID || s->type == KIND_TAX_CODE ||
			       s->type == KIND_CODE || s->type == KIND_INTEGER;
		if (id_like && (double)s->empty <= KEY_MAX_EMPTY * (double)(s->values + s->empty) &&
		    s->values > 1 && (int)i != g->unit_col &&
		    (double)s->distinct >= KEY_MIN_SHARE * (double)s->values)
			return (int)i;
	}
	return -1;
}

/* The composite key's columns as a flow list: "[a, b]". */
static void put_composite(struct suggest *g)
{
	strbuf_putc(g->out, '[');
	for (size_t i = 0; i < g->composite.n; i++) {
		if (i)
			strbuf_puts(g->out, ", ");
		put_name(g->out, g->cols[g->composite.cols[i]].name);
	}
	strbuf_putc(g->out, ']');
}

static void write_dataset(struct suggest *g, int key)
{
	struct strbuf *out = g->out;
	const char *input = g->p->ninputs ? g->p->inputs[0] : "data";
	const char *base = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
	size_t len = strcspn(base, ".");
	strbuf_puts(out, "version: 1\ndataset:\n  name: ");
	yaml_put_scalar(out, base, len ? len : strlen(base));
	strbuf_putc(out, '\n');
	if (g->p->encoding)
		strbuf_printf(out, "  encoding: %s\n", g->p->encoding);
	if (g->unit_col >= 0) {
		const struct column_summary *u = &g->cols[g->unit_col];
		strbuf_printf(out, "  # %llu distinct codes, %zu of them in %s\n",
			      (unsigned long long)u->distinct, g->unit_matched,
			      g->refs[g->unit_ref].spec);
		strbuf_puts(out, "  unit: ");
		put_name(out, u->name);
		strbuf_puts(out, "\n  expected_units: ");
		put_name(out, g->refs[g->unit_ref].spec);
		strbuf_putc(out, '\n');
	}
	if (key >= 0) {
		strbuf_puts(out, "  key: [");
		put_name(out, g->cols[key].name);
		strbuf_puts(out, "]\n");
	} else if (g->composite.n) {
		strbuf_puts(out, "  key: ");
		put_composite(g);
		strbuf_putc(out, '\n');
	}
}

static void write_columns(struct suggest *g)
{
	strbuf_puts(g->out, "columns:\n");
	for (size_t i = 0; i < g->p->ncols; i++) {
		const struct column_summary *s = &g->cols[i];
		const char *type = s->type == KIND_INTEGER ? "integer"
				   : s->type == KIND_NUMBER ? "number"
				   : s->type == KIND_DATE || s->type == KIND_DATETIME ? "date"
				   : "string";
		strbuf_puts(g->out, "  ");
		put_name(g->out, s->name);
		strbuf_printf(g->out, ": {type: %s", type);
		if (s->format && strcmp(type, "date") == 0)
			strbuf_printf(g->out, ", format: \"%s\"", s->format);
		if (pii(s))
			strbuf_puts(g->out, ", pii: true");
		strbuf_puts(g->out, "}\n");
	}
}

/* --- correct -------------------------------------------------------------- */

static const char *const identifier_checks[NKINDS] = {
	[KIND_CITIZEN_ID] = "vn_citizen_id", [KIND_TAX_CODE] = "vn_tax_code",
	[KIND_PHONE] = "vn_phone", [KIND_EMAIL] = "email", [KIND_URL] = "url",
};

/* "column: NAME", allow_empty when some are empty, and min_ratio for
 * `passing` values: allow_empty skips empty values but evaluates those of
 * only spaces, which fail every value check but trimmed's. */
static void put_column_params(struct suggest *g, const struct column_summary *s,
			      double passing)
{
	strbuf_puts(g->out, "{column: ");
	put_name(g->out, s->name);
	if (s->empty)
		strbuf_puts(g->out, ", allow_empty: true");
	put_min_ratio(g->out, s->evaluated ? passing / (double)s->evaluated : 1.0);
}

/* Whether a value of the table reads as the column's type (a date in its
 * format). */
static bool reads_as_type(const struct suggest *g, const struct column_summary *s,
			  const struct counter_entry *e)
{
	char *v = strndup(e->value, e->len);
	struct value_class vc;
	if (!v)
		return true;
	classify_value(v, e->len, g->p->now_year, &vc);
	free(v);
	if (s->type == KIND_DATE || s->type == KIND_DATETIME)
		for (size_t f = 0; f < NTIME_FORMATS; f++)
			if (time_format(f) == s->format)
				return vc.formats >> f & 1;
	return vc.kinds >> s->type & 1;
}

/* The values that do not read as the type, most frequent first, into
 * named (up to about 200 bytes), from the exact table. */
static void name_type_outliers(const struct suggest *g, const struct column_summary *s,
			       const struct column_stats *c, struct strbuf *named)
{
	size_t n;
	struct counter_entry *all = counter_exact(&c->counts) ? counter_sorted(&c->counts, &n)
							       : NULL;
	for (size_t i = 0; all && i < n && named->len < 200; i++) {
		if (reads_as_type(g, s, &all[i]))
			continue;
		strbuf_puts(named, named->len ? ", " : "");
		yaml_put_scalar(named, all[i].value, all[i].len);
		strbuf_printf(named, " (%llu)", (unsigned long long)all[i].count);
	}
	free(all);
}

static void type_reason(struct suggest *g, const struct column_summary *s,
			const struct column_stats *c, const char *what)
{
	uint64_t failing = s->values - (uint64_t)llround(s->type_share * (double)s->values);
	if (failing == 0) {
		comment(g, "%s: all %llu non-empty values are %s", s->name,
			(unsigned long long)s->values, what);
		return;
	}
	struct strbuf named = STRBUF_INIT;
	name_type_outliers(g, s, c, &named);
	comment(g, "%s: %.1f%% of %llu non-empty values are %s; %llu outliers are not%s%s",
		s->name, 100 * s->type_share, (unsigned long long)s->values, what,
		(unsigned long long)failing, named.len ? ": " : "", named.len ? named.buf : "");
	strbuf_release(&named);
}

static void write_type(struct suggest *g, const struct column_summary *s,
		       const struct column_stats *c)
{
	const char *check = s->type < NKINDS ? identifier_checks[s->type] : NULL;
	if (check) {
		type_reason(g, s, c, kind_name(s->type));
		strbuf_printf(g->out, "  - %s: ", check);
		put_column_params(g, s, s->type_share * (double)s->values);
		if (s->type == KIND_TAX_CODE)
			strbuf_puts(g->out, ", allow_personal_id: true");
		strbuf_puts(g->out, "}\n");
	} else if (s->type == KIND_INTEGER || s->type == KIND_NUMBER || s->type == KIND_DATE ||
		   s->type == KIND_DATETIME) {
		char what[64];
		snprintf(what, sizeof what, "%s%s%s", kind_name(s->type),
			 s->format && s->type != KIND_NUMBER ? " in " : "",
			 s->format && s->type != KIND_NUMBER ? s->format : "");
		type_reason(g, s, c, what);
		strbuf_puts(g->out, "  - type: ");
		put_column_params(g, s, s->type_share * (double)s->values);
		strbuf_puts(g->out, "}\n");
	} else if (s->type == KIND_DECIMAL_COMMA) {
		type_reason(g, s, c, "numbers with a decimal comma");
		strbuf_puts(g->out, "  - regex: ");
		put_column_params(g, s, s->type_share * (double)s->values);
		strbuf_puts(g->out, ", pattern: '^[+-]?[0-9]+(,[0-9]+)?$'}\n");
	}
}

/* An enum: few values, each seen often; the rare ones are the outliers. */
static void write_enum(struct suggest *g, const struct column_summary *s)
{
	if ((s->type != KIND_TEXT && s->type != KIND_CODE && s->type != KIND_BOOLEAN) ||
	    !s->distinct_exact || s->distinct > ENUM_MAX_VALUES || s->distinct < 2 ||
	    s->values < 5 * s->distinct || (int)(s - g->cols) == g->unit_col)
		return;
	/* The listed values: frequent ones, valid UTF-8 (a rule file holds no
	 * other), most frequent first; the rest are outliers. */
	struct counter_entry listed[TOP_VALUES], rare_values[TOP_VALUES];
	size_t n = 0, nrare = 0;
	uint64_t kept = 0;
	for (size_t i = 0; i < s->ntop; i++) {
		bool frequent = (double)s->top[i].count >= ENUM_MIN_SHARE * (double)s->values;
		if (frequent && utf8_valid_prefix(s->top[i].value, s->top[i].len) == s->top[i].len) {
			listed[n++] = s->top[i];
			kept += s->top[i].count;
		} else {
			rare_values[nrare++] = s->top[i];
		}
	}
	if (n == 0)
		return;
	struct strbuf rare = STRBUF_INIT;
	for (size_t i = 0; i < nrare; i++) {
		strbuf_puts(&rare, i ? ", " : "");
		yaml_put_scalar(&rare, rare_values[i].value, rare_values[i].len);
		strbuf_printf(&rare, " (%llu)", (unsigned long long)rare_values[i].count);
	}
	comment(g, "%s: %zu values cover %.1f%% of %llu%s%s", s->name, n,
		100.0 * (double)kept / (double)s->values, (unsigned long long)s->values,
		rare.len ? "; outliers: " : "", rare.len ? rare.buf : "");
	strbuf_release(&rare);
	strbuf_puts(g->out, "  - enum: ");
	put_column_params(g, s, (double)kept);
	strbuf_puts(g->out, ", values: [");
	for (size_t i = 0; i < n; i++) {
		strbuf_puts(g->out, i ? ", " : "");
		yaml_put_scalar(g->out, listed[i].value, listed[i].len);
	}
	strbuf_puts(g->out, "]}\n");
}

/* A range from p1 to p99 widened by a margin: values beyond it are the
 * outliers (counted from the exact table), or, past the exact bound, the
 * observed min and max widened. */
static void write_range(struct suggest *g, const struct column_summary *s,
			const struct column_stats *c)
{
	if (s->type != KIND_INTEGER && s->type != KIND_NUMBER)
		return;
	if (!s->has_quantiles || !s->min)
		return;
	double lo = s->quantiles[0], hi = s->quantiles[NQUANTILES - 1], span = hi - lo;
	double min = lo - RANGE_MARGIN * span, max = hi + RANGE_MARGIN * span;
	if (lo >= 0 && min < 0)
		min = 0;
	min = floor(min);
	max = ceil(max);
	if (!s->quantiles_exact) {
		min = fmin(min, s->min->number);
		max = fmax(max, s->max->number);
	}
	uint64_t outside = 0;
	struct strbuf named = STRBUF_INIT;
	size_t n;
	struct counter_entry *all = s->quantiles_exact ? counter_sorted(&c->counts, &n) : NULL;
	for (size_t i = 0; all && i < n; i++) {
		char *v = strndup(all[i].value, all[i].len);
		struct value_class vc;
		if (v)
			classify_value(v, all[i].len, g->p->now_year, &vc);
		free(v);
		if (!v || !(vc.kinds & 1u << KIND_NUMBER) || (vc.number >= min && vc.number <= max))
			continue;
		outside += all[i].count;
		if (named.len < 200)
			strbuf_printf(&named, "%s%.*s (%llu)", named.len ? ", " : "", (int)all[i].len,
				      all[i].value, (unsigned long long)all[i].count);
	}
	free(all);
	comment(g, "%s: p1 %.15g, p99 %.15g, widened by %.0f%% of the span%s%s", s->name, lo, hi,
		100 * RANGE_MARGIN, outside ? "; outliers: " : "", outside ? named.buf : "");
	strbuf_release(&named);
	strbuf_puts(g->out, "  - range: ");
	/* Values that are no number (a decimal comma included) fail the range too. */
	put_column_params(g, s, (double)(c->kinds[KIND_NUMBER] - outside));
	strbuf_printf(g->out, ", min: %.15g, max: %.15g}\n", min, max);
}

/* --- the sections ------------------------------------------------------- */

static void write_correct(struct suggest *g)
{
	strbuf_puts(g->out, "correct:\n");
	for (size_t i = 0; i < g->p->ncols; i++) {
		write_type(g, &g->cols[i], &g->p->total.cols[i]);
		write_enum(g, &g->cols[i]);
		write_range(g, &g->cols[i], &g->p->total.cols[i]);
	}
}

static void write_sufficient(struct suggest *g)
{
	strbuf_puts(g->out, "sufficient:\n");
	uint64_t rows = g->p->total.rows;
	bool any = false;
	for (size_t i = 0; i < g->p->ncols; i++)
		any |= g->cols[i].empty == 0;
	if (any) {
		comment(g, "never empty in %llu rows", (unsigned long long)rows);
		strbuf_puts(g->out, "  - not_null: {columns: [");
		for (size_t i = 0, n = 0; i < g->p->ncols; i++) {
			if (g->cols[i].empty)
				continue;
			strbuf_puts(g->out, n++ ? ", " : "");
			put_name(g->out, g->cols[i].name);
		}
		strbuf_puts(g->out, "]}\n");
	}
	for (size_t i = 0; i < g->p->ncols; i++) {
		const struct column_summary *s = &g->cols[i];
		double filled = rows ? (double)s->values / (double)rows : 0;
		if (!s->empty || filled < NOT_NULL_MIN_FILLED)
			continue;
		comment(g, "%s: filled in %.1f%% of rows", s->name, 100 * filled);
		strbuf_puts(g->out, "  - not_null: {column: ");
		put_name(g->out, s->name);
		put_min_ratio(g->out, filled);
		strbuf_puts(g->out, "}\n");
	}
}

static void write_key(struct suggest *g, int key)
{
	const struct column_summary *s = &g->cols[key];
	/* An estimate past the exact bound may exceed the values. */
	uint64_t dup_rows = s->values > s->distinct ? s->values - s->distinct : 0;
	if (!dup_rows) {
		comment(g, "%s: %llu distinct values in %llu rows%s", s->name,
			(unsigned long long)s->distinct, (unsigned long long)s->values,
			s->distinct_exact ? "" : " (estimated)");
	} else if (pii(s)) {
		comment(g, "%s: %llu distinct values in %llu rows; %llu rows repeat an earlier value "
			"(pii: not shown)", s->name, (unsigned long long)s->distinct,
			(unsigned long long)s->values, (unsigned long long)dup_rows);
	} else {
		struct strbuf named = STRBUF_INIT;
		for (size_t i = 0; i < s->ntop && s->top[i].count > 1; i++)
			strbuf_printf(&named, "%s%.*s (%llu)", i ? ", " : "", (int)s->top[i].len,
				      s->top[i].value, (unsigned long long)s->top[i].count);
		comment(g, "%s: %llu distinct values in %llu rows; duplicated: %s", s->name,
			(unsigned long long)s->distinct, (unsigned long long)s->values,
			named.buf ? named.buf : "");
		strbuf_release(&named);
	}
	strbuf_puts(g->out, "  - unique: {columns: [");
	put_name(g->out, s->name);
	strbuf_puts(g->out, s->empty ? "], allow_empty: true" : "]");
	put_min_ratio(g->out, 1.0 - (double)dup_rows / (double)s->values);
	strbuf_puts(g->out, "}\n");
}

/* trimmed or nfc on the text columns where at most CLEAN_MAX_SHARE fail. */
static void write_clean_kind(struct suggest *g, const char *kind, enum hygiene h1,
			     enum hygiene h2, bool text_only)
{
	for (size_t i = 0; i < g->p->ncols; i++) {
		const struct column_summary *s = &g->cols[i];
		const struct column_stats *c = &g->p->total.cols[i];
		if ((s->type != KIND_TEXT && s->type != KIND_CODE) || !s->values)
			continue;
		if (text_only && s->type != KIND_TEXT)
			continue;
		uint64_t bad = c->hygiene[h1] + (h2 != h1 ? c->hygiene[h2] : 0);
		if ((double)bad > CLEAN_MAX_SHARE * (double)s->values)
			continue;
		if (bad)
			comment(g, "%s: %llu of %llu values fail %s", s->name, (unsigned long long)bad,
				(unsigned long long)s->values, kind);
		strbuf_printf(g->out, "  - %s: ", kind);
		put_column_params(g, s, (double)(s->evaluated - bad));
		strbuf_puts(g->out, "}\n");
	}
}

/* unique on the composite key, with what it rests on. */
static void write_composite(struct suggest *g)
{
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; i < g->composite.n; i++)
		strbuf_printf(&names, "%s%s", i ? ", " : "", g->cols[g->composite.cols[i]].name);
	comment(g, "no column alone is a key; (%s) is unique together in all %llu rows",
		names.buf ? names.buf : "", (unsigned long long)g->p->total.rows);
	comment(g, "the smallest such set of at most %d never-empty columns (%zu sets tried%s)",
		KEY_MAX_COLUMNS, g->composite.tried,
		g->composite.bounded ? ", some given up at the memory bound" : "");
	comment(g, "assumed to identify a row: check that it does by design, not by chance");
	strbuf_release(&names);
	strbuf_puts(g->out, "  - unique: {columns: ");
	put_composite(g);
	strbuf_puts(g->out, "}\n");
}

static void write_clean(struct suggest *g, int key)
{
	strbuf_puts(g->out, "clean:\n");
	if (key >= 0)
		write_key(g, key);
	else if (g->composite.n)
		write_composite(g);
	comment(g, "text columns where at most %.0f%% of values are untrimmed or out of NFC",
		100 * CLEAN_MAX_SHARE);
	write_clean_kind(g, "trimmed", HYG_UNTRIMMED, HYG_UNTRIMMED, false);
	/* clean.nfc fails invalid UTF-8 too. */
	write_clean_kind(g, "nfc", HYG_NON_NFC, HYG_INVALID_UTF8, true);
}

/* fresh on the date column with the newest value: max_age is the age of
 * its tenth percentile, so 90% of its dates pass; values in another format
 * fail, so min_ratio is lower by their share. */
static void write_alive(struct suggest *g)
{
	int best = -1;
	for (size_t i = 0; i < g->p->ncols; i++) {
		const struct column_summary *s = &g->cols[i];
		if (s->has_time_p10 && s->max &&
		    (best < 0 || s->max->time > g->cols[best].max->time))
			best = (int)i;
	}
	if (best < 0)
		return;
	const struct column_summary *s = &g->cols[best];
	int64_t days = (g->p->now - s->time_p10 + 86399) / 86400 + FRESH_DAYS_MARGIN;
	if (days < 1)
		days = 1;
	strbuf_puts(g->out, "alive:\n");
	comment(g, "%s: the newest date column; %.0f%% of its dates are at most %lld days old",
		s->name, 100 * FRESH_SHARE, (long long)days);
	strbuf_puts(g->out, "  - fresh: ");
	put_column_params(g, s, (FRESH_SHARE - (1 - s->type_share)) * (double)s->values);
	strbuf_printf(g->out, ", max_age: %lldd}\n", (long long)days);
}

static void write_unified(struct suggest *g)
{
	if (g->unit_col < 0)
		return;
	const struct column_summary *u = &g->cols[g->unit_col];
	strbuf_puts(g->out, "unified:\n");
	comment(g, "%s: %zu of %llu codes are in the reference, in %llu of %llu rows", u->name,
		g->unit_matched, (unsigned long long)u->distinct,
		(unsigned long long)g->unit_rows_matched, (unsigned long long)u->values);
	strbuf_puts(g->out, "  - in_ref: ");
	put_column_params(g, u, (double)g->unit_rows_matched);
	strbuf_puts(g->out, ", ref: ");
	put_name(g->out, g->refs[g->unit_ref].spec);
	strbuf_puts(g->out, "}\n");
}

int suggest_write(const struct dqa_profile *p, const struct unit_ref_list *refs, size_t nrefs,
		  struct strbuf *out, dqa_error *err)
{
	struct suggest g = {.p = p, .out = out, .refs = refs, .nrefs = nrefs};
	g.cols = calloc(p->ncols ? p->ncols : 1, sizeof *g.cols);
	RETURN_IF_NOMEM(g.cols, err);
	for (size_t i = 0; i < p->ncols; i++)
		if (column_summarize(&p->total.cols[i], p->header[i], p->now_year, &g.cols[i]) < 0) {
			free(g.cols);
			return error_nomem(err);
		}
	find_unit(&g);
	int key = find_key(&g);
	int rc = composite_key_find(p, g.cols, key, &g.composite, err);
	if (rc < 0) {
		free(g.cols);
		return rc;
	}
	strbuf_printf(out, "# Suggested by dqa suggest from %llu rows: review before use.\n"
			   "# Each check says what it rests on; min_ratio lets the profiled data\n"
			   "# pass, the outliers named beside it.\n",
		      (unsigned long long)p->total.rows);
	write_dataset(&g, key);
	write_columns(&g);
	write_correct(&g);
	write_sufficient(&g);
	write_clean(&g, key);
	write_alive(&g);
	write_unified(&g);
	free(g.cols);
	return out->failed ? error_nomem(err) : 0;
}
