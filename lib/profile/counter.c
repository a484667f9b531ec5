/* Exact counts up to a bound, then Misra-Gries (Misra and Gries 1982;
 * merged as in Agarwal et al., "Mergeable summaries", 2012): when the
 * table passes cap entries, every count drops by the (cap/2+1)-th largest
 * one and the values left at zero or below go, so at most cap/2 stay. */
#include "counter.h"

#include <stdlib.h>
#include <string.h>

void counter_init(struct counter *c, size_t cap)
{
	*c = (struct counter){.set = STRSET_INIT, .cap = cap};
}

static int by_count_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Misra-Gries: subtracts the (cap/2+1)-th largest count from every count
 * and keeps the values still above zero, in a new table. */
static int reduce(struct counter *c)
{
	size_t n = c->set.count, pos = 0, at = 0;
	uint64_t *counts = malloc(n * sizeof *counts);
	if (!counts)
		return -1;
	const char *key;
	size_t len;
	uint64_t v;
	while (strset_next(&c->set, &pos, &key, &len, &v))
		counts[at++] = v;
	qsort(counts, n, sizeof *counts, by_count_desc);
	uint64_t cut = counts[c->cap / 2];
	free(counts);
	struct strset kept = STRSET_INIT;
	pos = 0;
	while (strset_next(&c->set, &pos, &key, &len, &v)) {
		uint64_t left = v - cut;
		if (v > cut && strset_put(&kept, key, len, &left) < 0) {
			strset_release(&kept);
			return -1;
		}
	}
	strset_release(&c->set);
	c->set = kept;
	c->error += cut;
	c->reduced = true;
	return 0;
}

int counter_add(struct counter *c, const char *s, size_t len, uint64_t n)
{
	uint64_t *count = strset_upsert(&c->set, s, len);
	if (!count)
		return -1;
	*count += n;
	return c->set.count > c->cap ? reduce(c) : 0;
}

int counter_merge(struct counter *into, const struct counter *from)
{
	size_t pos = 0, len;
	const char *key;
	uint64_t v;
	while (strset_next(&from->set, &pos, &key, &len, &v))
		if (counter_add(into, key, len, v) < 0)
			return -1;
	into->error += from->error;
	into->reduced |= from->reduced;
	return 0;
}

struct counter_entry *counter_entries(const struct counter *c, size_t *n)
{
	*n = 0;
	struct counter_entry *all = c->set.count ? malloc(c->set.count * sizeof *all) : NULL;
	if (!all)
		return NULL;
	size_t pos = 0;
	while (strset_next(&c->set, &pos, &all[*n].value, &all[*n].len, &all[*n].count))
		(*n)++;
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

size_t counter_top(const struct counter *c, struct counter_entry *out, size_t k)
{
	size_t n;
	struct counter_entry *all = counter_entries(c, &n);
	if (!all)
		return 0;
	qsort(all, n, sizeof *all, entry_order);
	n = n < k ? n : k;
	memcpy(out, all, n * sizeof *out);
	free(all);
	return n;
}

void counter_release(struct counter *c)
{
	strset_release(&c->set);
}
