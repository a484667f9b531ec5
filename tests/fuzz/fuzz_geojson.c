/* libFuzzer target: the GeoJSON reader of dataset.map (geo_map_read) and
 * the simplifier the reports run on it (geo_map_simplify). A read either
 * fails with DQA_EINPUT (or DQA_ENOMEM) and a message, or gives features
 * with codes and closed rings of at least 4 points inside WGS84; after
 * simplifying at a tolerance the input chooses, every ring is still closed,
 * keeps at least 4 points, and no ring or feature is gone.
 * Input: byte 0 picks the tolerance (0 to 2,550 m) and whether codes come
 * from the `id` (even) or the property "code" (odd); the rest is the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/geo_map.h"

static void check_ring(const struct geo_ring *r)
{
	if (r->n < 4 || r->xy[0] != r->xy[2 * r->n - 2] || r->xy[1] != r->xy[2 * r->n - 1])
		abort();
	for (size_t i = 0; i < r->n; i++)
		if (!(r->xy[2 * i] >= -180 && r->xy[2 * i] <= 180 && r->xy[2 * i + 1] >= -90 &&
		      r->xy[2 * i + 1] <= 90))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct geo_map m;
	dqa_error err = {0};
	int rc = geo_map_read(&m, (const char *)data + 1, size - 1, "fuzz.geojson",
			      data[0] & 1 ? "code" : NULL, &err);
	if (rc < 0) {
		if ((rc != DQA_EINPUT && rc != DQA_ENOMEM) || !err.message[0])
			abort();
		return 0;
	}
	size_t rings = 0;
	for (size_t i = 0; i < m.n; i++) {
		if (!m.features[i].code[0] || !m.features[i].nrings)
			abort();
		for (size_t k = 0; k < m.features[i].nrings; k++)
			check_ring(&m.features[i].rings[k]);
		rings += m.features[i].nrings;
	}
	if (geo_map_simplify(&m, (double)(data[0] >> 1) * 20) == 0) {
		size_t after = 0;
		for (size_t i = 0; i < m.n; i++)
			for (size_t k = 0; k < m.features[i].nrings; k++, after++)
				check_ring(&m.features[i].rings[k]);
		if (after != rings)
			abort();
	}
	geo_map_release(&m);
	return 0;
}
