/* Parses a chunk of CSV that starts at a record boundary into records. A
 * line without quote characters or stray CRs (most lines) is split in place
 * with memchr; any other line goes through libcsv, so results are exactly
 * libcsv's (tests/unit/test_csv_chunk.c checks this on random input). */
#ifndef DQA_CSV_CHUNK_H
#define DQA_CSV_CHUNK_H

#include <csv.h>

#include "reader.h"
#include "strbuf.h"

struct csv_chunk {
	struct csv_parser parser;
	char delimiter, quote;
	struct strbuf bytes;       /* libcsv's fields, each followed by NUL */
	size_t *offsets, *lens;
	const char **fields;
	size_t nfields, cap;
	uint64_t line, record_line;
	record_fn fn;
	void *ctx;
	int rc;                    /* first non-zero callback result */
	bool failed_alloc;
	const struct limits *limits;
	size_t record_bytes;       /* of the lines the current record spans */
	const char *name;          /* for errors while parsing */
	dqa_error *err;
};

/* limits NULL: the defaults (limits.h). A field, record or record width
 * beyond them makes csv_chunk_parse fail with DQA_EINPUT at the record. */
int csv_chunk_init(struct csv_chunk *c, char quote, const struct limits *limits, dqa_error *err);
void csv_chunk_release(struct csv_chunk *c);

/* Parses buf[0..len) whose first byte starts a record on physical line
 * `line`. buf must have one writable byte past len; fields of simple lines
 * point into buf, which is modified. `last` marks the end of the input: a
 * final record without a newline is completed, and an open quoted field is
 * an error (named `name`). A chunk that is not last must end at a record
 * boundary (csv_boundary.h). Returns 0, 1 when fn asked to stop, or a
 * negative code with err filled. */
int csv_chunk_parse(struct csv_chunk *c, char *buf, size_t len, uint64_t line, char delimiter,
		    bool last, record_fn fn, void *ctx, const char *name, dqa_error *err);

/* The error for a record spanning more than limit bytes of lines from
 * `line` on (readers use it before growing a buffer). Returns DQA_EINPUT. */
int csv_chunk_record_too_large(dqa_error *err, const char *name, uint64_t line, size_t limit);

#endif
