/* The map, drawn from result.json's shapes (map_paths.c): each in its
 * unit's status colour; units without rows are hatched with an SVG
 * pattern; the legend is HTML under the drawing. */
#include "map_svg.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "html.h"
#include "messages.h"

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct map_unit *)a)->code, ((const struct map_unit *)b)->code);
}

/* One shape of doc.map.shapes, its path as the result holds it. */
static void put_shape(struct strbuf *out, const char *code, const char *d, const struct map_unit *u,
		      dqa_lang lang)
{
	if (u && u->href) {
		strbuf_puts(out, "<a href=\"");
		html_put(out, u->href);
		strbuf_puts(out, "\">");
	}
	if (!u || u->no_rows)
		strbuf_puts(out, "<path fill=\"url(#map-hatch)\" d=\"");
	else
		strbuf_printf(out, "<path class=\"h-%s\" d=\"", html_status_class(u->status));
	html_put(out, d);
	strbuf_puts(out, "\"><title>");
	if (u) {
		html_put(out, u->title);
	} else {
		html_put(out, code);
		strbuf_printf(out, ": %s", msg(lang, M_NO_ROWS_SHORT));
	}
	strbuf_puts(out, "</title></path>");
	strbuf_puts(out, u && u->href ? "</a>\n" : "\n");
}

/* The colours the drawing uses, in status order, then the hatching. */
struct shown {
	bool status[DQA_NO_SCORE + 1];
	bool hatched;
};

static void legend(struct strbuf *out, const struct shown *shown, dqa_lang lang)
{
	strbuf_puts(out, "<ul class=\"legend\">");
	for (dqa_status s = DQA_PASS; s <= DQA_NO_SCORE; s++)
		if (shown->status[s])
			strbuf_printf(out, "<li class=\"sw-%s\">%s</li>", html_status_class(s),
				      msg_status(lang, s));
	if (shown->hatched)
		strbuf_printf(out, "<li class=\"sw-hatch\">%s</li>", msg(lang, M_MAP_NO_ROWS));
	strbuf_puts(out, "</ul>\n");
}

/* Units not on the map shown without a click; more (a map of another
 * area, 206 units of 229) stay folded so the page goes on. */
#define OFF_MAP_OPEN 10

static void not_on_map(struct strbuf *out, const struct map_unit *units, size_t n, dqa_lang lang)
{
	size_t missing = 0;
	for (size_t i = 0; i < n; i++)
		missing += !units[i].on_map;
	if (!missing)
		return;
	strbuf_printf(out, "<details class=\"off-map\"%s><summary>%s (%zu)</summary><p>",
		      missing <= OFF_MAP_OPEN ? " open" : "", msg(lang, M_MAP_NOT_ON_MAP), missing);
	for (size_t i = 0, shown = 0; i < n; i++) {
		if (units[i].on_map)
			continue;
		if (shown++)
			strbuf_puts(out, list_separator(lang));
		if (units[i].href) {
			strbuf_puts(out, "<a href=\"");
			html_put(out, units[i].href);
			strbuf_puts(out, "\">");
		}
		html_put(out, units[i].title);
		if (units[i].href)
			strbuf_puts(out, "</a>");
	}
	strbuf_puts(out, "</p></details>\n");
}

static void draw(struct strbuf *out, const json_t *map, const json_t *shapes,
		 struct map_unit *units, size_t n, struct shown *shown, dqa_lang lang)
{
	strbuf_printf(out, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" "
			   "viewBox=\"0 0 %" PRIu64 " %" PRIu64 "\" role=\"img\" aria-label=\"%s\">\n"
			   "<defs><pattern id=\"map-hatch\" width=\"6\" height=\"6\" "
			   "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect "
			   "width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" "
			   "y2=\"6\" class=\"hatch\"/></pattern></defs>\n",
		      doc_count(map, "width"), doc_count(map, "height"), msg(lang, M_MAP));
	size_t i;
	const json_t *shape;
	json_array_foreach(shapes, i, shape) {
		struct map_unit key = {.code = doc_str(shape, "code")};
		struct map_unit *u = bsearch(&key, units, n, sizeof *units, by_code);
		if (u)
			u->on_map = true;
		if (!u || u->no_rows)
			shown->hatched = true;
		else
			shown->status[(unsigned)u->status <= DQA_NO_SCORE ? u->status : DQA_NO_SCORE] = true;
		put_shape(out, key.code, doc_str(shape, "d"), u, lang);
	}
	strbuf_puts(out, "</svg>\n");
}

void html_map(struct strbuf *out, const json_t *map, struct map_unit *units, size_t n,
	      enum msg heading, enum msg note, dqa_lang lang)
{
	const json_t *shapes = json_object_get(map, "shapes");
	qsort(units, n, sizeof *units, by_code);
	strbuf_printf(out, "<section class=\"map-view\">\n<h2>%s</h2>\n<p class=\"meta\">%s</p>\n",
		      msg(lang, heading), msg(lang, note));
	struct shown shown = {0};
	if (json_array_size(shapes))
		draw(out, map, shapes, units, n, &shown, lang);
	else
		strbuf_printf(out, "<p class=\"notice\">%s</p>\n", msg(lang, M_MAP_NO_SHAPES));
	legend(out, &shown, lang);
	not_on_map(out, units, n, lang);
	strbuf_puts(out, "</section>\n");
}

void map_units_release(struct map_unit *units, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(units[i].title);
		free(units[i].href);
	}
}

char *map_title(const json_t *unit, double score, int digits, bool no_rows, dqa_lang lang)
{
	struct strbuf sb = STRBUF_INIT;
	put_unit_title(&sb, unit, lang);
	strbuf_puts(&sb, ": ");
	if (no_rows)
		strbuf_puts(&sb, msg(lang, M_NO_ROWS_SHORT));
	else
		put_score(&sb, score, digits, lang);
	return strbuf_detach(&sb);
}

void html_result_map(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	const json_t *map = json_object_get(rep->doc, "map");
	size_t n = json_array_size(rep->units);
	if (!json_is_object(map))
		return;
	struct map_unit *units = calloc(n + 1, sizeof *units);
	if (!units) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *u = json_array_get(rep->units, i);
		bool no_rows = doc_count(u, "rows") == 0;
		units[i] = (struct map_unit){doc_str(u, "unit"), doc_status(u, "status"), no_rows,
					     map_title(u, doc_num(u, "score"), 2, no_rows, lang),
					     NULL, false};
		out->failed |= !units[i].title;
		if (rep->unit_pages) {
			struct strbuf href = STRBUF_INIT;
			strbuf_puts(&href, "units/");
			strbuf_puts(&href, rep->unit_files[i]);
			units[i].href = strbuf_detach(&href);
			out->failed |= !units[i].href;
		}
	}
	if (!out->failed)
		html_map(out, map, units, n, M_MAP, M_MAP_NOTE, lang);
	map_units_release(units, n);
	free(units);
}
