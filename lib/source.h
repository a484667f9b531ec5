/* Bytes of one input: a file, gzip (detected by its magic bytes, any number
 * of members) or standard input ("-"). Inputs are only ever opened read-only. */
#ifndef DQA_SOURCE_H
#define DQA_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"

struct inflater;

struct source {
	const char *name;       /* as shown in messages: the path, or <stdin> */
	uint64_t size;          /* of a regular file, else 0 */
	uint64_t position;      /* bytes read from the file so far */
	int fd;
	struct inflater *z;     /* NULL: not gzip */
	unsigned char *in;      /* bytes read but not yet used */
	size_t in_at, in_len;
	bool eof;               /* the file has no more bytes */
	bool in_member;         /* inside a gzip member */
	bool done;              /* gzip: what follows the last member is ignored */
};

int source_open(struct source *src, const char *path, dqa_error *err);
/* Reads up to cap bytes; returns the count, 0 at the end, or a negative
 * DQA_EINPUT with err filled. */
ssize_t source_read(struct source *src, void *buf, size_t cap, dqa_error *err);
/* Moves a plain (not gzip) file to byte offset; 0 or -1 (errno set). */
int source_seek(struct source *src, uint64_t offset);
/* Bytes of the file read so far (compressed bytes for gzip). */
uint64_t source_position(struct source *src);
void source_close(struct source *src);

#endif
