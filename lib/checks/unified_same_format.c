/* unified.same_format: a column is written in one format across units. Each
 * value is reduced to its shape (digit -> 9, a run of letters -> a, other
 * characters kept), the dataset's most common shape is the dominant one,
 * and each unit scores the share of its values in that shape. Dataset scope:
 * the counts per (unit, shape) are merged and judged after the scan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "per_unit.h"
#include "../state/codec.h"

/* Longest shape kept; longer ones end in "..." (so huge values group). */
enum { SHAPE_MAX = 40, SHAPE_CAP = SHAPE_MAX + 4 };

struct format_state {
	struct strset counts;     /* unit index (8 bytes) + shape -> rows */
	bool failed;              /* out of memory while observing */
};

/* Writes the shape of s into out (SHAPE_CAP bytes); returns its length. */
static size_t shape_of(const char *s, size_t len, char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < SHAPE_MAX; i++) {
		unsigned char ch = (unsigned char)s[i];
		char c = ch;
		if (ch >= '0' && ch <= '9')
			c = '9';
		else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')
			c = 'a';
		else if (ch >= 0x80)
			c = 'a';          /* any non-ASCII character counts as a letter */
		if (c == 'a' && n && out[n - 1] == 'a')
			continue;
		out[n++] = c;
		if (n == SHAPE_MAX && i + 1 < len) {
			memcpy(out + n, "...", 3);
			n += 3;
		}
	}
	return n;
}

static int format_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	b->state = calloc(1, sizeof(struct format_state));
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

static void format_observe(struct bound_check *b, const struct plan_row *row)
{
	struct format_state *s = b->state;
	int col = b->cols[0];
	if (b->def->allow_empty && !row->lens[col])
		return;
	char key[sizeof(uint64_t) + SHAPE_CAP];
	uint64_t unit = row->unit;
	memcpy(key, &unit, sizeof unit);
	size_t n = shape_of(row->fields[col], row->lens[col], key + sizeof unit);
	uint64_t *count = strset_upsert(&s->counts, key, sizeof unit + n);
	if (count)
		(*count)++;
	else
		s->failed = true;
}

static int format_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct format_state *s = into->state;
	const struct format_state *more = from->state;
	s->failed |= more->failed;
	const char *key;
	size_t len, pos = 0;
	uint64_t rows;
	while (strset_next(&more->counts, &pos, &key, &len, &rows)) {
		uint64_t *count = strset_upsert(&s->counts, key, len);
		RETURN_IF_NOMEM(count, err);
		*count += rows;
	}
	return 0;
}

/* Every (unit, shape) with its rows. */
static void format_save(const struct bound_check *b, struct strbuf *out)
{
	const struct format_state *s = b->state;
	state_put_bool(out, s->failed);
	state_put_u64(out, s->counts.count);
	const char *key;
	size_t len, pos = 0;
	uint64_t rows, unit;
	while (strset_next(&s->counts, &pos, &key, &len, &rows)) {
		memcpy(&unit, key, sizeof unit);
		state_put_u64(out, unit);
		state_put_bytes(out, key + sizeof unit, len - sizeof unit);
		state_put_u64(out, rows);
	}
}

static int format_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	struct format_state *s = b->state;
	s->failed = state_get_bool(in);
	size_t n = state_get_count(in, 3);
	for (size_t i = 0; i < n && !in->bad; i++) {
		uint64_t unit = state_get_unit(in, units, nunits);
		size_t len;
		const unsigned char *shape = state_get_bytes(in, &len);
		uint64_t rows = state_get_u64(in);
		in->bad |= len > SHAPE_CAP;
		if (in->bad)
			break;
		char key[sizeof unit + SHAPE_CAP];
		memcpy(key, &unit, sizeof unit);
		memcpy(key + sizeof unit, shape, len);
		uint64_t *count = strset_upsert(&s->counts, key, sizeof unit + len);
		RETURN_IF_NOMEM(count, err);
		*count += rows;
	}
	return 0;
}

/* Per unit: rows judged, and its most common shape other than the dominant. */
struct unit_shapes {
	uint64_t rows, other_rows;
	const char *other;
	size_t other_len;
};

