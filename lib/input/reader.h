/* CSV records from a source, read as Python's csv.reader reads them (the
 * grammar is in dqa-rules(5)): LF, CRLF or CR line ends, BOM stripped,
 * delimiter sniffed, the physical line where each record starts, and what
 * makes a record other than well-formed RFC 4180. */
#ifndef DQA_READER_H
#define DQA_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/error.h"

struct encoding;
struct limits;

struct dialect {
	char delimiter;   /* 0: sniff among , ; TAB | on the first line */
	char quote;
	const struct limits *limits;   /* field, record and column bounds; NULL: defaults */
	const struct encoding *encoding;   /* of the bytes; NULL: UTF-8 */
	unsigned header_row;           /* the header's line (0 as 1): lines before it are skipped */
	unsigned char format;          /* enum input_format (sniff.h); 0: sniffed per input */
	const char *sheet;             /* of a workbook: a name or position; NULL: the first */
	const char *query;             /* a PostgreSQL source's SELECT (pg.h); NULL: a table */
	const char *shard_by;          /* the column a table's shards hash; NULL: not split */
};

#define DIALECT_INIT { 0, '"', NULL, NULL, 1, 0, NULL, NULL, NULL }

/* Why a record is not well-formed RFC 4180 (it is still read as Python
 * reads it). */
enum record_flaw {
	FLAW_NONE,
	FLAW_TEXT_AFTER_QUOTE,     /* "ab"c: the field goes on unquoted */
	FLAW_SPACE_AFTER_QUOTE,    /* "ab" , */
	FLAW_QUOTE_IN_FIELD,       /* ab"c: the quote is data */
	FLAW_SPACE_BEFORE_QUOTE,   /*  "ab": the quotes are data */
	FLAW_OPEN_QUOTE,           /* a quoted field still open at the end */
	FLAW_LINE_ENDING           /* ended unlike the file's first record */
};

/* Line end styles; EOL_NONE: not known yet, or the file's end. */
enum { EOL_NONE, EOL_LF, EOL_CRLF, EOL_CR };

/* One record. fields[i] is NUL-terminated at fields[i][lens[i]]; both arrays
 * live only until the callback returns. A blank line is a record with n 0.
 * raw[0..raw_len) are the record's bytes without its line end; when
 * in_place, the byte after each field may have been overwritten by the NUL
 * (record_raw_text gives them back). */
struct record {
	const char *const *fields;
	const size_t *lens;
	size_t n;
	uint64_t line;
	const char *raw;
	size_t raw_len;
	char delimiter, quote;
	bool in_place;
	/* The whole block the record was parsed from is valid UTF-8, so every
	 * field is (csv_chunk.utf8_valid; false when nobody checked). */
	bool utf8_valid;
	unsigned char eol;         /* its line end, EOL_* */
	unsigned char flaw;        /* enum record_flaw, the first one found */
	uint64_t flaw_line;        /* where the flaw is (FLAW_NONE: 0) */
	uint32_t flaw_col;
	const char *sheet;         /* the workbook sheet it is a row of, else NULL */
};

/* Copies the record's raw text, cut to cap - 1 bytes, into out (NUL
 * terminated); returns the bytes copied. */
size_t record_raw_text(const struct record *rec, char *out, size_t cap);
/* What a flaw is, in a few words ("text after a closing quote"). */
const char *record_flaw_name(unsigned flaw);

/* Called for every record in order, the header included. Returns 0 to go
 * on, 1 to stop reading, or a negative code (having filled its own error). */
typedef int (*record_fn)(void *ctx, const struct record *rec);

static inline unsigned dialect_header_line(const struct dialect *d)
{
	return d->header_row ? d->header_row : 1;
}

/* The delimiter of a file whose first line is in buf: the candidate seen
 * most often outside quotes, comma on a tie. */
char reader_sniff_delimiter(const char *buf, size_t len, char quote);
/* Drops a UTF-8 byte order mark from the front of buf; returns the new length. */
size_t reader_skip_bom(char *buf, size_t len);
/* Where the header line starts in buf[0, len), the first bytes of a text:
 * after dialect->header_row - 1 lines. SIZE_MAX while, short of eof, buf
 * does not yet hold the header line and the start of the next one (as
 * reader_title_row looks at both). At eof with fewer lines: len. */
size_t reader_header_start(const char *buf, size_t len, const struct dialect *dialect,
			   bool eof);
/* 0 unless buf (the text from the header line on, all of it when eof, else
 * at least its first two lines) starts with a probable title: one
 * non-empty field (alone, or padded with 2 or more empty ones) above a
 * line of 2 or more non-empty fields. Then a DQA_EINPUT error that
 * suggests header_row. delimiter 0: sniffed from the second line. */
int reader_title_row(const char *buf, size_t len, char delimiter, char quote,
		     const char *name, unsigned line, dqa_error *err);

/* Reads path ("-" for stdin) to its end or until fn stops it. Blank lines
 * (records with no fields) are not passed to fn. */
int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err);
/* reader_scan of a PostgreSQL URI's rows as sel gives them (pg.h). */
struct pg_select;
int reader_scan_select(const char *path, const struct dialect *dialect,
		       const struct pg_select *sel, record_fn fn, void *ctx, dqa_error *err);

#endif
