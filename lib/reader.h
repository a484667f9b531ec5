/* CSV records from a source via libcsv: RFC 4180 quoting, LF or CRLF, BOM
 * stripped, delimiter sniffed, and the physical line where each record starts. */
#ifndef DQA_READER_H
#define DQA_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct dialect {
	char delimiter;   /* 0: sniff among , ; TAB | on the first line */
	char quote;
};

#define DIALECT_INIT { 0, '"' }

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

/* Reads path ("-" for stdin) to its end or until fn stops it. */
int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err);

#endif
