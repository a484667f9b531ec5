/* A streaming JSON writer into a strbuf, byte for byte what jansson's
 * json_dumps gives with JSON_INDENT(2) | JSON_PRESERVE_ORDER |
 * JSON_REAL_PRECISION(15), without building a tree first. */
#ifndef DQA_JSON_WRITER_H
#define DQA_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/strbuf.h"

struct json_writer {
	struct strbuf *out;
	unsigned depth;    /* open containers */
	bool empty;        /* the innermost open container has no item yet */
	bool after_key;    /* a key was written: the next value is its value */
	bool line;         /* all on one line (JSON Lines) */
};

/* Starts a document in `out` (not owned). The writer keeps no state of its
 * own to free; the text and any allocation failure are in `out`. */
void jw_init(struct json_writer *w, struct strbuf *out);
/* The same for a document on one line, items separated by ", " (JSON
 * Lines): no newline or indentation inside it. */
void jw_init_line(struct json_writer *w, struct strbuf *out);

/* Containers: each begin is matched by its end. Inside an object every
 * value is preceded by jw_key. */
void jw_begin_object(struct json_writer *w);
void jw_end_object(struct json_writer *w);
void jw_begin_array(struct json_writer *w);
void jw_end_array(struct json_writer *w);

/* An object member's name; the caller makes sure it is valid UTF-8 (jansson
 * refuses other keys). */
void jw_key(struct json_writer *w, const char *key);

/* A string value of any NUL-terminated bytes: invalid UTF-8 bytes become
 * U+FFFD one by one, so a damaged value from the data still shows. */
void jw_string(struct json_writer *w, const char *s);
/* The same for len bytes, where a NUL byte is written as \u0000. */
void jw_stringn(struct json_writer *w, const char *s, size_t len);
void jw_integer(struct json_writer *w, long long v);
/* A real as "%.15g" always carrying a '.' or an exponent, so it reads back
 * as a real. JSON has no NaN or infinity: those are written as null. */
void jw_real(struct json_writer *w, double v);
void jw_null(struct json_writer *w);
void jw_bool(struct json_writer *w, bool v);

#endif
