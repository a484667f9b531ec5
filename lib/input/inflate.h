/* Streaming inflation, of gzip members or of a ZIP entry's raw deflate
 * stream, behind one small interface with two builds: ISA-L's igzip
 * (inflate_isal.c, about three times zlib's speed here) when meson finds
 * libisal, else zlib (inflate_zlib.c). */
#ifndef DQA_INFLATE_H
#define DQA_INFLATE_H

#include <stdbool.h>
#include <stddef.h>

struct inflater;

struct inflater *inflater_new(void);
/* A raw deflate stream (no wrapper, no trailer), its CRC-32 kept for
 * inflater_crc; *member_end is set at the end of its last block. */
struct inflater *inflater_new_raw(void);
/* The CRC-32 of all a raw inflater has produced. */
unsigned long inflater_crc(const struct inflater *z);
/* Inflates from in[0..in_len) into out[0..out_cap), setting how much of
 * each was used. *member_end is set when a gzip member ended (its checksum
 * verified): call inflater_reset before the next member. Returns 0, or -1
 * with *error naming what is wrong with the data. */
int inflater_run(struct inflater *z, const unsigned char *in, size_t in_len, size_t *consumed,
		 unsigned char *out, size_t out_cap, size_t *produced, bool *member_end,
		 const char **error);
void inflater_reset(struct inflater *z);
void inflater_free(struct inflater *z);

#endif
