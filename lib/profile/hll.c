/* HyperLogLog: the first HLL_BITS bits of a value's hash pick a register,
 * which keeps the longest run of leading zeros (plus one) of the rest. */
#include "hll.h"

#include <math.h>
#include <stdlib.h>

#include "../util/zeroed.h"

/* Sets floor to the lowest register and at_floor to how many hold it. */
static void find_floor(struct hll *h)
{
	uint8_t low = UINT8_MAX;
	uint32_t n = 0;
	for (size_t i = 0; i < HLL_REGISTERS; i++) {
		if (h->reg[i] < low) {
			low = h->reg[i];
			n = 0;
		}
		n += h->reg[i] == low;
	}
	h->floor = low;
	h->at_floor = n;
}

static int allocate(struct hll *h)
{
	if (!(h->reg = zeroed_alloc(HLL_REGISTERS, 1)))
		return -1;
	h->floor = 0;
	h->at_floor = HLL_REGISTERS;
	return 0;
}

int hll_offer(struct hll *h, uint32_t index, uint8_t rank)
{
	if (!h->reg && allocate(h) < 0)
		return -1;
	uint8_t *reg = &h->reg[index];
	if (rank <= *reg)
		return 0;
	uint8_t old = *reg;
	*reg = rank;
	if (old == h->floor && --h->at_floor == 0)
		find_floor(h);
	return 0;
}

int hll_merge(struct hll *into, const struct hll *from)
{
	if (!from->reg)
		return 0;
	if (!into->reg && allocate(into) < 0)
		return -1;
	for (size_t i = 0; i < HLL_REGISTERS; i++)
		if (from->reg[i] > into->reg[i])
			into->reg[i] = from->reg[i];
	find_floor(into);
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
	*h = (struct hll){0};
}
