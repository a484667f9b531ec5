/* One column's statistics: column_add runs once per field on the hot path,
 * so it classifies a value once and feeds every statistic from that. */
#include "column.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../checks/value_tests.h"
#include "../util/utf8_valid.h"
#include "../util/values.h"
#include "value_hash.h"

/* The kinds whose values have a number. */
#define NUMBER_KINDS (1u << KIND_NUMBER | 1u << KIND_DECIMAL_COMMA)

static const char *const hygiene_names[NHYGIENE] = {
	"whitespace_only", "untrimmed", "leading_space", "trailing_space", "double_space", "control_chars", "invalid_utf8",
	"non_nfc", "legacy_encoding", "placeholder",
};

const char *hygiene_name(enum hygiene h)
{
	return hygiene_names[h];
}

void column_init(struct column_stats *c, struct counter_spare *spare)
{
	/* Extremes with no text yet hold keys every value passes (may_pass). */
	*c = (struct column_stats){.min_len = UINT64_MAX, .memo = STRSET_INIT,
				   .num_min.number = HUGE_VAL, .num_max.number = -HUGE_VAL,
				   .time_min.time = INT64_MAX, .time_max.time = INT64_MIN,
				   .text_min.prefix = UINT64_MAX};
	counter_init(&c->counts, EXACT_DISTINCT);
	counter_init(&c->shapes, SHAPES_KEPT);
	c->counts.shared = spare;
}

static uint64_t text_prefix(const char *s, size_t len)
{
	uint64_t p;
	if (len >= 8)
		memcpy(&p, s, 8);
	else
		p = tail_bytes((const unsigned char *)s, len);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	p = __builtin_bswap64(p);
#endif
	return p;
}

static int keep(struct extreme *e, const char *s, size_t len, uint64_t prefix, double number,
		int64_t time)
{
	if (len + 1 > e->cap) {
		size_t cap = len + 1 > 2 * e->cap ? len + 1 : 2 * e->cap;
		char *text = realloc(e->text, cap);
		if (!text)
			return -1;
		e->text = text;
		e->cap = cap;
	}
	memcpy(e->text, s, len);
	e->text[len] = '\0';
	e->len = len;
	e->prefix = prefix;
	e->number = number;
	e->time = time;
	return 0;
}

static int text_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	/* Most values differ from the kept extreme in their first byte. */
	if (alen && blen && a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : (alen > blen) - (alen < blen);
}

/* Extremes compare by number, time or bytes, and equal keys by bytes, so
 * that the kept text never depends on the order values arrived in. */
enum extreme_key { BY_TEXT, BY_NUMBER, BY_TIME };

