/* Where JSON elements end, found without parsing: the string and nesting
 * state, tracked from a boundary on (a raw line end cannot occur inside a
 * JSON string, but one may occur inside a pretty-printed object). */
#include "json_chunk.h"

#include <string.h>

/* Nesting after p[0, len) from depth 0, ignoring brackets in strings and
 * never below 0; *last_line_end is the offset past the last line end seen
 * at depth 0 (0 when none). Returns the offset where depth came back to 0
 * after the first opening bracket when stop_at_close, else len. */
static size_t walk(const char *p, size_t len, bool stop_at_close, size_t *last_line_end)
{
	int depth = 0;
	bool in_string = false;
	*last_line_end = 0;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			depth -= depth > 0;
			if (stop_at_close && depth == 0)
				return i + 1;
			break;
		case '\n':
			if (depth == 0)
				*last_line_end = i + 1;
			break;
		}
	}
	return stop_at_close ? 0 : len;
}

size_t json_last_boundary(const char *buf, size_t len)
{
	size_t at;
	walk(buf, len, false, &at);
	return at;
}

/* The offset past the value that opens at p[0], or 0 when it does not end
 * in p[0, len). */
size_t json_value_end(const char *p, size_t len)
{
	size_t unused;
	return walk(p, len, true, &unused);
}

size_t json_array_start(const char *buf, size_t len, uint64_t *lines)
{
	size_t i = 0;
	*lines = 0;
	while (i < len && strchr(" \t\r\n", buf[i]) && buf[i]) {
		*lines += buf[i] == '\n';
		i++;
	}
	if (i < len && buf[i] == '[')
		return i + 1;
	*lines = 0;
	return 0;
}
