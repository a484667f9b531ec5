/* Optional min/max parameters shared by range, length and rows. */
#ifndef DQA_BOUNDS_H
#define DQA_BOUNDS_H

#include "check.h"

struct bounds {
	double min, max;   /* -inf / +inf when absent */
};

/* Reads min and max from map; at least one is required, min <= max. */
int bounds_read(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		struct bounds *out);

/* configure() of kinds whose parameters are just min and max. */
int bounds_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx);

static inline bool bounds_hold(const struct bounds *b, double v)
{
	return v >= b->min && v <= b->max;
}

#endif
