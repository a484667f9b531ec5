/* JSON Lines (NDJSON) and JSON arrays of flat objects, read as records:
 * each top-level object is one record whose fields are the columns' values
 * (strings as their text, numbers, true and false as written, null and a
 * missing key as empty, a nested object or array as compact JSON text).
 * The parse is yajl's, element by element; this module finds where
 * elements end (without parsing) so that input can be cut into blocks
 * that each start at an element boundary, like CSV (csv_boundary.h). */
#ifndef DQA_JSON_CHUNK_H
#define DQA_JSON_CHUNK_H

#include "reader.h"
#include "../util/strbuf.h"

/* Records whose keys make up the columns when no header names them. */
enum { JSON_HEADER_RECORDS = 1000 };

/* The column names records are read into. */
struct json_columns {
	const char *const *names;
	const size_t *lens;
	size_t n;
};

struct json_chunk {
	void *yajl, *gen;          /* yajl_handle, yajl_gen of a nested value */
	const struct json_columns *columns;   /* NULL: collecting keys */
	struct strbuf keys;        /* collected keys, each followed by NUL */
	size_t nkeys;
	struct strbuf bytes;       /* the record's values, each followed by NUL */
	size_t *offsets, *lens;
	const char **fields;
	unsigned char *seen;
	size_t cap;
	size_t column;             /* the column of the value being read */
	int depth;                 /* 1 inside a record, more in a nested value */
	bool complete;             /* the record's closing brace was read */
	char why[160];             /* a callback's reason to stop */
	const char *hint;          /* and what to do */
	const struct limits *limits;
	bool array, closed;        /* a JSON array; its closing bracket seen */
};

/* columns NULL: json_chunk_parse only collects the keys it meets (union
 * in the order they first appear, at most limits->max_columns). array:
 * the elements of a JSON array whose opening bracket precedes the
 * chunk. */
int json_chunk_init(struct json_chunk *c, const struct json_columns *columns, bool array,
		    const struct limits *limits, dqa_error *err);
void json_chunk_release(struct json_chunk *c);

/* Parses buf[0..len), which starts at an element boundary on physical line
 * `line`, passing each record to fn (which may stop it by returning 1).
 * Unless last, the chunk ends at a boundary (json_last_boundary). At most
 * max_records records are read (0: all). Returns 0, 1 when fn stopped, or a
 * negative code with err filled (file:line:col). *records counts them. */
int json_chunk_parse(struct json_chunk *c, const char *buf, size_t len, uint64_t line,
		     bool last, size_t max_records, record_fn fn, void *ctx, const char *name,
		     size_t *records, dqa_error *err);

/* buf starts at an element boundary. The offset just past the last line
 * end outside any string and any object or array (relative to buf's
 * start), or 0 when there is none. */
size_t json_last_boundary(const char *buf, size_t len);

/* The offset past the object or array that opens at p[0], or 0 when it
 * does not end in p[0, len). */
size_t json_value_end(const char *p, size_t len);

/* The bytes of leading white space and of the opening bracket of a JSON
 * array at the start of buf (0 when it does not start with one, after
 * spaces); *lines counts the line ends among them. */
size_t json_array_start(const char *buf, size_t len, uint64_t *lines);

#endif
