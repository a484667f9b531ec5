/* Recognising files that are not delimited text by their first bytes
 * (after gzip), so that an Excel workbook or a JSON file is named for what
 * it is instead of being read as CSV. Readers for other formats will plug
 * in here: a format they read is then no longer refused. */
#ifndef DQA_SNIFF_H
#define DQA_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

/* Bytes sniff_text looks at, at most. */
enum { SNIFF_BYTES = 512 };

/* 0 when head (the first len bytes of input `name`, all of it when shorter
 * than SNIFF_BYTES) may be delimited text, else a DQA_EINPUT error naming
 * the format and what to do. utf16 allows a UTF-16 byte order mark (the
 * rules declared encoding: utf-16). */
int sniff_text(const unsigned char *head, size_t len, const char *name, bool utf16,
	       dqa_error *err);

#endif
