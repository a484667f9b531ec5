/* Quantiles of a numeric column beyond the exact bound: DDSketch (Masson,
 * Rim and Lee, VLDB 2019) with a relative accuracy of 1%: a value x > 0
 * falls in bucket ceil(log_gamma(x)), gamma = 1.01/0.99, and a quantile is
 * read back within 1% of the true value at its rank. Buckets are counts,
 * so merging adds them and never depends on how rows were split. Values
 * whose magnitude is below 1e-9 count as zero; above 1e18, as 1e18. */
#ifndef DQA_PROFILE_DDSKETCH_H
#define DQA_PROFILE_DDSKETCH_H

#include <stdint.h>

#define DDSKETCH_RELATIVE_ACCURACY 0.01

struct ddsketch {
	uint64_t *pos, *neg;    /* bucket counts, allocated on the first add */
	uint64_t zero, count;
};

/* Adds n occurrences of x. Returns 0 or -1 out of memory. */
int ddsketch_add(struct ddsketch *d, double x, uint64_t n);
int ddsketch_merge(struct ddsketch *into, const struct ddsketch *from);
/* The value at rank floor(q * (count - 1)), 0 <= q <= 1, within the
 * relative accuracy; NaN when empty. */
double ddsketch_quantile(const struct ddsketch *d, double q);
void ddsketch_release(struct ddsketch *d);

#endif
