/* Python's csv.reader grammar, reduced to the states that decide whether a
 * line end ends a record (tests/unit/test_csv_chunk.c checks it against the
 * parser): a quote opens a quoted field only at the start of a field; after
 * a closing quote, anything but a quote, delimiter or line end goes on as an
 * unquoted field; '\n', '\r' and "\r\n" all end records outside quotes. A
 * CR is a boundary only once the next byte is known not to be '\n', so a
 * CRLF is never split. */
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
		return term ? ROW_START : c == delimiter ? FIELD_START : UNQUOTED;
	}
	return s;
}

/* Is buf[i], a line end byte outside quotes, the last byte of its line end
 * with the next byte in buf (so that a record surely starts after it)? */
static bool ends_line(const char *buf, size_t i, size_t len)
{
	return buf[i] == '\n' || (i + 1 < len && buf[i + 1] != '\n');
}

/* From a record start at `from`, runs the state machine until a line end
 * leaves it at a record start; returns the offset past it, or 0. */
static size_t run_to_boundary(const char *buf, size_t from, size_t len, char delimiter,
			      char quote)
{
	enum state s = ROW_START;
	for (size_t i = from; i < len; i++) {
		s = step(s, buf[i], delimiter, quote);
		if (s == ROW_START && (buf[i] == '\n' || buf[i] == '\r') && ends_line(buf, i, len))
			return i + 1;
	}
	return 0;
}

/* The offset past the last line end in buf[from, to) (to <= len), or 0. */
static size_t last_line_end(const char *buf, size_t from, size_t to, size_t len)
{
	const char *nl = memrchr(buf + from, '\n', to - from);
	size_t after = nl ? (size_t)(nl - buf) + 1 : from;
	for (const char *cr = memrchr(buf + after, '\r', to - after); cr;
	     cr = memrchr(buf + after, '\r', (size_t)(cr - (buf + after)))) {
		if (ends_line(buf, (size_t)(cr - buf), len))
			return (size_t)(cr - buf) + 1;
	}
	return nl ? after : 0;
}

/* The offset past the first line end in buf[from, to) (to <= len), or 0. */
static size_t first_line_end(const char *buf, size_t from, size_t to, size_t len)
{
	const char *nl = memchr(buf + from, '\n', to - from);
	size_t before = nl ? (size_t)(nl - buf) : to;
	const char *cr = memchr(buf + from, '\r', before - from);
	if (!cr)
		return nl ? before + 1 : 0;
	if (cr + 1 == nl)   /* CRLF */
		return before + 1;
	return ends_line(buf, (size_t)(cr - buf), len) ? (size_t)(cr - buf) + 1 : 0;
}

/* Lines without a quote character cannot open a quoted field, so only lines
 * holding one are stepped through byte by byte. */
static size_t scan(const char *buf, size_t len, char delimiter, char quote, bool first)
{
	size_t pos = 0, last = 0;
	while (pos < len) {
		const char *q = memchr(buf + pos, quote, len - pos);
		size_t stop = q ? (size_t)(q - buf) : len;
		size_t end = first ? first_line_end(buf, pos, stop, len)
				   : last_line_end(buf, pos, stop, len);
		if (end && (first || !q))
			return end;
		if (!q)
			return last;
		size_t after = run_to_boundary(buf, end ? end : pos, len, delimiter, quote);
		if (!after)
			return end ? end : last;
		if (first)
			return after;
		last = pos = after;
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
