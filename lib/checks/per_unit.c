/* Per-unit arrays of check state (per_unit.h). */
#include <stdlib.h>
#include <string.h>

#include "per_unit.h"

void *per_unit_at(struct per_unit *pu, size_t unit)
{
	if (unit >= pu->n) {
		size_t n = pu->n ? pu->n : 16;
		while (n <= unit)
			n *= 2;
		unsigned char *items = pu->failed ? NULL : realloc(pu->items, n * pu->elem);
		if (!items) {
			pu->failed = true;
			return NULL;
		}
		memset(items + pu->n * pu->elem, 0, (n - pu->n) * pu->elem);
		pu->items = items;
		pu->n = n;
	}
	return pu->items + unit * pu->elem;
}

const void *per_unit_get(const struct per_unit *pu, size_t unit)
{
	return unit < pu->n ? pu->items + unit * pu->elem : NULL;
}

void per_unit_release(struct per_unit *pu)
{
	free(pu->items);
	pu->items = NULL;
	pu->n = 0;
}
