/* Check state with one element per unit, for dataset-scope checks and row
 * checks that count per unit: units appear during the scan, so the array
 * grows (zero-filled) as they do. Never per row: it doubles. */
#ifndef DQA_CHECKS_PER_UNIT_H
#define DQA_CHECKS_PER_UNIT_H

#include <stdbool.h>
#include <stddef.h>

struct per_unit {
	unsigned char *items;
	size_t n, elem;
	bool failed;          /* sticky: an allocation failed */
};

#define PER_UNIT_INIT(type) { NULL, 0, sizeof(type), false }

/* The element of `unit`, or NULL (failed set) when out of memory. */
void *per_unit_at(struct per_unit *pu, size_t unit);
/* The element of `unit` when it exists, else NULL (reading only). */
const void *per_unit_get(const struct per_unit *pu, size_t unit);
void per_unit_release(struct per_unit *pu);

#endif
