/* A map of the units for the reports: a GeoJSON FeatureCollection of
 * Polygon and MultiPolygon features in WGS84 longitude/latitude, each keyed
 * by a unit code (the feature's `id`, or a named property). */
#ifndef DQA_RULES_GEO_MAP_H
#define DQA_RULES_GEO_MAP_H

#include <stddef.h>

#include "../dqa.h"
#include "../util/arena.h"

/* Metres the reports simplify a map by unless `map: {tolerance: ...}`
 * says otherwise: below a pixel of a city-wide map 800 pixels across. */
#define MAP_TOLERANCE_DEFAULT 30.0

/* A closed ring: n points lon, lat (xy[2i], xy[2i+1]), last == first. */
struct geo_ring {
	double *xy;
	size_t n;
};

/* One feature: every ring of its polygons (outer rings and holes alike,
 * drawn with the even-odd rule). */
struct geo_feature {
	const char *code;
	struct geo_ring *rings;
	size_t nrings;
};

struct geo_map {
	struct arena arena;
	struct geo_feature *features;   /* in file order */
	size_t n;
	double lon_min, lon_max, lat_min, lat_max;
};

/* Reads the GeoJSON text[0, len) (name: the file, for messages); code is
 * the property holding each feature's unit code, NULL for the feature's
 * `id` (a string or an integer). Returns 0, DQA_ENOMEM, or DQA_EINPUT with
 * err's message saying what is wrong as words that follow the file's name
 * ("has no features", "is not JSON at line 3, column 47: ..."), ending in
 * "(feature N)", from 1, when one feature is wrong; a JSON syntax error's
 * line and column are also err's. m is filled only on success;
 * geo_map_release it. */
int geo_map_read(struct geo_map *m, const char *text, size_t len, const char *name,
		 const char *code, dqa_error *err);
/* geo_map_read of the file at path (DQA_EINPUT when it cannot be read). */
int geo_map_load(struct geo_map *m, const char *path, const char *code, dqa_error *err);
void geo_map_release(struct geo_map *m);
/* A deep copy of src into dst, every part allocated in arena (dst's own
 * arena stays empty: dst dies with arena). Returns 0 or DQA_ENOMEM. */
int geo_map_copy(struct arena *arena, const struct geo_map *src, struct geo_map *dst);

/* The map's plane in metres: equirectangular, x east from the westmost
 * point scaled by the cosine of the middle latitude (so a city keeps its
 * shape), y south from the northmost point. */
struct geo_plane {
	double lon0, lat1;       /* the origin: west and north edges */
	double x_scale, y_scale; /* metres per degree of longitude, of latitude */
	double width, height;    /* of the map, in metres */
};

struct geo_plane geo_map_plane(const struct geo_map *m);
/* Simplifies every ring by Douglas–Peucker (simplify_ring) at tolerance
 * metres on the plane: rings stay closed, no ring and no feature is
 * dropped. Returns 0 or DQA_ENOMEM (the map is then unchanged or partly
 * simplified, still valid). */
int geo_map_simplify(struct geo_map *m, double tolerance);

#endif