/* Is shape a (count ca) a better pick than b? More rows, ties by bytes. */
static bool better(uint64_t ca, const char *a, size_t la, uint64_t cb, const char *b, size_t lb)
{
	if (ca != cb)
		return ca > cb;
	int c = memcmp(a, b, la < lb ? la : lb);
	return c ? c < 0 : la < lb;
}

/* The dataset's dominant shape, the most rows over all units, copied into
 * dom (SHAPE_CAP bytes). Returns its length, or -1 when out of memory. */
static long find_dominant(const struct strset *counts, char *dom)
{
	struct strset totals = STRSET_INIT;
	const char *key;
	size_t len, pos = 0;
	uint64_t rows, best = 0;
	long dom_len = 0;
	while (strset_next(counts, &pos, &key, &len, &rows)) {
		uint64_t *total = strset_upsert(&totals, key + sizeof(uint64_t),
						len - sizeof(uint64_t));
		if (!total) {
			strset_release(&totals);
			return -1;
		}
		*total += rows;
	}
	pos = 0;
	while (strset_next(&totals, &pos, &key, &len, &rows)) {
		if (best && !better(rows, key, len, best, dom, (size_t)dom_len))
			continue;
		best = rows;
		memcpy(dom, key, len);
		dom_len = (long)len;
	}
	strset_release(&totals);
	return dom_len;
}

/* Gathers each unit's row count and most common non-dominant shape. */
static int gather_units(const struct strset *counts, const char *dom, size_t dom_len,
			struct per_unit *units)
{
	const char *key;
	size_t len, pos = 0;
	uint64_t rows, unit;
	while (strset_next(counts, &pos, &key, &len, &rows)) {
		memcpy(&unit, key, sizeof unit);
		struct unit_shapes *u = per_unit_at(units, (size_t)unit);
		if (!u)
			return -1;
		u->rows += rows;
		const char *shape = key + sizeof unit;
		size_t shape_len = len - sizeof unit;
		bool dominant = shape_len == dom_len && memcmp(shape, dom, dom_len) == 0;
		if (dominant || (u->other && !better(rows, shape, shape_len, u->other_rows,
						       u->other, u->other_len)))
			continue;
		*u = (struct unit_shapes){u->rows, rows, shape, shape_len};
	}
	return 0;
}

static int format_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct format_state *s = b->state;
	char dom[SHAPE_CAP];
	long dom_len = s->failed ? -1 : find_dominant(&s->counts, dom);
	struct per_unit units = PER_UNIT_INIT(struct unit_shapes);
	if (dom_len < 0 || gather_units(&s->counts, dom, (size_t)dom_len, &units) < 0) {
		per_unit_release(&units);
		return error_nomem(err);
	}
	int rc = 0;
	for (size_t u = 0; u < plan->nunits && rc == 0; u++) {
		const struct unit_shapes *us = per_unit_get(&units, u);
		if (!plan->unit_rows[u] || !us || !us->rows)
			continue;
		struct tally *t = plan_tally(plan, u, b->index);
		t->evaluated = us->rows;
		t->failed = us->rows;
		char key[sizeof(uint64_t) + SHAPE_CAP];
		uint64_t unit = u, agree;
		memcpy(key, &unit, sizeof unit);
		memcpy(key + sizeof unit, dom, (size_t)dom_len);
		if (strset_get(&s->counts, key, sizeof unit + (size_t)dom_len, &agree))
			t->failed -= agree;
		if (!t->failed)
			continue;
		char note[160];
		snprintf(note, sizeof note, "'%.*s' in %llu of %llu rows; the dominant shape is '%.*s'",
			 (int)us->other_len, us->other, (unsigned long long)us->other_rows,
			 (unsigned long long)us->rows, (int)dom_len, dom);
		if (!(t->note = arena_strdup(plan->out, note)))
			rc = error_nomem(err);
	}
	per_unit_release(&units);
	return rc;
}

static void format_unbind(struct bound_check *b)
{
	struct format_state *s = b->state;
	strset_release(&s->counts);
	free(s);
}

const struct check_ops check_same_format = {
	.kind = "same_format", .scope = SCOPE_DATASET, .shape = SHAPE_COLUMN,
	.bind = format_bind, .observe = format_observe, .merge = format_merge,
	.save = format_save, .load = format_load,
	.dataset = format_dataset, .unbind = format_unbind,
};
