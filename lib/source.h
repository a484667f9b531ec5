/* Bytes of one input: a file, gzip (detected by its magic bytes, any number
 * of members) or standard input ("-"). Inputs are only ever opened read-only. */
#ifndef DQA_SOURCE_H
#define DQA_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <zlib.h>

#include "error.h"

struct source {
	gzFile gz;
	const char *name;   /* as shown in messages: the path, or <stdin> */
	uint64_t size;      /* of a regular file, else 0 */
};

int source_open(struct source *src, const char *path, dqa_error *err);
/* Reads up to cap bytes; returns the count, 0 at the end, or a negative
 * DQA_EINPUT with err filled. */
ssize_t source_read(struct source *src, void *buf, size_t cap, dqa_error *err);
/* Bytes of the file read so far (compressed bytes for gzip). */
uint64_t source_position(struct source *src);
void source_close(struct source *src);

#endif
