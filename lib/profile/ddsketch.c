/* DDSketch with dense bucket arrays over a fixed range of magnitudes. */
#include "ddsketch.h"

#include <math.h>
#include <stdlib.h>

#include "../util/zeroed.h"

#define GAMMA ((1 + DDSKETCH_RELATIVE_ACCURACY) / (1 - DDSKETCH_RELATIVE_ACCURACY))
#define MIN_MAGNITUDE 1e-9
#define MAX_MAGNITUDE 1e18

/* Bucket i (from 0) holds magnitudes in (gamma^(i+OFFSET-1), gamma^(i+OFFSET)]. */
enum { OFFSET = -1037, NBUCKETS = 3112 };

static int bucket(double magnitude)
{
	int i = (int)ceil(log(magnitude) / log(GAMMA)) - OFFSET;
	return i < 0 ? 0 : i >= NBUCKETS ? NBUCKETS - 1 : i;
}

/* The bucket's representative value: within the accuracy of all it holds. */
static double bucket_value(int i)
{
	return 2 * pow(GAMMA, i + OFFSET) / (1 + GAMMA);
}

static int allocate(struct ddsketch *d)
{
	if (!d->pos)
		d->pos = zeroed_alloc(NBUCKETS, sizeof *d->pos);
	if (!d->neg)
		d->neg = zeroed_alloc(NBUCKETS, sizeof *d->neg);
	return d->pos && d->neg ? 0 : -1;
}

int ddsketch_add(struct ddsketch *d, double x, uint64_t n)
{
	if (allocate(d) < 0)
		return -1;
	double m = fabs(x);
	d->count += n;
	if (m < MIN_MAGNITUDE)
		d->zero += n;
	else
		(x > 0 ? d->pos : d->neg)[bucket(m < MAX_MAGNITUDE ? m : MAX_MAGNITUDE)] += n;
	return 0;
}

int ddsketch_merge(struct ddsketch *into, const struct ddsketch *from)
{
	if (!from->pos)
		return 0;
	if (allocate(into) < 0)
		return -1;
	for (size_t i = 0; i < NBUCKETS; i++) {
		into->pos[i] += from->pos[i];
		into->neg[i] += from->neg[i];
	}
	into->zero += from->zero;
	into->count += from->count;
	return 0;
}

double ddsketch_quantile(const struct ddsketch *d, double q)
{
	if (!d->count)
		return NAN;
	uint64_t rank = (uint64_t)floor(q * (double)(d->count - 1)), seen = 0;
	for (int i = NBUCKETS - 1; i >= 0; i--)
		if ((seen += d->neg[i]) > rank)
			return -bucket_value(i);
	if ((seen += d->zero) > rank)
		return 0;
	for (int i = 0; i < NBUCKETS; i++)
		if ((seen += d->pos[i]) > rank)
			return bucket_value(i);
	return bucket_value(NBUCKETS - 1);
}

void ddsketch_release(struct ddsketch *d)
{
	free(d->pos);
	free(d->neg);
	*d = (struct ddsketch){0};
}
