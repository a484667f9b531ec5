/* Text of one input: a file, gzip (detected by its magic bytes, any number
 * of members), standard input ("-") or a PostgreSQL table's CSV (pg.h), refused when its first bytes show
 * another format (sniff.h), without a UTF-8 byte order mark, and converted
 * to UTF-8 from the declared encoding (transcode.h). Inputs are only ever
 * opened read-only. */
#ifndef DQA_SOURCE_H
#define DQA_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../util/error.h"
#include "sniff.h"

struct encoding;
struct inflater;
struct pg;
struct pg_select;
struct transcoder;

struct source {
	const char *name;       /* as shown in messages: the path, or <stdin> */
	uint64_t size;          /* of a regular file, else 0 */
	uint64_t position;      /* bytes read from the file so far */
	int fd;
	struct inflater *z;     /* NULL: not gzip */
	struct pg *pg;          /* a PostgreSQL table, else NULL */
	unsigned char *in;      /* bytes read but not yet used */
	size_t in_at, in_len;
	bool eof;               /* the file has no more bytes */
	bool in_member;         /* inside a gzip member */
	bool done;              /* gzip: what follows the last member is ignored */
	/* After gzip: */
	const struct encoding *encoding;   /* NULL: UTF-8 */
	struct transcoder *tc;  /* NULL: UTF-8, handed on as it is */
	unsigned char *raw;     /* bytes not yet handed on (or decoded) */
	size_t raw_at, raw_len;
	uint64_t decoded;       /* bytes decoded so far, for messages */
	char spill[32];         /* decoded for a read smaller than a character */
	size_t spill_at, spill_len;
	bool started;           /* the head has been sniffed */
	bool raw_eof;
	unsigned skipped;       /* bytes dropped at the start: a byte order mark */
	enum input_format want; /* set before the first read; INPUT_AUTO: sniff */
	enum input_format format;   /* known after the first read */
};

/* encoding NULL: UTF-8. sel: what a PostgreSQL URI reads (pg.h), NULL for
 * its table's rows. */
int source_open(struct source *src, const char *path, const struct encoding *encoding,
		const struct pg_select *sel, dqa_error *err);
/* Reads up to cap bytes of text; returns the count, 0 at the end, or a
 * negative DQA_EINPUT with err filled (also for a file that is not text,
 * or a byte not in the encoding). src->skipped is known after the first
 * read. */
ssize_t source_read(struct source *src, void *buf, size_t cap, dqa_error *err);
/* Moves a plain (not gzip, not transcoded) file to byte offset; 0 or -1. */
int source_seek(struct source *src, uint64_t offset);
/* Bytes of the file read so far (compressed bytes for gzip). */
uint64_t source_position(struct source *src);
void source_close(struct source *src);

#endif
