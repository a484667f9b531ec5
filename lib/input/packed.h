/* Records packed into a block by the reading thread, for readers whose
 * records only that thread can find (a workbook's sheet), and unpacked by
 * the workers: the same records, fields and lines the reader gave (its
 * text valid UTF-8, as expat hands it over). */
#ifndef DQA_PACKED_H
#define DQA_PACKED_H

#include "reader.h"

struct packed_reader {
	const char **fields;
	size_t *lens;
	size_t cap;
};

/* Appends rec to buf[0, *len) (capacity *cap, grown with realloc, keeping
 * one spare byte); 0, or -1 when out of memory. */
int packed_put(char **buf, size_t *len, size_t *cap, const struct record *rec);

/* Passes each record packed in buf[0, len) to fn; 0, fn's 1, or a negative
 * code (fn's, or DQA_ENOMEM with err filled). */
int packed_parse(struct packed_reader *r, const char *buf, size_t len, record_fn fn,
		 void *ctx, dqa_error *err);

void packed_release(struct packed_reader *r);

#endif
