/* The choropleth of unit scores (dataset.map): an inline SVG with no
 * script, drawn on index.html and on the city dashboard. */
#ifndef DQA_REPORT_MAP_SVG_H
#define DQA_REPORT_MAP_SVG_H

#include "messages.h"
#include "report.h"

/* One unit of the data as the map shows it. */
struct map_unit {
	const char *code;        /* the unit code, matched with the features' codes */
	dqa_status status;       /* its colour */
	bool no_rows;            /* hatched, as features of no unit are */
	char *title;             /* shown on hover: name and score (map_title) */
	char *href;              /* its page, or NULL (malloc'd) */
	bool on_map;             /* set by html_map */
};

/* The map section: heading and note (message ids), the SVG of doc.map's
 * shapes (`width`, `height`, `shapes`: [{code, d}]) with each shape in its
 * unit's status colour, linked and titled, shapes of no unit in units[0, n)
 * hatched, a legend of the colours drawn, then the units not on the map.
 * A map without shapes (a result of an older dqa) is a notice. */
void html_map(struct strbuf *out, const json_t *map, struct map_unit *units, size_t n,
	      enum msg heading, enum msg note, dqa_lang lang);
/* index.html's map section: every unit of the result by its status and
 * score, linked to its page when unit pages are written; nothing when
 * the result has no map. */
void html_result_map(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);
/* The hover text of a unit: its code and name, then its score (digits
 * places) or "no rows", as plain text (malloc'd, NULL when out of memory). */
char *map_title(const json_t *unit, double score, int digits, bool no_rows, dqa_lang lang);
/* Frees each unit's title and href. */
void map_units_release(struct map_unit *units, size_t n);

#endif
