/* The frame around every state file, dataset or suite: an 8-byte magic, a
 * format version, the CRC-32 and length of the payload (little-endian), so
 * a file of another kind, another version, cut short or damaged is told
 * apart before a byte of its payload is believed. */
#ifndef DQA_STATE_FRAME_H
#define DQA_STATE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "../dqa.h"
#include "../util/strbuf.h"
#include "codec.h"

/* Magic (8 bytes), format (u32), CRC-32 of the payload (u32), payload
 * length (u64). */
enum { STATE_HEADER = 24 };

struct state_kind {
	const char *magic;            /* 8 characters */
	uint32_t format;              /* bumped whenever the payload changes shape */
	const char *kind;             /* "dataset" or "suite" */
	const char *name;             /* in messages: "state file", "suite state file" */
	const char *hint;             /* how such a file is written */
};

extern const struct state_kind state_dataset_kind, state_suite_kind;

/* Room for the header at the end of out; frame_seal fills it once the
 * payload after it is complete. Returns the header's offset. */
size_t frame_start(struct strbuf *out);
void frame_seal(struct strbuf *out, size_t start, const struct state_kind *kind);

/* Checks data (len bytes, read from path) is a whole, undamaged state of
 * kind and points *payload at its payload. Not a state, cut short or a bad
 * checksum is DQA_EINPUT; a state of the other kind or another format
 * version is DQA_EARG. */
int frame_open(const struct state_kind *kind, const char *path, const unsigned char *data,
	       size_t len, struct state_in *payload, dqa_error *err);

/* DQA_EINPUT "corrupt ...: what" about the state of kind at path. */
int frame_corrupt(const struct state_kind *kind, const char *path, const char *what,
		  dqa_error *err);

/* DQA_EARG unless the state at path was written by this version of dqa. */
int frame_check_dqa_version(const char *path, const char *version, dqa_error *err);

/* The whole file into *data (malloc'd, caller frees). */
int state_read_file(const char *path, unsigned char **data, size_t *len, dqa_error *err);
/* Writes len bytes of data to path atomically. */
int state_save(const char *path, const char *data, size_t len, dqa_error *err);

#endif
