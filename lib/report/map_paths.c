/* The map's shapes as SVG path data, written into result.json: the
 * rings the rule loader simplified by Douglas–Peucker in metres, on the
 * map's plane (geo_map_plane) scaled to SVG units, every coordinate
 * written by the one number formatter. */
#include "map_paths.h"

#include <math.h>

#include "format.h"

/* The longer side of the drawing, in SVG units (CSS pixels at full size). */
#define MAP_SIZE 800.0

struct map_frame map_frame(const struct geo_map *m)
{
	struct map_frame f = {.plane = geo_map_plane(m), .scale = 1};
	double longer = f.plane.width > f.plane.height ? f.plane.width : f.plane.height;
	if (longer > 0)
		f.scale = MAP_SIZE / longer;
	f.width = ceil(f.plane.width * f.scale);
	f.height = ceil(f.plane.height * f.scale);
	return f;
}

/* One ring as path commands; the closing point is the first again, which
 * Z draws. */
static void put_ring(struct strbuf *out, const struct geo_ring *ring, const struct map_frame *fr)
{
	const struct geo_plane *p = &fr->plane;
	for (size_t i = 0; i + 1 < ring->n; i++) {
		strbuf_puts(out, i == 0 ? "M" : i == 1 ? "L" : " ");
		put_svg_number(out, (ring->xy[2 * i] - p->lon0) * p->x_scale * fr->scale);
		strbuf_putc(out, ' ');
		put_svg_number(out, (p->lat1 - ring->xy[2 * i + 1]) * p->y_scale * fr->scale);
	}
	strbuf_putc(out, 'Z');
}

void map_put_path(struct strbuf *out, const struct geo_feature *f, const struct map_frame *fr)
{
	for (size_t r = 0; r < f->nrings; r++)
		put_ring(out, &f->rings[r], fr);
}
