/* The simplifier as a program: reads a GeoJSON FeatureCollection, keeps each
 * ring's points that the reports' Douglas–Peucker keeps at TOLERANCE metres
 * (geo_map_simplify) and writes the collection back, one feature per line,
 * properties as they were. scripts/simplify-map runs it to make the shipped
 * rules/refs/hanoi-units.geojson; tests/map/map_test.py checks it.
 *   map_simplify IN.geojson OUT.geojson TOLERANCE [CODE_PROPERTY] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "rules/geo_map.h"

/* Replaces the rings of every polygon of g by the next simplified rings. */
static void replace_rings(json_t *g, const struct geo_feature *f, size_t *next)
{
	json_t *coords = json_object_get(g, "coordinates");
	bool multi = strcmp(json_string_value(json_object_get(g, "type")), "MultiPolygon") == 0;
	size_t npolygons = multi ? json_array_size(coords) : 1;
	for (size_t p = 0; p < npolygons; p++) {
		json_t *polygon = multi ? json_array_get(coords, p) : coords;
		for (size_t k = 0; k < json_array_size(polygon); k++) {
			const struct geo_ring *ring = &f->rings[(*next)++];
			json_t *points = json_array();
			for (size_t i = 0; i < ring->n; i++)
				json_array_append_new(points, json_pack("[f, f]", ring->xy[2 * i],
									ring->xy[2 * i + 1]));
			json_array_set_new(polygon, k, points);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: map_simplify IN.geojson OUT.geojson TOLERANCE [CODE]\n");
		return 2;
	}
	const char *code = argc == 5 ? argv[4] : NULL;
	struct geo_map m;
	dqa_error err = {0};
	json_error_t jerr;
	json_t *root = json_load_file(argv[1], 0, &jerr);
	if (geo_map_load(&m, argv[1], code, &err) < 0 || !root) {
		fprintf(stderr, "map_simplify: %s: %s\n", argv[1], err.message);
		return 3;
	}
	if (geo_map_simplify(&m, atof(argv[3])) < 0)
		return 3;
	FILE *out = fopen(argv[2], "w");
	if (!out)
		return 3;
	fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", out);
	json_t *features = json_object_get(root, "features");
	for (size_t i = 0; i < m.n; i++) {
		json_t *feature = json_array_get(features, i);
		size_t next = 0;
		replace_rings(json_object_get(feature, "geometry"), &m.features[i], &next);
		/* 9 significant digits: about 0.1 m at Hanoi's longitudes */
		char *line = json_dumps(feature, JSON_COMPACT | JSON_PRESERVE_ORDER |
						 JSON_REAL_PRECISION(9));
		fprintf(out, "%s%s\n", line, i + 1 < m.n ? "," : "");
		free(line);
	}
	fputs("]}\n", out);
	geo_map_release(&m);
	json_decref(root);
	return fclose(out) == 0 ? 0 : 3;
}
