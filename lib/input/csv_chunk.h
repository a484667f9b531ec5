/* Parses a chunk of CSV that starts at a record boundary into records, by
 * Python's csv.reader grammar (reader.h, dqa-rules(5)). A line without a
 * quote (most lines) is split in place with a 16-byte scan, and so is a line
 * whose quotes only wrap whole fields; any other record goes through the
 * byte-by-byte state machine (tests/unit/test_csv_chunk.c checks both
 * against a reference model, and against libcsv on well-formed input).
 * Why not libcsv for the slow path: its lenient mode keeps a field quoted
 * after text follows the closing quote (merging the following records),
 * and its strict mode only fails (CSV_EPARSE, no position), so recovering
 * would mean parsing the record again with a second parser. Python's
 * machine is five states; libcsv stays the oracle for well-formed records
 * in the unit test. */
#ifndef DQA_CSV_CHUNK_H
#define DQA_CSV_CHUNK_H

#include "reader.h"
#include "../util/strbuf.h"

struct csv_chunk {
	char delimiter, quote;
	struct strbuf bytes;       /* the slow path's fields, each followed by NUL */
	size_t *offsets, *lens;
	const char **fields;
	size_t nfields, cap;
	uint64_t line, record_line;
	/* The file's line end style (EOL_*): set it before a chunk that does
	 * not start the file; EOL_NONE learns it from the first record. */
	unsigned eol;
	/* The caller found the chunk to parse valid UTF-8: each record says so
	 * (record.utf8_valid). csv_chunk_init clears it. */
	bool utf8_valid;
	struct record rec;         /* what emit passes on besides the fields */
	record_fn fn;
	void *ctx;
	int rc;                    /* first non-zero callback result */
	bool last;
	const struct limits *limits;
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
 * final record without a line end is completed, and so is a quoted field
 * left open (FLAW_OPEN_QUOTE). A chunk that is not last must end at a record
 * boundary (csv_boundary.h). Returns 0, 1 when fn asked to stop, or a
 * negative code with err filled. */
int csv_chunk_parse(struct csv_chunk *c, char *buf, size_t len, uint64_t line, char delimiter,
		    bool last, record_fn fn, void *ctx, const char *name, dqa_error *err);

/* The error for a record spanning more than limit bytes of lines from
 * `line` on (readers use it before growing a buffer). Returns DQA_EINPUT. */
int csv_chunk_record_too_large(dqa_error *err, const char *name, uint64_t line, size_t limit);

#endif
