/* CSV records from a source via libcsv: RFC 4180 quoting, LF or CRLF, BOM
 * stripped, delimiter sniffed, and the physical line where each record starts. */
#ifndef DQA_READER_H
#define DQA_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct encoding;
struct limits;

struct dialect {
	char delimiter;   /* 0: sniff among , ; TAB | on the first line */
	char quote;
	const struct limits *limits;   /* field, record and column bounds; NULL: defaults */
	const struct encoding *encoding;   /* of the bytes; NULL: UTF-8 */
	unsigned header_row;           /* the header's line (0 as 1): lines before it are skipped */
};

#define DIALECT_INIT { 0, '"', NULL, NULL, 1 }

/* One record. fields[i] is NUL-terminated at fields[i][lens[i]]; both arrays
 * live only until the callback returns. */
struct record {
	const char *const *fields;
	const size_t *lens;
	size_t n;
	uint64_t line;
};

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

/* Reads path ("-" for stdin) to its end or until fn stops it. */
int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err);

#endif
