/* The map's shapes as the reports draw them (result.json's map.shapes). */
#ifndef DQA_REPORT_MAP_PATHS_H
#define DQA_REPORT_MAP_PATHS_H

#include "../rules/geo_map.h"
#include "../util/strbuf.h"

/* How a map is drawn: its plane scaled so that the longer side is 800 SVG
 * units (CSS pixels at full size), and the drawing's size in them. */
struct map_frame {
	struct geo_plane plane;
	double scale;            /* SVG units per metre of the plane */
	double width, height;    /* whole SVG units */
};

struct map_frame map_frame(const struct geo_map *m);
/* A feature's rings as SVG path data ("M x y L x y ... Z" per ring,
 * coordinates by put_svg_number), appended to out: result.json's
 * map.shapes[].d. */
void map_put_path(struct strbuf *out, const struct geo_feature *f, const struct map_frame *fr);

#endif
