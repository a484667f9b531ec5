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

/* Ertl's sigma and tau series ("New cardinality estimation algorithms
 * for HyperLogLog sketches", 2017, section 4): summed until a term no
 * longer changes the double. */
static double sigma(double x)
{
	if (x == 1)
		return INFINITY;
	double y = 1, z = x, before;
	do {
		x *= x;
		before = z;
		z += x * y;
		y += y;
	} while (z != before);
	return z;
}

static double tau(double x)
{
	if (x == 0 || x == 1)
		return 0;
	double y = 1, z = 1 - x, before;
	do {
		x = sqrt(x);
		before = z;
		y *= 0.5;
		z -= (1 - x) * (1 - x) * y;
	} while (z != before);
	return z / 3;
}

/* Ertl's improved raw estimator, from the histogram of the registers: no
 * switch to linear counting, whose hand-over to the raw estimate is biased
 * by 2 to 3% between about 2.5 and 5 times 2^14 values. */
double hll_estimate(const struct hll *h)
{
	if (!h->reg)
		return 0;
	enum { TOP = 64 - HLL_BITS + 1 };   /* the highest rank a register holds */
	uint32_t count[TOP + 1] = {0};
	for (size_t i = 0; i < HLL_REGISTERS; i++)
		count[h->reg[i]]++;
	const double m = HLL_REGISTERS;
	double z = m * tau(1 - count[TOP] / m);
	for (int k = TOP - 1; k >= 1; k--)
		z = 0.5 * (z + count[k]);
	z += m * sigma(count[0] / m);
	return m * m / (2 * log(2)) / z;
}

void hll_release(struct hll *h)
{
	free(h->reg);
	*h = (struct hll){0};
}
