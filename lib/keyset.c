#include "keyset.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "strset.h"

enum { RECORD_ALIGN = 8 };
#define HUGE_PAGE ((size_t)2 << 20)
/* Offsets are stored divided by 8 in 32 bits. */
#define MAX_RECORDS ((size_t)UINT32_MAX * RECORD_ALIGN)

static struct key_record *record_at(const struct keyset *k, uint64_t slot)
{
	return (struct key_record *)(k->records + ((slot & UINT32_MAX) - 1) * RECORD_ALIGN);
}

/* The slot index comes from the tag, so growing never rehashes a key. */
static size_t find(const struct keyset *k, uint64_t hash, const void *key, uint32_t len)
{
	uint64_t tag = hash >> 32;
	size_t i = tag & (k->cap - 1);
	for (; k->slots[i]; i = (i + 1) & (k->cap - 1)) {
		if (k->slots[i] >> 32 != tag)
			continue;
		const struct key_record *r = record_at(k, k->slots[i]);
		if (r->len == len && memcmp(r->key, key, len) == 0)
			break;
	}
	return i;
}

/* Tables of 2 MiB and more ask for huge pages: a lookup in a table of
 * millions of keys otherwise misses the TLB as well as the cache. */
static uint64_t *alloc_slots(size_t cap)
{
	size_t bytes = cap * sizeof(uint64_t);
	if (bytes < HUGE_PAGE)
		return calloc(cap, sizeof(uint64_t));
	void *p;
	if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
		return NULL;
	madvise(p, bytes, MADV_HUGEPAGE);
	return memset(p, 0, bytes);
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

static int grow(struct keyset *k)
{
	return grow_to(k, k->cap ? k->cap * 2 : 1024);
}

/* Linear probing stays short below 70% load. */
static bool fits(size_t count, size_t cap)
{
	return count * 10 <= cap * 7;
}

int keyset_reserve(struct keyset *k, size_t count)
{
	size_t cap = k->cap ? k->cap : 1024;
	while (!fits(count, cap))
		cap *= 2;
	return cap == k->cap ? 0 : grow_to(k, cap);
}

uint64_t keyset_hash(const void *key, uint32_t len)
{
	return strset_hash(key, len);
}

int keyset_reserve_records(struct keyset *k, size_t bytes)
{
	if (bytes <= k->records_cap)
		return 0;
	/* An empty buffer (a cleared set reused) has nothing worth copying. */
	unsigned char *records;
	if (k->records_len == 0) {
		free(k->records);
		k->records = NULL;
		k->records_cap = 0;
		records = malloc(bytes);
	} else {
		records = realloc(k->records, bytes);
	}
	if (!records)
		return -1;
	k->records = records;
	k->records_cap = bytes;
	return 0;
}

static long append_record(struct keyset *k, const void *key, uint32_t len, uint64_t where,
			  uint32_t unit)
{
	size_t size = (sizeof(struct key_record) + len + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
	if (k->records_len + size > MAX_RECORDS)
		return -1;
	if (k->records_len + size > k->records_cap) {
		size_t cap = k->records_cap ? k->records_cap * 2 : 4096;
		while (cap < k->records_len + size)
			cap *= 2;
		unsigned char *records = realloc(k->records, cap);
		if (!records)
			return -1;
		k->records = records;
		k->records_cap = cap;
	}
	struct key_record *r = (struct key_record *)(k->records + k->records_len);
	r->where = where;
	r->unit = unit;
	r->len = len;
	memcpy(r->key, key, len);
	size_t offset = k->records_len;
	k->records_len += size;
	return (long)(offset / RECORD_ALIGN);
}

struct key_record *keyset_put_hashed(struct keyset *k, uint64_t hash, const void *key,
				     uint32_t len, uint64_t where, uint32_t unit, bool *added)
{
	if (!fits(k->count + 1, k->cap) && grow(k) < 0)
		return NULL;
	size_t i = find(k, hash, key, len);
	*added = !k->slots[i];
	if (!*added)
		return record_at(k, k->slots[i]);
	long offset = append_record(k, key, len, where, unit);
	if (offset < 0)
		return NULL;
	k->slots[i] = (hash >> 32) << 32 | ((uint64_t)offset + 1);
	k->count++;
	return record_at(k, k->slots[i]);
}

struct key_record *keyset_get(const struct keyset *k, const void *key, uint32_t len)
{
	return keyset_get_hashed(k, strset_hash(key, len), key, len);
}

struct key_record *keyset_get_hashed(const struct keyset *k, uint64_t hash, const void *key,
				     uint32_t len)
{
	if (!k->cap)
		return NULL;
	size_t i = find(k, hash, key, len);
	return k->slots[i] ? record_at(k, k->slots[i]) : NULL;
}

size_t keyset_memory(const struct keyset *k)
{
	return k->cap * sizeof *k->slots + k->records_cap;
}

void keyset_clear(struct keyset *k)
{
	if (k->cap)
		memset(k->slots, 0, k->cap * sizeof *k->slots);
	k->count = 0;
	k->records_len = 0;
}

void keyset_release(struct keyset *k)
{
	free(k->slots);
	free(k->records);
	*k = (struct keyset)KEYSET_INIT;
}
