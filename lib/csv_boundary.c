/* libcsv's quote handling, reduced to the states that decide whether a
 * newline ends a record (see the differential test in tests/unit): a quote
 * opens a quoted field only at the start of a field; inside one, a quote
 * followed by anything but a quote, delimiter or line end is kept as data
 * and the field stays quoted; CR and LF both end records outside quotes. */
#include "csv_boundary.h"

#include <stdbool.h>
#include <string.h>

enum state { ROW_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN };

static enum state step(enum state s, char c, char delimiter, char quote)
{
	bool term = c == '\n' || c == '\r';
	switch (s) {
	case ROW_START:
	case FIELD_START:
		if (c == quote)
			return QUOTED;
		return term ? ROW_START : c == delimiter ? FIELD_START : UNQUOTED;
	case UNQUOTED:
		return term ? ROW_START : c == delimiter ? FIELD_START : UNQUOTED;
	case QUOTED:
		return c == quote ? QUOTE_SEEN : QUOTED;
	case QUOTE_SEEN:
		if (c == quote)
			return QUOTED;
		return term ? ROW_START : c == delimiter ? FIELD_START : QUOTED;
	}
	return s;
}

/* From a record start at `from`, runs the state machine until a '\n' leaves
 * it at a record start; returns the offset past that '\n', or 0. */
static size_t run_to_boundary(const char *buf, size_t from, size_t len, char delimiter,
			      char quote)
{
	enum state s = ROW_START;
	for (size_t i = from; i < len; i++) {
		s = step(s, buf[i], delimiter, quote);
		if (s == ROW_START && buf[i] == '\n')
			return i + 1;
	}
	return 0;
}

/* Lines without a quote character cannot open a quoted field, so only lines
 * holding one are stepped through byte by byte. */
static size_t scan(const char *buf, size_t len, char delimiter, char quote, bool first)
{
	size_t pos = 0, last = 0;
	while (pos < len) {
		const char *q = memchr(buf + pos, quote, len - pos);
		const char *stop = q ? q : buf + len;
		const char *nl = first ? memchr(buf + pos, '\n', (size_t)(stop - (buf + pos)))
				       : memrchr(buf + pos, '\n', (size_t)(stop - (buf + pos)));
		if (nl && (first || !q))
			return (size_t)(nl - buf) + 1;
		if (!q)
			return last;
		size_t line_start = nl ? (size_t)(nl - buf) + 1 : pos;
		size_t end = run_to_boundary(buf, line_start, len, delimiter, quote);
		if (!end)
			return nl ? line_start : last;
		if (first)
			return end;
		last = pos = end;
	}
	return last;
}

size_t csv_last_boundary(const char *buf, size_t len, char delimiter, char quote)
{
	return scan(buf, len, delimiter, quote, false);
}

size_t csv_first_boundary(const char *buf, size_t len, char delimiter, char quote)
{
	return scan(buf, len, delimiter, quote, true);
}
