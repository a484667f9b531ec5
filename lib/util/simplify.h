/* Douglas–Peucker simplification of a closed ring of planar points (in
 * metres, so the tolerance is a distance on the ground). */
#ifndef DQA_UTIL_SIMPLIFY_H
#define DQA_UTIL_SIMPLIFY_H

#include <stdbool.h>
#include <stddef.h>

/* A ring has n points xy[2i], xy[2i+1], the last equal to the first.
 * Sets keep[i] (room for n) for the points Douglas–Peucker keeps at
 * tolerance (metres, >= 0): every dropped point lies within tolerance of
 * the segment between the kept points around it. The ring is first split
 * at the point farthest from its first one, and each half at its own
 * farthest point whatever the tolerance, so the ring stays closed and
 * keeps at least 4 points (a triangle) when it had 5 or more, however small
 * it is. Returns the number of points kept (n, all kept, for fewer than 5
 * points or when out of memory). */
size_t simplify_ring(const double *xy, size_t n, double tolerance, bool *keep);

#endif
