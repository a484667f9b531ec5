/* An open-addressing hash map from byte strings to 64-bit values, with the
 * keys packed in one buffer. Used for units, reference lists and keys. */
#ifndef DQA_STRSET_H
#define DQA_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strset_slot;

struct strset {
	struct strset_slot *slots;
	size_t cap, count;
	char *keys;
	size_t keys_len, keys_cap;
};

#define STRSET_INIT { NULL, 0, 0, NULL, 0, 0 }

uint64_t strset_hash(const void *data, size_t len);
/* The 64-bit finaliser strset_hash ends with: every input bit moves every
 * output bit. */
static inline uint64_t hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* The len < 8 bytes at p as one little-endian word, zero above them (what
 * memcpy into a zeroed word gives on the little-endian machines dqa runs
 * on), read with at most two loads instead of a memcpy call. */
static inline uint64_t tail_bytes(const unsigned char *p, size_t len)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, p, 4);
		memcpy(&hi, p + len - 4, 4);
		return lo | (uint64_t)hi << (8 * (len - 4));
	}
	if (len == 0)
		return 0;
	return p[0] | (uint64_t)p[len / 2] << (8 * (len / 2)) | (uint64_t)p[len - 1] << (8 * (len - 1));
#else
	uint64_t tail = 0;
	memcpy(&tail, p, len);
	return tail;
#endif
}

/* Inserts key with value unless present. Returns 1 when inserted, 0 when the
 * key was already there (*value is then set to the stored value when value
 * is non-NULL), -1 when out of memory. */
int strset_put(struct strset *s, const void *key, size_t len, uint64_t *value);
/* strset_put with the key's strset_hash computed by the caller. */
int strset_put_hashed(struct strset *s, uint64_t hash, const void *key, size_t len,
		      uint64_t *value);
/* True when key is present; its value goes to *value when non-NULL. */
bool strset_get(const struct strset *s, const void *key, size_t len, uint64_t *value);
/* strset_get with the key's strset_hash computed by the caller. */
bool strset_get_hashed(const struct strset *s, uint64_t hash, const void *key, size_t len,
		       uint64_t *value);
/* The value of key, inserted as 0 when absent, for counters; NULL when out
 * of memory. The pointer is valid until the next insertion. */
uint64_t *strset_upsert(struct strset *s, const void *key, size_t len);
/* Visits every entry, in no particular order: start with *pos = 0; returns
 * false when there are no more. */
bool strset_next(const struct strset *s, size_t *pos, const char **key, size_t *len,
		 uint64_t *value);
/* strset_next with the key's strset_hash too. */
bool strset_next_hashed(const struct strset *s, size_t *pos, const char **key, size_t *len,
			uint64_t *hash, uint64_t *value);
/* strset_next_hashed that removes each entry it visits: the set is empty
 * (its memory kept, as strset_clear leaves it) when it returns false. The
 * key stays readable until the next put. */
bool strset_take_hashed(struct strset *s, size_t *pos, const char **key, size_t *len,
			uint64_t *hash, uint64_t *value);
/* Makes room for n entries in all, so that putting up to n rewrites no
 * table. Returns 0 or -1 out of memory. */
int strset_reserve(struct strset *s, size_t n);
/* Bytes held by the table and its keys (for --verbose reports). */
size_t strset_memory(const struct strset *s);
/* Empties the set, keeping its memory for the keys put next. */
void strset_clear(struct strset *s);
void strset_release(struct strset *s);

#endif
