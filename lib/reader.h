/* CSV records from a source via libcsv: RFC 4180 quoting, LF or CRLF, BOM
 * stripped, delimiter sniffed, and the physical line where each record starts. */
#ifndef DQA_READER_H
#define DQA_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct limits;

struct dialect {
	char delimiter;   /* 0: sniff among , ; TAB | on the first line */
	char quote;
	const struct limits *limits;   /* field, record and column bounds; NULL: defaults */
};

#define DIALECT_INIT { 0, '"', NULL }

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

/* The delimiter of a file whose first line is in buf: the candidate seen
 * most often outside quotes, comma on a tie. */
char reader_sniff_delimiter(const char *buf, size_t len, char quote);
/* Drops a UTF-8 byte order mark from the front of buf; returns the new length. */
size_t reader_skip_bom(char *buf, size_t len);

/* Reads path ("-" for stdin) to its end or until fn stops it. */
int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err);

#endif
