/* Which part of the inputs shard I of N audits: byte ranges of a single
 * plain file cut at exact record boundaries, a single PostgreSQL input's
 * rows by the hash of dialect->shard_by (pg.h), or every N-th file of
 * several.
 * Sharded and merged, the parts add up to exactly one unsharded audit. */
#ifndef DQA_SHARD_H
#define DQA_SHARD_H

#include "reader.h"
#include "../scan.h"

/* The parts shard `index` (1-based) of `count` reads, in a malloc'd array
 * (*out, *nparts). The first part is always input 0, whose header binds
 * the plan (with an empty range when the shard has none of its records).
 * Fails with DQA_EARG for what cannot be split (standard input, a single
 * gzip file) and DQA_EINPUT when a file cannot be read. */
int shard_parts(const char *const *inputs, size_t ninputs, const struct dialect *dialect,
		unsigned index, unsigned count, struct scan_part **out, size_t *nparts,
		dqa_error *err);

#endif
