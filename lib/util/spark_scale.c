/* spark_range (spark_scale.h). */
#include "spark_scale.h"

#include <math.h>

void spark_range(const double *p, size_t n, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (isnan(p[i]))
			continue;
		*lo = fmin(*lo, p[i]);
		*hi = fmax(*hi, p[i]);
	}
	if (*hi < *lo)
		*lo = 0, *hi = 100;
	if (*hi - *lo < SPARK_MIN_SPAN) {
		double mid = (*lo + *hi) / 2;
		*lo = fmax(0, mid - SPARK_MIN_SPAN / 2.0);
		*hi = *lo + SPARK_MIN_SPAN;
		if (*hi > 100)
			*hi = 100, *lo = 100 - SPARK_MIN_SPAN;
	}
}
