/* Open addressing with linear probing; the table doubles at 70% load. Keys
 * live in one append-only buffer, so a slot is four words. */
#include "strset.h"

#include <stdlib.h>
#include <string.h>

#include "zeroed.h"

struct strset_slot {
	uint64_t hash;   /* 0 marks an empty slot */
	size_t offset;
	size_t len;
	uint64_t value;
};

uint64_t strset_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (len * 0x100000001B3ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = hash_mix(h ^ w) + 0x9E3779B97F4A7C15ULL;
		p += 8;
		len -= 8;
	}
	h = hash_mix(h ^ tail_bytes(p, len) ^ ((uint64_t)len << 56));
	return h ? h : 1;
}

static bool slot_matches(const struct strset *s, const struct strset_slot *slot,
			 uint64_t hash, const void *key, size_t len)
{
	/* An empty key may be the only one: then no key buffer exists. */
	return slot->hash == hash && slot->len == len &&
	       (len == 0 || memcmp(s->keys + slot->offset, key, len) == 0);
}

/* Moves the entries into a table of cap slots (a power of two, more than
 * s->cap). */
static int grow_to(struct strset *s, size_t cap)
{
	struct strset_slot *slots = zeroed_alloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		const struct strset_slot *old = &s->slots[i];
		if (!old->hash)
			continue;
		size_t j = old->hash & (cap - 1);
		while (slots[j].hash)
			j = (j + 1) & (cap - 1);
		slots[j] = *old;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

static int grow(struct strset *s)
{
	return grow_to(s, s->cap ? s->cap * 2 : 64);
}

int strset_reserve(struct strset *s, size_t n)
{
	size_t cap = s->cap ? s->cap : 64;
	while (n * 10 > cap * 7)
		cap *= 2;
	return cap > s->cap ? grow_to(s, cap) : 0;
}

static int store_key(struct strset *s, const void *key, size_t len, size_t *offset)
{
	if (s->keys_len + len > s->keys_cap) {
		size_t cap = s->keys_cap ? s->keys_cap : 1024;
		while (cap < s->keys_len + len)
			cap *= 2;
		char *keys = realloc(s->keys, cap);
		if (!keys)
			return -1;
		s->keys = keys;
		s->keys_cap = cap;
	}
	if (len)
		memcpy(s->keys + s->keys_len, key, len);
	*offset = s->keys_len;
	s->keys_len += len;
	return 0;
}

int strset_put(struct strset *s, const void *key, size_t len, uint64_t *value)
{
	return strset_put_hashed(s, strset_hash(key, len), key, len, value);
}

int strset_put_hashed(struct strset *s, uint64_t hash, const void *key, size_t len,
		      uint64_t *value)
{
	if ((s->count + 1) * 10 > s->cap * 7 && grow(s) < 0)
		return -1;
	size_t i = hash & (s->cap - 1);
	for (; s->slots[i].hash; i = (i + 1) & (s->cap - 1)) {
		if (slot_matches(s, &s->slots[i], hash, key, len)) {
			if (value)
				*value = s->slots[i].value;
			return 0;
		}
	}
	size_t offset;
	if (store_key(s, key, len, &offset) < 0)
		return -1;
	s->slots[i] = (struct strset_slot){hash, offset, len, value ? *value : 0};
	s->count++;
	return 1;
}

bool strset_get(const struct strset *s, const void *key, size_t len, uint64_t *value)
{
	return s->cap && strset_get_hashed(s, strset_hash(key, len), key, len, value);
}

bool strset_get_hashed(const struct strset *s, uint64_t hash, const void *key, size_t len,
		       uint64_t *value)
{
	if (!s->cap)
		return false;
	for (size_t i = hash & (s->cap - 1); s->slots[i].hash; i = (i + 1) & (s->cap - 1)) {
		if (slot_matches(s, &s->slots[i], hash, key, len)) {
			if (value)
				*value = s->slots[i].value;
			return true;
		}
	}
	return false;
}

uint64_t *strset_upsert(struct strset *s, const void *key, size_t len)
{
	if (strset_put(s, key, len, NULL) < 0)
		return NULL;
	uint64_t hash = strset_hash(key, len);
	size_t i = hash & (s->cap - 1);
	while (!slot_matches(s, &s->slots[i], hash, key, len))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i].value;
}

/* The next full slot from *pos (moved past it), or NULL at the end. */
static struct strset_slot *next_slot(const struct strset *s, size_t *pos, const char **key,
				     size_t *len, uint64_t *hash, uint64_t *value)
{
	for (; *pos < s->cap; (*pos)++) {
		struct strset_slot *slot = &s->slots[*pos];
		if (!slot->hash)
			continue;
		*key = s->keys + slot->offset;
		*len = slot->len;
		*hash = slot->hash;
		*value = slot->value;
		(*pos)++;
		return slot;
	}
	return NULL;
}

bool strset_next_hashed(const struct strset *s, size_t *pos, const char **key, size_t *len,
			uint64_t *hash, uint64_t *value)
{
	return next_slot(s, pos, key, len, hash, value) != NULL;
}

bool strset_take_hashed(struct strset *s, size_t *pos, const char **key, size_t *len,
			uint64_t *hash, uint64_t *value)
{
	struct strset_slot *slot = next_slot(s, pos, key, len, hash, value);
	if (!slot) {
		s->keys_len = 0;
		return false;
	}
	slot->hash = 0;
	s->count--;
	return true;
}

bool strset_next(const struct strset *s, size_t *pos, const char **key, size_t *len,
		 uint64_t *value)
{
	uint64_t hash;
	return strset_next_hashed(s, pos, key, len, &hash, value);
}

size_t strset_memory(const struct strset *s)
{
	return s->cap * sizeof *s->slots + s->keys_cap;
}

void strset_clear(struct strset *s)
{
	/* An empty set's slots are empty already (strset_take_hashed). */
	if (s->count)
		memset(s->slots, 0, s->cap * sizeof *s->slots);
	s->count = 0;
	s->keys_len = 0;
}

void strset_release(struct strset *s)
{
	free(s->slots);
	free(s->keys);
	*s = (struct strset)STRSET_INIT;
}
