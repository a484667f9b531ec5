/* HyperLogLog distinct counts (Flajolet et al. 2007) read by Ertl's
 * improved raw estimator (2017), unbiased from a few values up without
 * linear counting: 2^14 one-byte registers, a standard error of
 * 1.04/sqrt(2^14) = 0.81%. Merging takes each register's maximum, so the
 * estimate never depends on how rows were split among workers. */
#ifndef DQA_PROFILE_HLL_H
#define DQA_PROFILE_HLL_H

#include <stdint.h>

enum { HLL_BITS = 14, HLL_REGISTERS = 1 << HLL_BITS };

/* The standard error of an estimate, as a fraction. */
#define HLL_STANDARD_ERROR 0.0081

struct hll {
	uint8_t *reg;           /* HLL_REGISTERS, allocated on the first add */
	uint8_t floor;          /* the lowest register: a rank up to it changes none */
	uint32_t at_floor;      /* registers at floor */
};

/* hll_add past the floor: sets register index to rank if that is higher.
 * Returns 0 or -1 out of memory. */
int hll_offer(struct hll *h, uint32_t index, uint8_t rank);

/* Adds a value by its value_hash, whose every bit depends on every bit of
 * the value: its top HLL_BITS bits pick the register. Returns 0 or -1 out
 * of memory. */
static inline int hll_add(struct hll *h, uint64_t hash)
{
	uint64_t rest = hash << HLL_BITS | (1ULL << (HLL_BITS - 1));
	uint8_t rank = (uint8_t)(__builtin_clzll(rest) + 1);
	/* Most ranks are low: once every register is past them, no memory is
	 * read (the registers of a dozen columns miss the cache). */
	return rank <= h->floor ? 0 : hll_offer(h, (uint32_t)(hash >> (64 - HLL_BITS)), rank);
}
int hll_merge(struct hll *into, const struct hll *from);
double hll_estimate(const struct hll *h);
void hll_release(struct hll *h);

#endif
