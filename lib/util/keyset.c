#include "keyset.h"

#include <stdlib.h>
#include <string.h>

#include "hugepage.h"
#include "strset.h"

uint64_t occurrence_where(const struct occurrence *o)
{
	uint64_t where;
	memcpy(&where, o->where_halves, sizeof where);
	return where;
}

static const struct occurrence *entry_of(const struct keyset *k, uint64_t slot)
{
	return k->entries[(slot & UINT32_MAX) - 1];
}

/* The slot index comes from the tag, so growing never rehashes a key. */
static size_t find(const struct keyset *k, uint32_t tag, const void *key, uint32_t len)
{
	size_t i = tag & (k->cap - 1);
	for (; k->slots[i]; i = (i + 1) & (k->cap - 1)) {
		if (k->slots[i] >> 32 != tag)
			continue;
		const struct occurrence *o = entry_of(k, k->slots[i]);
		if (o->len == len && memcmp(o->key, key, len) == 0)
			break;
	}
	return i;
}

/* Tables of a huge page and more use huge pages: a lookup in a table of
 * millions of keys otherwise misses the TLB as well as the cache. */
static uint64_t *alloc_slots(size_t cap)
{
	size_t bytes = cap * sizeof(uint64_t);
	if (bytes < HUGE_PAGE_BYTES)
		return calloc(cap, sizeof(uint64_t));
	void *p = hugepage_alloc(bytes);
	return p ? memset(p, 0, bytes) : NULL;
}

static int grow_to(struct keyset *k, size_t cap)
{
	uint64_t *slots = alloc_slots(cap);
	if (!slots)
		return -1;
	for (size_t i = 0; i < k->cap; i++) {
		if (!k->slots[i])
			continue;
		size_t j = (k->slots[i] >> 32) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = k->slots[i];
	}
	free(k->slots);
	k->slots = slots;
	k->cap = cap;
	return 0;
}

/* Linear probing stays short below 70% load. */
static bool fits(size_t count, size_t cap)
{
	return count * 10 <= cap * 7;
}

static int reserve_entries(struct keyset *k, size_t count)
{
	if (count <= k->entries_cap)
		return 0;
	size_t cap = k->entries_cap ? k->entries_cap : 1024;
	while (cap < count)
		cap *= 2;
	/* Entry numbers are 32 bits, one taken by the empty mark. */
	if (cap > UINT32_MAX - 1)
		return -1;
	const struct occurrence **entries = realloc(k->entries, cap * sizeof *entries);
	if (!entries)
		return -1;
	k->entries = entries;
	k->entries_cap = cap;
	return 0;
}

int keyset_reserve(struct keyset *k, size_t count)
{
	size_t cap = k->cap ? k->cap : 1024;
	while (!fits(count, cap))
		cap *= 2;
	if (cap != k->cap && grow_to(k, cap) < 0)
		return -1;
	return reserve_entries(k, count);
}

uint64_t keyset_hash(const void *key, uint32_t len)
{
	return strset_hash(key, len);
}

const struct occurrence **keyset_put(struct keyset *k, const struct occurrence *o, bool *added)
{
	if ((!fits(k->count + 1, k->cap) || k->count == k->entries_cap) &&
	    keyset_reserve(k, k->count + 1) < 0)
		return NULL;
	size_t i = find(k, o->tag, o->key, o->len);
	*added = !k->slots[i];
	if (*added) {
		k->entries[k->count] = o;
		k->slots[i] = (uint64_t)o->tag << 32 | (k->count + 1);
		k->count++;
	}
	return &k->entries[(k->slots[i] & UINT32_MAX) - 1];
}

const struct occurrence *keyset_get(const struct keyset *k, uint64_t hash, const void *key,
				    uint32_t len)
{
	if (!k->cap)
		return NULL;
	size_t i = find(k, (uint32_t)(hash >> 32), key, len);
	return k->slots[i] ? entry_of(k, k->slots[i]) : NULL;
}

size_t keyset_memory(const struct keyset *k)
{
	return k->cap * sizeof *k->slots + k->entries_cap * sizeof *k->entries;
}

void keyset_clear(struct keyset *k)
{
	if (k->cap)
		memset(k->slots, 0, k->cap * sizeof *k->slots);
	k->count = 0;
}

void keyset_release(struct keyset *k)
{
	free(k->slots);
	free(k->entries);
	*k = (struct keyset)KEYSET_INIT;
}
