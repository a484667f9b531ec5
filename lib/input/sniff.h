/* Recognising what an input is by its first bytes (after gzip): delimited
 * text, JSON (routed to the JSON reader), or a format dqa does not read,
 * named for what it is instead of being read as CSV. */
#ifndef DQA_SNIFF_H
#define DQA_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

/* Bytes sniff_text looks at, at most. */
enum { SNIFF_BYTES = 512 };

/* How an input is read: INPUT_AUTO sniffs; --input-format or the rule
 * file's dataset: {format: ...} forces one. */
enum input_format { INPUT_AUTO, INPUT_CSV, INPUT_JSON, INPUT_XLSX };

/* The format of head (the first len bytes of input `name`, all of it when
 * shorter than SNIFF_BYTES) into *found: want itself unless INPUT_AUTO,
 * else JSON when it starts like JSON, else CSV. A format dqa does not read
 * is a DQA_EINPUT error naming it and what to do. utf16 allows a UTF-16
 * byte order mark (the rules declared encoding: utf-16). */
/* The format named `name` ("csv", "ndjson", "jsonl", "json" or "xlsx"); 0, or -1
 * for another name. */
int input_format_parse(const char *name, enum input_format *out);

int sniff_text(const unsigned char *head, size_t len, const char *name, bool utf16,
	       enum input_format want, enum input_format *found, dqa_error *err);

#endif
