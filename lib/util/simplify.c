/* Douglas–Peucker on closed rings, iterative (a ring of a map may hold
 * tens of thousands of points: no recursion as deep as that). */
#include "simplify.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* Distance from point p to the segment a-b. */
static double segment_distance(const double *p, const double *a, const double *b)
{
	double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
	double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/* The point strictly between first and last farthest from their segment,
 * its distance in *dist; first when there is none. */
static size_t farthest(const double *xy, size_t first, size_t last, double *dist)
{
	size_t best = first;
	*dist = -1;
	for (size_t i = first + 1; i < last; i++) {
		double d = segment_distance(xy + 2 * i, xy + 2 * first, xy + 2 * last);
		if (d > *dist)
			*dist = d, best = i;
	}
	return best;
}

struct span {
	size_t first, last;
};

/* Marks in keep the points of (first, last) that Douglas–Peucker keeps;
 * stack has room for one span per point. */
static void mark(const double *xy, size_t first, size_t last, double tolerance, bool *keep,
		 struct span *stack)
{
	size_t top = 0;
	stack[top++] = (struct span){first, last};
	while (top) {
		struct span s = stack[--top];
		double d;
		size_t i = farthest(xy, s.first, s.last, &d);
		if (i == s.first || d <= tolerance)
			continue;
		keep[i] = true;
		stack[top++] = (struct span){s.first, i};
		stack[top++] = (struct span){i, s.last};
	}
}

/* The point of the ring farthest from its first point: the ring is split
 * there, since a closed ring's first and last point are the same. */
static size_t opposite(const double *xy, size_t n)
{
	size_t best = 0;
	double most = -1;
	for (size_t i = 1; i + 1 < n; i++) {
		double d = hypot(xy[2 * i] - xy[0], xy[2 * i + 1] - xy[1]);
		if (d > most)
			most = d, best = i;
	}
	return best;
}

size_t simplify_ring(const double *xy, size_t n, double tolerance, bool *keep)
{
	struct span *stack = n < 5 ? NULL : malloc(n * sizeof *stack);
	for (size_t i = 0; i < n; i++)
		keep[i] = !stack;
	if (!stack)
		return n;
	size_t split = opposite(xy, n);
	keep[0] = keep[split] = keep[n - 1] = true;
	/* each half keeps its farthest point whatever the tolerance, so the
	 * ring stays a polygon and no small unit vanishes */
	double d;
	size_t a = farthest(xy, 0, split, &d), b = farthest(xy, split, n - 1, &d);
	keep[a] = keep[b] = true;
	mark(xy, 0, a, tolerance, keep, stack);
	mark(xy, a, split, tolerance, keep, stack);
	mark(xy, split, b, tolerance, keep, stack);
	mark(xy, b, n - 1, tolerance, keep, stack);
	free(stack);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		kept += keep[i];
	return kept;
}
