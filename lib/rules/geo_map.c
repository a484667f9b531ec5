/* The GeoJSON reader of `dataset: {map: ...}` (jansson): checks the shape
 * the map needs and copies the features' codes and rings into an arena. */
#include "geo_map.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../util/error.h"
#include "../util/simplify.h"

struct reading {
	struct geo_map *m;
	const char *name, *code;
	size_t feature;          /* from 1, for messages */
	dqa_error *err;
};

static int refuse(const struct reading *r, const char *hint, const char *what)
{
	if (r->feature)
		return error_at(r->err, DQA_EINPUT, r->name, DQA_NOPOS, hint, "%s (feature %zu)",
				what, r->feature);
	return error_at(r->err, DQA_EINPUT, r->name, DQA_NOPOS, hint, "%s", what);
}

/* The feature's unit code: its id, or the property named code. */
static int feature_code(struct reading *r, const json_t *feature, const char **out)
{
	const json_t *v = r->code ? json_object_get(json_object_get(feature, "properties"), r->code)
				  : json_object_get(feature, "id");
	char number[32];
	const char *text = json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(number, sizeof number, "%lld", (long long)json_integer_value(v));
		text = number;
	}
	if (!text || !text[0]) {
		char what[160];
		if (r->code)
			snprintf(what, sizeof what, "has no property '%.60s' holding a unit code",
				 r->code);
		return refuse(r, r->code ? "every feature needs its unit's code in that property"
				: "give each feature an \"id\", or name the property holding the code: "
				  "map: {file: F, code: PROPERTY}",
			      r->code ? what : "has no \"id\" holding a unit code");
	}
	*out = arena_strdup(&r->m->arena, text);
	RETURN_IF_NOMEM(*out, r->err);
	return 0;
}

/* A [lon, lat] position (extra numbers, such as a height, are allowed). */
static int position(struct reading *r, const json_t *p, double *xy)
{
	const json_t *lon = json_array_get(p, 0), *lat = json_array_get(p, 1);
	if (!json_is_number(lon) || !json_is_number(lat))
		return refuse(r, NULL, "has a position that is not [longitude, latitude]");
	xy[0] = json_number_value(lon);
	xy[1] = json_number_value(lat);
	if (xy[0] < -180 || xy[0] > 180 || xy[1] < -90 || xy[1] > 90)
		return refuse(r, "GeoJSON positions are WGS84 degrees; reproject the file "
			      "(e.g. ogr2ogr -t_srs EPSG:4326)",
			      "has a position outside longitude -180..180, latitude -90..90");
	struct geo_map *m = r->m;
	m->lon_min = xy[0] < m->lon_min ? xy[0] : m->lon_min;
	m->lon_max = xy[0] > m->lon_max ? xy[0] : m->lon_max;
	m->lat_min = xy[1] < m->lat_min ? xy[1] : m->lat_min;
	m->lat_max = xy[1] > m->lat_max ? xy[1] : m->lat_max;
	return 0;
}

static int ring(struct reading *r, const json_t *points, struct geo_ring *out)
{
	size_t n = json_array_size(points);
	if (n < 4)
		return refuse(r, NULL, "has a ring of fewer than 4 positions");
	out->xy = arena_alloc(&r->m->arena, 2 * n * sizeof *out->xy);
	RETURN_IF_NOMEM(out->xy, r->err);
	out->n = n;
	for (size_t i = 0; i < n; i++)
		FORWARD_IF_ERROR(position(r, json_array_get(points, i), out->xy + 2 * i));
	if (out->xy[0] != out->xy[2 * n - 2] || out->xy[1] != out->xy[2 * n - 1])
		return refuse(r, "a GeoJSON ring ends where it starts", "has a ring that is not closed");
	return 0;
}

/* The polygons of a geometry: one for a Polygon, a list for a MultiPolygon. */
static int geometry(struct reading *r, const json_t *g, struct geo_feature *f)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	const json_t *coords = json_object_get(g, "coordinates");
	bool multi = type && strcmp(type, "MultiPolygon") == 0;
	if (!type || (!multi && strcmp(type, "Polygon") != 0)) {
		char what[160];
		snprintf(what, sizeof what, "has %s%.40s, which cannot be coloured",
			 type ? "a " : "a feature without a geometry", type ? type : "");
		return refuse(r, "the map draws the units' areas: Polygon and MultiPolygon features",
			      what);
	}
	size_t npolygons = multi ? json_array_size(coords) : 1, nrings = 0;
	for (size_t p = 0; p < npolygons; p++)
		nrings += json_array_size(multi ? json_array_get(coords, p) : coords);
	if (!json_is_array(coords) || !nrings)
		return refuse(r, NULL, "has no coordinates");
	f->rings = arena_alloc(&r->m->arena, nrings * sizeof *f->rings);
	RETURN_IF_NOMEM(f->rings, r->err);
	for (size_t p = 0; p < npolygons; p++) {
		const json_t *polygon = multi ? json_array_get(coords, p) : coords;
		for (size_t k = 0; k < json_array_size(polygon); k++)
			FORWARD_IF_ERROR(ring(r, json_array_get(polygon, k), &f->rings[f->nrings++]));
	}
	return 0;
}

