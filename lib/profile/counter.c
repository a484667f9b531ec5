/* Exact counts up to a bound, then a sample of occurrences whose rate
 * halves while it holds too many distinct values (the distinct sampling of
 * Gibbons, VLDB 2001, drawn per occurrence so that frequent values stay).
 * Each occurrence has a fixed level, the leading zero bits of a hash of its
 * value and position, so whether it is in the sample at a rate never
 * depends on which worker saw it: a worker's table at a level is a subset
 * of the whole data's, its level at most the whole data's, and a merge
 * raises the level to the one a single worker would have reached. */
#include "counter.h"

#include <stdlib.h>
#include <string.h>

void counter_init(struct counter *c, size_t cap)
{
	*c = (struct counter){.set = STRSET_INIT, .own = {.set = STRSET_INIT}, .cap = cap};
}

uint64_t counter_position(uint32_t input, uint64_t line)
{
	return hash_mix((uint64_t)input << 48 ^ line);
}

/* Occurrences of entry i in the sample at the counter's level. */
static uint64_t sampled(const struct counter *c, size_t i)
{
	uint64_t n = 0;
	for (unsigned l = c->level; l <= c->levels[i].top; l++)
		n += c->levels[i].at[l];
	return n;
}

/* Makes room for n entries in a levels array of *cap. Returns 0 or -1 out
 * of memory. */
static int levels_room(struct counter_levels **levels, size_t *cap, size_t n)
{
	if (n <= *cap)
		return 0;
	struct counter_levels *grown = realloc(*levels, n * sizeof *grown);
	if (!grown)
		return -1;
	*levels = grown;
	*cap = n;
	return 0;
}

/* One level up: the entries left with no occurrence in the sample go. The
 * kept ones fill the spare table, which then swaps with the counter's. */
static int raise_level(struct counter *c)
{
	unsigned level = c->level + 1;
	struct counter_spare *spare = c->shared ? c->shared : &c->own;
	if (levels_room(&spare->levels, &spare->levels_cap, c->levels_cap) < 0)
		return -1;
	strset_clear(&spare->set);
	if (strset_reserve(&spare->set, c->cap + 1) < 0)
		return -1;
	size_t pos = 0, len;
	const char *key;
	uint64_t hash, index;
	/* Taking the entries leaves the old table empty for the next raise. */
	while (strset_take_hashed(&c->set, &pos, &key, &len, &hash, &index)) {
		struct counter_levels *from = &c->levels[index];
		if (from->top < level)
			continue;
		/* Its occurrences below the old level are zero already. */
		from->at[c->level] = 0;
		uint64_t next = spare->set.count;
		if (strset_put_hashed(&spare->set, hash, key, len, &next) < 0)
			return -1;
		spare->levels[next] = *from;
	}
	struct counter_spare old = {c->set, c->levels, c->levels_cap};
	c->set = spare->set;
	c->levels = spare->levels;
	c->levels_cap = spare->levels_cap;
	*spare = old;
	c->level = level;
	c->last_len = 0;   /* its index was into the old table */
	return 0;
}

/* Raises the level while the table is over its limit. */
int counter_add_level(struct counter *c, const char *s, size_t len, uint64_t hash, unsigned l,
		      uint32_t n)
{
	if (l < c->level)
		return 0;
	if (hash == c->last_hash && counter_is_last(c, s, len)) {
		counter_levels_add(&c->levels[c->last_index], l, n);
		return 0;
	}
	/* A table that reaches an eighth of its bound grows to the bound at
	 * once, not through every size between. */
	if (c->set.count == c->cap / 8 &&
	    (strset_reserve(&c->set, c->cap + 1) < 0 ||
	     levels_room(&c->levels, &c->levels_cap, c->cap + 1) < 0))
		return -1;
	uint64_t index = c->set.count;
	int added = strset_put_hashed(&c->set, hash, s, len, &index);
	if (added < 0)
		return -1;
	/* A value of 0 bytes is never remembered: last_len 0 means none. */
	c->last_len = len <= COUNTER_LAST_MAX ? (uint8_t)len : 0;
	if (c->last_len) {
		c->last_hash = hash;
		c->last_index = (size_t)index;
		memcpy(c->last, s, len);
	}
	if (added) {
		if (index >= c->levels_cap &&
		    levels_room(&c->levels, &c->levels_cap,
				c->levels_cap ? 2 * c->levels_cap : 64) < 0)
			return -1;
		c->levels[index] = (struct counter_levels){0};
	}
	counter_levels_add(&c->levels[index], l, n);
	while (c->set.count > c->cap && c->level + 1 < COUNTER_LEVELS)
		if (raise_level(c) < 0)
			return -1;
	return 0;
}

int counter_add_levels(struct counter *c, const char *s, size_t len, uint64_t hash,
		       const struct counter_levels *e)
{
	for (unsigned l = 0; l <= e->top; l++)
		if (e->at[l] && counter_add_level(c, s, len, hash, l, e->at[l]) < 0)
			return -1;
	return 0;
}

int counter_merge(struct counter *into, const struct counter *from)
{
	while (into->level < from->level)
		if (raise_level(into) < 0)
			return -1;
	size_t pos = 0, len;
	const char *key;
	uint64_t hash, index;
	/* An entry's levels below from's are zero (raise_level). */
	while (strset_next_hashed(&from->set, &pos, &key, &len, &hash, &index))
		if (counter_add_levels(into, key, len, hash, &from->levels[index]) < 0)
			return -1;
	return 0;
}

struct counter_entry *counter_entries(const struct counter *c, size_t *n)
{
	*n = 0;
	struct counter_entry *all = c->set.count ? malloc(c->set.count * sizeof *all) : NULL;
	if (!all)
		return NULL;
	size_t pos = 0;
	uint64_t index;
	while (strset_next(&c->set, &pos, &all[*n].value, &all[*n].len, &index))
		all[(*n)++].count = sampled(c, index) << c->level;
	return all;
}

static int entry_order(const void *a, const void *b)
{
	const struct counter_entry *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->value, y->value, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

struct counter_entry *counter_sorted(const struct counter *c, size_t *n)
{
	struct counter_entry *all = counter_entries(c, n);
	if (all)
		qsort(all, *n, sizeof *all, entry_order);
	return all;
}

/* Keeps the k first entries in entry_order in out (sorted, *n of them)
 * without sorting the table: most entries lose to the k-th at once. */
static void keep_best(struct counter_entry *out, size_t *n, size_t k,
		      const struct counter_entry *e)
{
	if (*n == k && entry_order(e, &out[k - 1]) >= 0)
		return;
	size_t i = *n < k ? (*n)++ : k - 1;
	for (; i > 0 && entry_order(e, &out[i - 1]) < 0; i--)
		out[i] = out[i - 1];
	out[i] = *e;
}

size_t counter_top(const struct counter *c, struct counter_entry *out, size_t k)
{
	size_t kept = 0, pos = 0;
	uint64_t index;
	struct counter_entry e;
	while (k && strset_next(&c->set, &pos, &e.value, &e.len, &index)) {
		uint64_t in_sample = sampled(c, index);
		if (c->level > 0 && in_sample < COUNTER_MIN_SAMPLED)
			continue;
		e.count = in_sample << c->level;
		keep_best(out, &kept, k, &e);
	}
	return kept;
}

void counter_release(struct counter *c)
{
	strset_release(&c->set);
	free(c->levels);
	counter_spare_release(&c->own);
	counter_init(c, c->cap);
}

void counter_spare_release(struct counter_spare *s)
{
	strset_release(&s->set);
	free(s->levels);
	*s = (struct counter_spare){.set = STRSET_INIT};
}
