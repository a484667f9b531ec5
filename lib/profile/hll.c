/* HyperLogLog: the first HLL_BITS bits of a value's hash pick a register,
 * which keeps the longest run of leading zeros (plus one) of the rest. */
#include "hll.h"

#include <math.h>
#include <stdlib.h>

#include "../util/zeroed.h"

int hll_add(struct hll *h, uint64_t hash)
{
	if (!h->reg && !(h->reg = zeroed_alloc(HLL_REGISTERS, 1)))
		return -1;
	/* A final mix: the table hash's low bits pick slots, its high ones here. */
	hash ^= hash >> 33;
	hash *= 0xff51afd7ed558ccdULL;
	hash ^= hash >> 33;
	uint32_t index = (uint32_t)(hash >> (64 - HLL_BITS));
	uint64_t rest = hash << HLL_BITS | (1ULL << (HLL_BITS - 1));
	uint8_t rank = (uint8_t)(__builtin_clzll(rest) + 1);
	if (rank > h->reg[index])
		h->reg[index] = rank;
	return 0;
}

int hll_merge(struct hll *into, const struct hll *from)
{
	if (!from->reg)
		return 0;
	if (!into->reg && !(into->reg = zeroed_alloc(HLL_REGISTERS, 1)))
		return -1;
	for (size_t i = 0; i < HLL_REGISTERS; i++)
		if (from->reg[i] > into->reg[i])
			into->reg[i] = from->reg[i];
	return 0;
}

double hll_estimate(const struct hll *h)
{
	if (!h->reg)
		return 0;
	const double m = HLL_REGISTERS, alpha = 0.7213 / (1 + 1.079 / m);
	/* 2^-r for every rank a register can hold (exact, as ldexp gives). */
	double inverse[64 - HLL_BITS + 2];
	inverse[0] = 1;
	for (size_t r = 1; r < sizeof inverse / sizeof *inverse; r++)
		inverse[r] = inverse[r - 1] / 2;
	double sum = 0;
	size_t zeros = 0;
	for (size_t i = 0; i < HLL_REGISTERS; i++) {
		sum += inverse[h->reg[i]];
		zeros += h->reg[i] == 0;
	}
	double e = alpha * m * m / sum;
	if (e <= 2.5 * m && zeros)
		e = m * log(m / (double)zeros);   /* linear counting */
	return e;
}

void hll_release(struct hll *h)
{
	free(h->reg);
	h->reg = NULL;
}
