/* The exact-key index of clean.unique: the occurrences it indexes live in
 * the caller's buffers and are never copied. The open-addressing table
 * holds one 8-byte slot per key (a 32-bit hash tag and an entry number),
 * and entry n points at the occurrence that stands for its key, which the
 * caller may replace by another occurrence of the same key. About 24 bytes
 * per distinct key, whatever its length. */
#ifndef DQA_KEYSET_H
#define DQA_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One row's key and where it is. tag: the high half of the key's
 * keyset_hash (all an index needs), so that no key is hashed twice. where
 * (input << 48 | line) is kept in two halves so that occurrences need only
 * 4-byte alignment: a 12-byte key then takes 32 bytes instead of 40. */
struct occurrence {
	uint32_t unit, len, tag;
	uint32_t where_halves[2];
	unsigned char key[];
};

uint64_t occurrence_where(const struct occurrence *o);

struct keyset {
	uint64_t *slots;      /* tag << 32 | (entry + 1); 0 is empty */
	const struct occurrence **entries;
	size_t cap, count, entries_cap;
};

#define KEYSET_INIT { NULL, NULL, 0, 0, 0 }

uint64_t keyset_hash(const void *key, uint32_t len);
/* The entry of o's key, which is o itself when the key was absent
 * (*added tells which). The pointer is valid until the next put; NULL
 * when out of memory. o must stay where it is while the set is used. */
const struct occurrence **keyset_put(struct keyset *k, const struct occurrence *o, bool *added);
/* The occurrence that stands for key (hash: its keyset_hash), or NULL. */
const struct occurrence *keyset_get(const struct keyset *k, uint64_t hash, const void *key,
				    uint32_t len);
/* Grows the set ahead for count keys; 0 or -1 out of memory. */
int keyset_reserve(struct keyset *k, size_t count);
size_t keyset_memory(const struct keyset *k);
/* Empties the set, keeping its memory for reuse. */
void keyset_clear(struct keyset *k);
void keyset_release(struct keyset *k);

#endif