static int extreme_cmp(enum extreme_key key, const struct extreme *a, const struct extreme *b)
{
	if (key == BY_NUMBER && a->number != b->number)
		return a->number < b->number ? -1 : 1;
	if (key == BY_TIME && a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return text_cmp(a->text, a->len, b->text, b->len);
}

/* Makes *e the lower (sign -1) or higher (sign 1) of itself and v; e with
 * no text yet takes v. */
static int update(struct extreme *e, const struct extreme *v, enum extreme_key key, int sign)
{
	if (!v->text || (e->text && extreme_cmp(key, v, e) * sign <= 0))
		return 0;
	return keep(e, v->text, v->len, v->prefix, v->number, v->time);
}

/* Whether v may replace e as the lower (sign -1) or higher (sign 1) by
 * key: the cheap test before update, which decides. An e with no text
 * yet holds a key every v passes (column_init). */
static bool may_pass(const struct extreme *e, const struct extreme *v, enum extreme_key key,
		     int sign)
{
	if (key == BY_NUMBER)
		return sign < 0 ? !(v->number > e->number) : !(v->number < e->number);
	if (key == BY_TIME)
		return sign < 0 ? v->time <= e->time : v->time >= e->time;
	return sign < 0 ? v->prefix <= e->prefix : v->prefix >= e->prefix;
}

static int update_if(struct extreme *e, const struct extreme *v, enum extreme_key key, int sign)
{
	return may_pass(e, v, key, sign) ? update(e, v, key, sign) : 0;
}

static int add_extremes(struct column_stats *c, const struct value_class *vc, const char *s,
			size_t len)
{
	struct extreme v = {.text = (char *)s, .len = len, .prefix = text_prefix(s, len),
			    .number = vc->number, .time = vc->time};
	int rc = update_if(&c->text_min, &v, BY_TEXT, -1) | update_if(&c->text_max, &v, BY_TEXT, 1);
	if (vc->kinds & NUMBER_KINDS)
		rc |= update_if(&c->num_min, &v, BY_NUMBER, -1) |
		      update_if(&c->num_max, &v, BY_NUMBER, 1);
	if (vc->formats)
		rc |= update_if(&c->time_min, &v, BY_TIME, -1) | update_if(&c->time_max, &v, BY_TIME, 1);
	return rc ? -1 : 0;
}

/* An end value_trimmed refuses. */
static bool edge_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The findings about spaces and control characters of a value that holds
 * one or the other (classes): untrimmed at an edge value_trimmed refuses or
 * with two spaces in a row, which only a value with a space can hold. */
static uint32_t spacing_of(const char *s, size_t len, uint32_t classes)
{
	bool pair = (classes & BC_SPACE) && value_double_space(s, len);
	bool edges = edge_space(s[0]) || edge_space(s[len - 1]);
	return (uint32_t)(edges || pair) << HYG_UNTRIMMED |
	       (uint32_t)(s[0] == ' ' || s[0] == '\t') << HYG_LEADING_SPACE |
	       (uint32_t)(s[len - 1] == ' ' || s[len - 1] == '\t') << HYG_TRAILING_SPACE |
	       (uint32_t)pair << HYG_DOUBLE_SPACE | (uint32_t)!!(classes & BC_CONTROL) << HYG_CONTROL;
}

/* The hygiene findings of a value, a bit per enum hygiene; classes are its
 * byte_classes, valid whether it is valid UTF-8, spacing its spacing
 * findings (spacing_of). */
static uint32_t hygiene_of(const char *s, size_t len, uint32_t classes, bool valid,
			   uint32_t spacing, struct text_buf *tb)
{
	uint32_t bits = spacing;
	if (placeholder_default_may_start((unsigned char)s[0]) &&
	    (len < 2 || placeholder_default_may_follow((unsigned char)s[1])))
		bits |= (uint32_t)placeholder_default(s, len, tb) << HYG_PLACEHOLDER;
	if (!(classes & BC_HIGH))
		return bits;
	if (!valid)
		return bits | 1u << HYG_INVALID_UTF8;
	/* Only text with a combining mark (U+0300-U+036F: lead bytes CC, CD)
	 * can be Vietnamese out of NFC; only text with a character of
	 * U+0080-U+00FF (C2, C3) can carry a TCVN3 or VNI sign. */
	if (classes & BC_COMBINING) {
		size_t nfc_len;
		const char *nfc = text_normalize(tb, s, len, UTF8PROC_COMPOSE | UTF8PROC_STABLE,
						 &nfc_len);
		bits |= (uint32_t)(nfc && (nfc_len != len || memcmp(nfc, s, len) != 0)) << HYG_NON_NFC;
	}
	if (classes & BC_LATIN1)
		bits |= (uint32_t)legacy_encoding_suspect(s, len) << HYG_LEGACY_ENCODING;
	return bits;
}

/* Everything a value adds besides its count, computed once. */
static void value_facts(struct column_stats *c, const char *s, size_t len, int64_t now_year,
			struct text_buf *tb, struct value_facts *f)
{
	/* value_bytes_templated in its two halves: a value of the template has
	 * its spacing findings too, which only the bytes it keeps decide. */
	struct shape_template *t = &c->template;
	bool templated = shape_template_has(t, s, len), valid = true;
	if (templated)
		f->bytes = t->bytes;
	else
		valid = value_bytes_retemplated(t, s, len, &f->bytes) || utf8_valid(s, len);
	uint32_t classes = f->bytes.classes, spacing = c->template_spacing;
	classify_classed(s, len, classes, now_year, &f->vc);
	if (!templated) {
		/* Without a space or a control character (tabs and line ends
		 * are) a value is trimmed. */
		spacing = classes & (BC_SPACE | BC_CONTROL) ? spacing_of(s, len, classes) : 0;
		if (len == t->len && !(classes & BC_HIGH))   /* it became the template */
			c->template_spacing = spacing;
	}
	f->hygiene = hygiene_of(s, len, classes, valid, spacing, tb);
	if (!valid)
		f->bytes.chars = (uint32_t)utf8_length(s, len);
}

/* A memo no longer asked: its repeats folded now, on the worker's thread,
 * and its memory freed. Returns 0 or -1 out of memory. */
static int drop_memo(struct column_stats *c)
{
	if (column_fold(c) < 0)
		return -1;
	strset_release(&c->memo);
	free(c->memo_facts);
	free(c->memo_repeats);
	c->memo_facts = NULL;
	c->memo_repeats = NULL;
	c->repeats_zeroed = 0;
	return 0;
}

/* The facts of a value seen before by this worker, else computed (and
 * remembered while the memo has room); *seen tells which. NULL out of
 * memory. */
static const struct value_facts *facts_for(struct column_stats *c, const char *s, size_t len,
					   uint64_t hash, int64_t now_year, struct text_buf *tb,
					   struct value_facts *scratch, bool *seen)
{
	uint64_t index;
	if ((*seen = !c->memo_off && strset_get_hashed(&c->memo, hash, s, len, &index))) {
		c->memo_hits++;
		return &c->memo_facts[index];
	}
	/* One call: value_facts is inlined here. */
	value_facts(c, s, len, now_year, tb, scratch);
	if (c->memo_off)
		return scratch;
	if (c->memo.count >= MEMO_VALUES) {
		/* A full memo that seldom finds a value costs more than it saves. */
		if (++c->memo_misses == MEMO_TRIAL) {
			c->memo_off = c->memo_hits < MEMO_TRIAL;
			c->memo_hits = c->memo_misses = 0;
			if (c->memo_off && drop_memo(c) < 0)
				return NULL;
		}
		return scratch;
	}
	if (!c->memo_facts && !(c->memo_facts = malloc(MEMO_VALUES * sizeof *c->memo_facts)))
		return NULL;
	index = c->memo.count;
	if (strset_put_hashed(&c->memo, hash, s, len, &index) < 0)
		return NULL;
	c->memo_facts[index] = *scratch;
	return scratch;
}

/* counts[i] += n for every bit i set in bits. */
static void count_bits(uint64_t *counts, uint32_t bits, uint64_t n)
{
	for (; bits; bits &= bits - 1)
		counts[__builtin_ctz(bits)] += n;
}

/* What n values of these kinds, formats and findings add to the counts. */
static void count_facts(struct column_stats *c, const struct fact_run *r)
{
	count_bits(c->kinds, r->kinds, r->n);
	count_bits(c->formats, r->formats, r->n);
	count_bits(c->hygiene, r->hygiene, r->n);
	bool number = r->kinds & NUMBER_KINDS;
	c->number_placeholders += (r->hygiene >> HYG_PLACEHOLDER & 1) && number ? r->n : 0;
	c->times += r->formats ? r->n : 0;
	c->numbers += number ? r->n : 0;
}

/* What n occurrences of a value add to the column's counts and quantiles. */
static int add_counts(struct column_stats *c, const struct value_facts *f, uint64_t n)
{
	count_facts(c, &(struct fact_run){f->vc.kinds, f->vc.formats, f->hygiene, n});
	return f->vc.kinds & NUMBER_KINDS ? ddsketch_add(&c->quantiles, f->vc.number, n) : 0;
}

static void flush_run(struct column_stats *c)
{
	if (c->run.n)
		count_facts(c, &c->run);
	c->run.n = 0;
}

/* add_counts of a first occurrence: most have the kinds, formats and
 * findings of the one before (a column of one type), so a run of them is
 * counted at once when it ends, or when the column folds. */
static int add_first(struct column_stats *c, const struct value_facts *f)
{
	struct fact_run *r = &c->run;
	if (r->kinds != f->vc.kinds || r->formats != f->vc.formats || r->hygiene != f->hygiene) {
		flush_run(c);
		*r = (struct fact_run){f->vc.kinds, f->vc.formats, f->hygiene, 0};
	}
	r->n++;
	return f->vc.kinds & NUMBER_KINDS ? ddsketch_add(&c->quantiles, f->vc.number, 1) : 0;
}

/* Another occurrence of a memo entry's value: its kinds, length, extremes
 * and HyperLogLog register are those of its first (column_fold adds the
 * counts); only its sample levels in the two counters depend on where it
 * is. */
static int add_repeat(struct column_stats *c, const struct value_facts *f, uint64_t hash,
		      uint64_t position)
{
	if (!c->memo_repeats && !(c->memo_repeats = malloc(MEMO_VALUES * sizeof *c->memo_repeats)))
		return -1;
	size_t i = (size_t)(f - c->memo_facts);
	if (i >= c->repeats_zeroed) {
		/* Zeroed up to the entry asked for: a column of few values writes
		 * (and faults in) a page, not the whole array. */
		memset(c->memo_repeats + c->repeats_zeroed, 0,
		       (i + 1 - c->repeats_zeroed) * sizeof *c->memo_repeats);
		c->repeats_zeroed = i + 1;
	}
	struct memo_repeats *r = &c->memo_repeats[i];
	if (!r->shape_hash)
		r->shape_hash = value_hash(f->bytes.shape, f->bytes.shape_len);
	counter_levels_add(&r->value, counter_level_of(hash, position), 1);
	counter_levels_add(&r->shape, counter_level_of(r->shape_hash, position), 1);
	return 0;
}

/* Counts one field; position is its counter_position. Returns 0 or -1 out
 * of memory. Inlined into columns_add's loop: one call per row. */
static int column_add(struct column_stats *c, const char *s, size_t len, uint64_t position,
		      int64_t now_year, struct text_buf *tb)
{
	/* Most values start with a byte past the space: not blank. */
	if ((len == 0 || (unsigned char)s[0] <= ' ') && value_blank(s, len)) {
		c->empty++;
		c->hygiene[HYG_WHITESPACE_ONLY] += len > 0;
		c->hygiene[HYG_UNTRIMMED] += len > 0;
		return 0;
	}
	c->values++;
	uint64_t hash = value_hash(s, len);
	struct value_facts scratch;
	bool seen;
	const struct value_facts *f = facts_for(c, s, len, hash, now_year, tb, &scratch, &seen);
	if (!f)
		return -1;
	if (seen)
		return add_repeat(c, f, hash, position);
	if (add_first(c, f) < 0)
		return -1;
	c->min_len = f->bytes.chars < c->min_len ? f->bytes.chars : c->min_len;
	c->max_len = f->bytes.chars > c->max_len ? f->bytes.chars : c->max_len;
	if (add_extremes(c, &f->vc, s, len) < 0 || hll_add(&c->distinct, hash) < 0 ||
	    counter_add_text(&c->shapes, f->bytes.shape, f->bytes.shape_len, position) < 0)
		return -1;
	return counter_add(&c->counts, s, len, hash, position);
}

int columns_add(struct column_stats *cols, size_t ncols, const char *const *fields,
		const size_t *lens, size_t n, uint64_t position, int64_t now_year,
		struct text_buf *tb)
{
	size_t given = n < ncols ? n : ncols, i = 0;
	for (; i < given; i++)
		if (column_add(&cols[i], fields[i], lens[i], position, now_year, tb) < 0)
			return -1;
	/* A short row's missing fields are empty. */
	for (; i < ncols; i++)
		cols[i].empty++;
	return 0;
}

int column_fold(struct column_stats *c)
{
	flush_run(c);
	size_t pos = 0, len;
	const char *value;
	uint64_t hash, i;
	while (c->memo_repeats && strset_next_hashed(&c->memo, &pos, &value, &len, &hash, &i)) {
		struct memo_repeats *r = &c->memo_repeats[i];
		if (i >= c->repeats_zeroed || !r->shape_hash)
			continue;
		const struct value_facts *f = &c->memo_facts[i];
		uint64_t n = 0;
		for (unsigned l = 0; l <= r->value.top; l++)
			n += r->value.at[l];
		if (add_counts(c, f, n) < 0 ||
		    counter_add_levels(&c->counts, value, len, hash, &r->value) < 0 ||
		    counter_add_levels(&c->shapes, f->bytes.shape, f->bytes.shape_len, r->shape_hash,
				       &r->shape) < 0)
			return -1;
		*r = (struct memo_repeats){0};
	}
	return 0;
}

static int merge_extremes(struct column_stats *into, const struct column_stats *from)
{
	int rc = update(&into->text_min, &from->text_min, BY_TEXT, -1) |
		 update(&into->text_max, &from->text_max, BY_TEXT, 1) |
		 update(&into->num_min, &from->num_min, BY_NUMBER, -1) |
		 update(&into->num_max, &from->num_max, BY_NUMBER, 1) |
		 update(&into->time_min, &from->time_min, BY_TIME, -1) |
		 update(&into->time_max, &from->time_max, BY_TIME, 1);
	return rc ? -1 : 0;
}

int column_merge(struct column_stats *into, struct column_stats *from)
{
	if (column_fold(into) < 0 || column_fold(from) < 0 || merge_extremes(into, from) < 0)
		return -1;
	into->values += from->values;
	into->empty += from->empty;
	into->numbers += from->numbers;
	into->times += from->times;
	into->number_placeholders += from->number_placeholders;
	for (unsigned k = 0; k < NKINDS; k++)
		into->kinds[k] += from->kinds[k];
	for (unsigned f = 0; f < NTIME_FORMATS; f++)
		into->formats[f] += from->formats[f];
	for (unsigned h = 0; h < NHYGIENE; h++)
		into->hygiene[h] += from->hygiene[h];
	into->min_len = from->min_len < into->min_len ? from->min_len : into->min_len;
	into->max_len = from->max_len > into->max_len ? from->max_len : into->max_len;
	if (counter_merge(&into->counts, &from->counts) < 0 ||
	    counter_merge(&into->shapes, &from->shapes) < 0 ||
	    hll_merge(&into->distinct, &from->distinct) < 0 ||
	    ddsketch_merge(&into->quantiles, &from->quantiles) < 0)
		return -1;
	return 0;
}

int column_finish(struct column_stats *c)
{
	if (column_fold(c) < 0)
		return -1;
	const char *format;
	double share;
	enum value_kind type = column_type(c, &format, &share);
	if (type == KIND_INTEGER || type == KIND_NUMBER || type == KIND_DECIMAL_COMMA)
		c->hygiene[HYG_PLACEHOLDER] -= c->number_placeholders;
	return 0;
}

void column_release(struct column_stats *c)
{
	struct extreme *all[] = {&c->num_min, &c->num_max, &c->time_min, &c->time_max,
				 &c->text_min, &c->text_max};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		free(all[i]->text);
	struct counter_spare *spare = c->counts.shared;
	counter_release(&c->counts);
	counter_release(&c->shapes);
	strset_release(&c->memo);
	free(c->memo_facts);
	free(c->memo_repeats);
	hll_release(&c->distinct);
	ddsketch_release(&c->quantiles);
	column_init(c, spare);
}

/* The format most values parse with, among those of the type's kind;
 * *share gets the share of values it parses. */
static const char *main_format(const struct column_stats *c, bool with_time, double *share)
{
	size_t best = NTIME_FORMATS;
	for (size_t f = 0; f < NTIME_FORMATS; f++)
		if (time_format_has_time(f) == with_time &&
		    (best == NTIME_FORMATS || c->formats[f] > c->formats[best]))
			best = f;
	*share = (double)c->formats[best] / (double)c->values;
	return time_format(best);
}

enum value_kind column_type(const struct column_stats *c, const char **format, double *share)
{
	*format = NULL;
	*share = 1.0;
	for (unsigned k = 0; c->values && k < NKINDS; k++) {
		if ((double)c->kinds[k] < TYPE_SHARE * (double)c->values)
			continue;
		*share = (double)c->kinds[k] / (double)c->values;
		if (k == KIND_DATE || k == KIND_DATETIME)
			*format = main_format(c, k == KIND_DATETIME, share);
		else if (k == KIND_NUMBER)
			*format = ".";
		else if (k == KIND_DECIMAL_COMMA)
			*format = ",";
		return (enum value_kind)k;
	}
	return KIND_TEXT;
}