static int features(struct reading *r, const json_t *root)
{
	const json_t *list = json_object_get(root, "features");
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "type")) ||
	    strcmp(json_string_value(json_object_get(root, "type")), "FeatureCollection") != 0)
		return refuse(r, "the map is a GeoJSON file: {\"type\": \"FeatureCollection\", "
			      "\"features\": [...]}", "is not a GeoJSON FeatureCollection");
	if (!json_array_size(list))
		return refuse(r, "add one Polygon or MultiPolygon feature per unit", "has no features");
	struct geo_map *m = r->m;
	m->features = arena_alloc(&m->arena, json_array_size(list) * sizeof *m->features);
	RETURN_IF_NOMEM(m->features, r->err);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *feature = json_array_get(list, i);
		struct geo_feature *f = &m->features[i];
		*f = (struct geo_feature){0};
		r->feature = i + 1;
		FORWARD_IF_ERROR(feature_code(r, feature, &f->code));
		FORWARD_IF_ERROR(geometry(r, json_object_get(feature, "geometry"), f));
		m->n = i + 1;
	}
	return 0;
}

static int from_json(struct geo_map *m, json_t *root, const json_error_t *jerr, const char *name,
		     const char *code, dqa_error *err)
{
	if (!root) {
		struct dqa_pos at = {(unsigned)(jerr->line > 0 ? jerr->line : 0),
				     (unsigned)(jerr->column > 0 ? jerr->column : 0), 1};
		return error_at(err, DQA_EINPUT, name, at, "the map is a GeoJSON file",
				"is not JSON at line %u, column %u: %s", at.line, at.column, jerr->text);
	}
	*m = (struct geo_map){.lon_min = 180, .lon_max = -180, .lat_min = 90, .lat_max = -90};
	struct reading r = {m, name, code, 0, err};
	int rc = features(&r, root);
	json_decref(root);
	if (rc < 0)
		geo_map_release(m);
	return rc;
}

int geo_map_read(struct geo_map *m, const char *text, size_t len, const char *name,
		 const char *code, dqa_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	return from_json(m, root, &jerr, name, code, err);
}

int geo_map_load(struct geo_map *m, const char *path, const char *code, dqa_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot be read: %s",
				strerror(errno));
	json_error_t jerr;
	json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	return from_json(m, root, &jerr, path, code, err);
}

void geo_map_release(struct geo_map *m)
{
	arena_release(&m->arena);
	*m = (struct geo_map){0};
}

int geo_map_copy(struct arena *arena, const struct geo_map *src, struct geo_map *dst)
{
	*dst = (struct geo_map){.n = src->n, .lon_min = src->lon_min, .lon_max = src->lon_max,
				.lat_min = src->lat_min, .lat_max = src->lat_max};
	dst->features = arena_alloc(arena, (src->n + 1) * sizeof *dst->features);
	if (!dst->features)
		return DQA_ENOMEM;
	for (size_t i = 0; i < src->n; i++) {
		const struct geo_feature *from = &src->features[i];
		struct geo_feature *to = &dst->features[i];
		to->code = arena_strdup(arena, from->code);
		to->rings = arena_alloc(arena, (from->nrings + 1) * sizeof *to->rings);
		if (!to->code || !to->rings)
			return DQA_ENOMEM;
		to->nrings = from->nrings;
		for (size_t k = 0; k < from->nrings; k++) {
			size_t bytes = 2 * from->rings[k].n * sizeof *from->rings[k].xy;
			to->rings[k] = (struct geo_ring){arena_alloc(arena, bytes), from->rings[k].n};
			if (!to->rings[k].xy)
				return DQA_ENOMEM;
			memcpy(to->rings[k].xy, from->rings[k].xy, bytes);
		}
	}
	return 0;
}

struct geo_plane geo_map_plane(const struct geo_map *m)
{
	const double earth_radius_m = 6371008.8, rad = M_PI / 180;
	struct geo_plane p = {.lon0 = m->lon_min, .lat1 = m->lat_max,
			      .y_scale = earth_radius_m * rad};
	p.x_scale = p.y_scale * cos((m->lat_min + m->lat_max) / 2 * rad);
	p.width = (m->lon_max - m->lon_min) * p.x_scale;
	p.height = (m->lat_max - m->lat_min) * p.y_scale;
	return p;
}

int geo_map_simplify(struct geo_map *m, double tolerance)
{
	const struct geo_plane p = geo_map_plane(m);
	for (size_t i = 0; i < m->n; i++)
		for (size_t k = 0; k < m->features[i].nrings; k++) {
			struct geo_ring *ring = &m->features[i].rings[k];
			double *plane = malloc(2 * ring->n * sizeof *plane);
			bool *keep = malloc(ring->n * sizeof *keep);
			if (!plane || !keep) {
				free(plane);
				free(keep);
				return DQA_ENOMEM;
			}
			for (size_t j = 0; j < ring->n; j++) {
				plane[2 * j] = (ring->xy[2 * j] - p.lon0) * p.x_scale;
				plane[2 * j + 1] = (p.lat1 - ring->xy[2 * j + 1]) * p.y_scale;
			}
			simplify_ring(plane, ring->n, tolerance, keep);
			size_t kept = 0;
			for (size_t j = 0; j < ring->n; j++)
				if (keep[j]) {
					ring->xy[2 * kept] = ring->xy[2 * j];
					ring->xy[2 * kept + 1] = ring->xy[2 * j + 1];
					kept++;
				}
			ring->n = kept;
			free(plane);
			free(keep);
		}
	return 0;
}
