/* The parts of a workbook: each one inflated from the archive and parsed
 * in slices, by the scanner of xml_scan.h or by expat, within the limits
 * on its size; element names lose their namespace prefix. Used by xlsx.c. */
#ifndef DQA_XLSX_PART_H
#define DQA_XLSX_PART_H

#include <stddef.h>

#include "../util/error.h"
#include "../util/strbuf.h"

struct limits;
struct xml_cell;
struct zip_archive;

struct xlsx_part;

/* What a part's parse does with its elements; the handlers return 0 to go
 * on or -1 having called xlsx_part_fail. */
struct xlsx_handlers {
	int (*start)(void *ctx, struct xlsx_part *p, const char *name, const char **attrs);
	int (*end)(void *ctx, struct xlsx_part *p, const char *name);
	/* Character data, only while *collect (the handler's flag) is set. */
	struct strbuf *text;
	const bool *collect;
	/* Undoes what the handlers did with the part: set for a part that the
	 * scanner (xml_scan.h) reads, and expat reads again from its start
	 * when the scanner stops short (an error, a construct it leaves out). */
	void (*restart)(void *ctx);
	/* Optional, for the scanner's direct path (xml_scan.h's cell): 0, 1
	 * to leave the cell to start and end, or -1 having called
	 * xlsx_part_fail. */
	int (*cell)(void *ctx, struct xlsx_part *p, const struct xml_cell *cell);
	/* The same for xml_scan.h's string. */
	int (*string)(void *ctx, struct xlsx_part *p, const char *text, size_t len);
};

/* The value of attribute `name` (prefix ignored) among expat's attrs, or NULL. */
const char *xlsx_attr(const char **attrs, const char *name);

/* Stops the parse of p with a DQA_EINPUT error at its position. */
int xlsx_part_fail(struct xlsx_part *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Stops the parse of p without an error: xlsx_part_parse returns rc (a
 * record callback's 1, or its negative code with its error filled).
 * Returns -1 for the handler to pass on. */
int xlsx_part_stop(struct xlsx_part *p, int rc);

/* Parses the part at `path` of the open archive with h.
 * optional: a missing part is no error (returns 1). name is the workbook
 * as messages show it. */
int xlsx_part_parse(const struct zip_archive *archive, const char *path, bool optional, const char *name,
		    const struct limits *limits, const struct xlsx_handlers *h, void *ctx,
		    dqa_error *err);

#endif
