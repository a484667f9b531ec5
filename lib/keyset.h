/* A compact exact-key table for clean.unique: each distinct key is one
 * record (where it first occurred, its unit, the key bytes) in an
 * append-only buffer, and the open-addressing table holds one 8-byte slot
 * per key (a 32-bit hash tag and the record's offset). About 40 bytes per
 * key of 12 bytes, against four words a slot for strset. */
#ifndef DQA_KEYSET_H
#define DQA_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct key_record {
	uint64_t where;       /* first occurrence: input << 48 | line */
	uint32_t unit;
	uint32_t len;
	unsigned char key[];
};

struct keyset {
	uint64_t *slots;      /* tag << 32 | (offset / 8 + 1); 0 is empty */
	size_t cap, count;
	unsigned char *records;
	size_t records_len, records_cap;
};

#define KEYSET_INIT { NULL, 0, 0, NULL, 0, 0 }

/* The record of key (hash: its keyset_hash), added with where and unit
 * when absent (*added tells which). The pointer is valid until the next
 * put. NULL when out of memory, or when the buffer would pass 32 GiB. */
struct key_record *keyset_put_hashed(struct keyset *k, uint64_t hash, const void *key,
				     uint32_t len, uint64_t where, uint32_t unit, bool *added);
uint64_t keyset_hash(const void *key, uint32_t len);
/* Grows the table ahead for count keys; 0 or -1 out of memory. */
int keyset_reserve(struct keyset *k, size_t count);
/* Grows the record buffer ahead to bytes: a key takes its length plus 16,
 * rounded up to 8. 0 or -1 out of memory. */
int keyset_reserve_records(struct keyset *k, size_t bytes);
struct key_record *keyset_get(const struct keyset *k, const void *key, uint32_t len);
struct key_record *keyset_get_hashed(const struct keyset *k, uint64_t hash, const void *key,
				     uint32_t len);
size_t keyset_memory(const struct keyset *k);
/* Empties the set, keeping its memory for reuse. */
void keyset_clear(struct keyset *k);
void keyset_release(struct keyset *k);

#endif
