#include "keyset.h"

#include <stdlib.h>
#include <string.h>

#include "strset.h"

enum { RECORD_ALIGN = 8 };
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

static int grow(struct keyset *k)
{
	size_t cap = k->cap ? k->cap * 2 : 1024;
	uint64_t *slots = calloc(cap, sizeof *slots);
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

static long append_record(struct keyset *k, const void *key, uint32_t len, uint64_t where,
			  uint32_t unit)
{
	size_t size = (sizeof(struct key_record) + len + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
	if (k->records_len + size > MAX_RECORDS)
		return -1;
	if (k->records_len + size > k->records_cap) {
		size_t cap = k->records_cap ? k->records_cap * 2 : 64 * 1024;
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

struct key_record *keyset_put(struct keyset *k, const void *key, uint32_t len, uint64_t where,
			      uint32_t unit, bool *added)
{
	/* Linear probing stays short below 70% load. */
	if ((k->count + 1) * 10 > k->cap * 7 && grow(k) < 0)
		return NULL;
	uint64_t hash = strset_hash(key, len);
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
	if (!k->cap)
		return NULL;
	size_t i = find(k, strset_hash(key, len), key, len);
	return k->slots[i] ? record_at(k, k->slots[i]) : NULL;
}

bool keyset_next(const struct keyset *k, size_t *pos, struct key_record **rec)
{
	if (*pos >= k->records_len)
		return false;
	*rec = (struct key_record *)(k->records + *pos);
	*pos += (sizeof(struct key_record) + (*rec)->len + RECORD_ALIGN - 1) &
		~(size_t)(RECORD_ALIGN - 1);
	return true;
}

size_t keyset_memory(const struct keyset *k)
{
	return k->cap * sizeof *k->slots + k->records_cap;
}

void keyset_release(struct keyset *k)
{
	free(k->slots);
	free(k->records);
	*k = (struct keyset)KEYSET_INIT;
}
