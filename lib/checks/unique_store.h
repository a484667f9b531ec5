/* Where clean.unique keeps the occurrences a worker files: per partition a
 * chunk, a list of fixed-size segments of records in file order. Segments
 * never move (the key set points into them) and, past the first megabyte a
 * worker files, are carved from 2 MiB blocks that ask for huge pages: an
 * audit of millions of distinct keys otherwise spends much of its time in
 * page faults and TLB misses, and growing contiguous buffers copies them. */
#ifndef DQA_UNIQUE_STORE_H
#define DQA_UNIQUE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/keyset.h"

struct segment {
	struct segment *next;
	size_t len, cap;              /* bytes of records, room for them */
	bool own;                     /* malloc'd alone, not carved from a block */
	_Alignas(uint64_t) unsigned char records[];
};

struct chunk {
	struct segment *head, *tail;
	size_t len, count;            /* bytes and occurrences in all segments */
	size_t compact_at;            /* a chunk this large is compacted when full */
};

/* The segments of one worker's (or shard's) chunks come from here. */
struct unique_store {
	void **blocks;
	size_t nblocks, blocks_cap;
	unsigned char *carve;         /* the unused rest of the newest block */
	size_t carve_left;
	size_t alone_bytes;           /* malloc'd so far, before blocks are used */
	struct segment *spare;        /* emptied by compaction, for reuse */
};

/* Bytes an occurrence with a key of len bytes takes in a segment. */
size_t occurrence_size(uint32_t len);

/* Appends an occurrence to c; false when out of memory. */
bool chunk_append(struct unique_store *st, struct chunk *c, uint32_t tag, uint64_t where,
		  uint32_t unit, const void *key, uint32_t len);
/* True when appending a key of len bytes needs a new segment. */
bool chunk_full(const struct chunk *c, uint32_t len);

/* Visits c's occurrences in order: for (o = chunk_first(c, &at); o; o = chunk_next(&at, o)). */
struct chunk_cursor {
	const struct segment *seg;
	size_t pos;
};
const struct occurrence *chunk_first(const struct chunk *c, struct chunk_cursor *at);
const struct occurrence *chunk_next(struct chunk_cursor *at, const struct occurrence *o);

/* Keeps the occurrences for which keep() is true, in order, in place: each
 * is moved to its kept place before keep() sees it. Emptied segments go to
 * st's spares. */
void chunk_filter(struct unique_store *st, struct chunk *c,
		  bool (*keep)(void *ctx, const struct occurrence *o), void *ctx);

/* Moves every segment and block of from into into (from is left empty). */
bool unique_store_adopt(struct unique_store *into, struct unique_store *from);
/* Frees c's segments (their blocks stay with the store). */
void chunk_release(struct chunk *c);
void unique_store_release(struct unique_store *st);

#endif
