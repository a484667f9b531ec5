/* The profile's hash of a value, for its own tables and sketches (value
 * counters, shapes, the memo, HyperLogLog, the key search), none of which
 * outlives a run. strset_hash stays what it is: the history's fingerprints,
 * the rules' digests and alive.stalled keep its values across runs. This
 * one is cheaper for the short values a profile sees (most are 1 to 40
 * bytes): up to 16 bytes are two loads, possibly overlapping, and two
 * multiply-folds (the 128-bit product of two words, its halves xored);
 * longer values add a fold per 16 bytes. The last fold, with the length,
 * spreads every input bit over every output bit. */
#ifndef DQA_PROFILE_VALUE_HASH_H
#define DQA_PROFILE_VALUE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The fractional parts of the square roots of 2, 3 and 5: odd, about half
 * their bits set. */
#define VALUE_HASH_K0 0x6a09e667f3bcc909ULL
#define VALUE_HASH_K1 0xbb67ae8584caa73bULL
#define VALUE_HASH_K2 0x3c6ef372fe94f82bULL

static inline uint64_t value_hash_fold(uint64_t a, uint64_t b)
{
	unsigned __int128 product = (unsigned __int128)a * b;
	return (uint64_t)product ^ (uint64_t)(product >> 64);
}

static inline uint64_t value_hash_word(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

static inline uint64_t value_hash_half(const unsigned char *p)
{
	uint32_t w;
	memcpy(&w, p, 4);
	return w;
}

/* Never 0 (strset's mark of an empty slot). Reads the len bytes at data
 * and none past them. */
static inline uint64_t value_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t a, b, seed = VALUE_HASH_K0;
	if (len > 16) {
		const unsigned char *end = p + len;
		do {
			seed = value_hash_fold(value_hash_word(p) ^ VALUE_HASH_K1,
					       value_hash_word(p + 8) ^ seed);
			p += 16;
		} while (end - p > 16);
		a = value_hash_word(end - 16);
		b = value_hash_word(end - 8);
	} else if (len >= 8) {
		a = value_hash_word(p);
		b = value_hash_word(p + len - 8);
	} else if (len >= 4) {
		a = value_hash_half(p);
		b = value_hash_half(p + len - 4);
	} else {
		/* Every byte of 1 to 3, with the length below. */
		a = len ? (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16 : 0;
		b = 0;
	}
	uint64_t h = value_hash_fold(value_hash_fold(a ^ VALUE_HASH_K1, b ^ seed),
				     len ^ VALUE_HASH_K2);
	return h + !h;   /* 0 becomes 1 without a branch */
}

#endif
