/* The one vertical scale of every trend line, text or SVG, so a wobble of a
 * few hundredths of a point looks the same, flat, everywhere. */
#ifndef DQA_SPARK_SCALE_H
#define DQA_SPARK_SCALE_H

#include <stddef.h>

/* Points a line's scale spans at least. */
enum { SPARK_MIN_SPAN = 10 };

/* The range to draw n scores (NaN: none) in: their own lowest to highest,
 * widened about its middle to at least SPARK_MIN_SPAN points and kept inside
 * 0-100; 0-100 when no value is a number. */
void spark_range(const double *p, size_t n, double *lo, double *hi);

#endif
