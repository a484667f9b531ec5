/* HyperLogLog distinct counts (Flajolet et al. 2007, with linear counting
 * for small cardinalities): 2^14 one-byte registers, a standard error of
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

/* Adds a value by its 64-bit hash. Returns 0 or -1 out of memory. */
int hll_add(struct hll *h, uint64_t hash);
int hll_merge(struct hll *into, const struct hll *from);
double hll_estimate(const struct hll *h);
void hll_release(struct hll *h);

#endif
