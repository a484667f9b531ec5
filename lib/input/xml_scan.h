/* A scanner for the XML that workbooks are made of, much cheaper than expat
 * on a sheet's millions of small elements: start and end tags with their
 * attributes, character data with the five named and the numeric character
 * references decoded and line ends normalised, an XML declaration at the
 * start. It reports the same elements, attributes and text as expat, and
 * accepts only documents expat accepts: anything else (comments,
 * processing instructions, CDATA, a DOCTYPE, non-ASCII names, references
 * or line breaks inside attribute values, and every error) makes it stop
 * with XML_SCAN_OUT, for the caller to parse the document again with
 * expat, which reports the error with its line and column. */
#ifndef DQA_XML_SCAN_H
#define DQA_XML_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/strbuf.h"

enum { XML_SCAN_OUT = -1, XML_SCAN_MAX_ATTRS = 16 };

/* A sheet's cell in its common shape, found without the general path:
 * <c> inside an element, with no prefix, attributes among r, s and t only
 * (each at most once, in any order, without references), then
 * <v>TEXT</v>, <is><t>TEXT</t></is>, nothing (<c ...></c>) or no content
 * (<c .../>), TEXT without references, CR or "]". Fields are NUL-ended
 * in the buffer; NULL when absent. */
struct xml_cell {
	const char *ref, *style, *type;
	const char *value;         /* the TEXT, "" without one */
	size_t value_len;
};

/* As expat's element handlers: names without their namespace prefix,
 * attrs as name, value pairs ending with NULL; -1 stops the scan. */
struct xml_scan_handlers {
	int (*start)(void *ud, const char *name, const char **attrs);
	int (*end)(void *ud, const char *name);
	struct strbuf *text;       /* character data goes here while *collect */
	const bool *collect;
	/* When set, each cell of xml_cell's shape goes here instead of the
	 * start and end of its elements and its text: 0, -1 to stop the scan,
	 * or 1 (having done nothing) for the general path to read it. */
	int (*cell)(void *ud, const struct xml_cell *cell);
	/* The same for a shared string <si><t>TEXT</t></si> (no prefix, no
	 * attribute, TEXT as a cell's), TEXT NUL-ended in the buffer. */
	int (*string)(void *ud, const char *text, size_t len);
};

struct xml_scan {
	const struct xml_scan_handlers *h;
	void *ud;
	bool started;              /* past a byte order mark */
	enum { XML_BEFORE, XML_PROLOG, XML_CONTENT, XML_AFTER } where;
	char *names;               /* the open elements' names, each after the last */
	size_t names_len, names_cap;
	size_t *open, depth, cap;  /* where each open element's name starts */
};

void xml_scan_init(struct xml_scan *s, const struct xml_scan_handlers *h, void *ud);

/* Scans buf[0, len), the document's next bytes (after those consumed so
 * far): returns how many it consumed, whole tokens and text, the rest to
 * be given again with the bytes that follow; final when the document ends
 * at len. XML_SCAN_OUT when the document leaves the subset or a handler
 * stopped. Writes into buf. */
long xml_scan_feed(struct xml_scan *s, char *buf, size_t len, bool final);

void xml_scan_release(struct xml_scan *s);

#endif
