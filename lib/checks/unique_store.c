#include "unique_store.h"

#include <stdlib.h>
#include <string.h>

#include "../util/hugepage.h"

enum {
	SEGMENT_BYTES = 16 * 1024,
	BLOCK_BYTES = HUGE_PAGE_BYTES,
	ALONE_LIMIT = 1024 * 1024,       /* small audits never touch a block */
	RECORD_ALIGN = 4,
};

size_t occurrence_size(uint32_t len)
{
	return (sizeof(struct occurrence) + len + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
}

static struct segment *alone(size_t bytes)
{
	struct segment *seg = malloc(bytes);
	if (seg)
		*seg = (struct segment){.cap = bytes - sizeof *seg, .own = true};
	return seg;
}

static bool new_block(struct unique_store *st)
{
	if (st->nblocks == st->blocks_cap) {
		size_t cap = st->blocks_cap ? st->blocks_cap * 2 : 16;
		void **blocks = realloc(st->blocks, cap * sizeof *blocks);
		if (!blocks)
			return false;
		st->blocks = blocks;
		st->blocks_cap = cap;
	}
	void *block = hugepage_alloc(BLOCK_BYTES);
	if (!block)
		return false;
	st->blocks[st->nblocks++] = block;
	st->carve = block;
	st->carve_left = BLOCK_BYTES;
	return true;
}

/* A segment with room for a record of size bytes. */
static struct segment *new_segment(struct unique_store *st, size_t size)
{
	if (size > SEGMENT_BYTES - sizeof(struct segment))
		return alone(sizeof(struct segment) + size);
	struct segment *seg = st->spare;
	if (seg) {
		st->spare = seg->next;
	} else if (st->alone_bytes < ALONE_LIMIT) {
		seg = alone(SEGMENT_BYTES);
		st->alone_bytes += SEGMENT_BYTES;
	} else {
		if (st->carve_left < SEGMENT_BYTES && !new_block(st))
			return NULL;
		seg = (struct segment *)st->carve;
		*seg = (struct segment){.cap = SEGMENT_BYTES - sizeof *seg};
		st->carve += SEGMENT_BYTES;
		st->carve_left -= SEGMENT_BYTES;
	}
	if (seg) {
		seg->next = NULL;
		seg->len = 0;
	}
	return seg;
}

bool chunk_full(const struct chunk *c, uint32_t len)
{
	return !c->tail || c->tail->len + occurrence_size(len) > c->tail->cap;
}

bool chunk_append(struct unique_store *st, struct chunk *c, uint32_t tag, uint64_t where,
		  uint32_t unit, const void *key, uint32_t len)
{
	size_t size = occurrence_size(len);
	if (chunk_full(c, len)) {
		struct segment *seg = new_segment(st, size);
		if (!seg)
			return false;
		if (c->tail)
			c->tail->next = seg;
		else
			c->head = seg;
		c->tail = seg;
	}
	struct occurrence *o = (struct occurrence *)(c->tail->records + c->tail->len);
	o->unit = unit;
	o->len = len;
	o->tag = tag;
	memcpy(o->where_halves, &where, sizeof where);
	if (len)
		memcpy(o->key, key, len);
	c->tail->len += size;
	c->len += size;
	c->count++;
	return true;
}

/* The first occurrence at or after seg, or NULL. */
static const struct occurrence *settle(struct chunk_cursor *at)
{
	while (at->seg && at->pos >= at->seg->len) {
		at->seg = at->seg->next;
		at->pos = 0;
	}
	return at->seg ? (const struct occurrence *)(at->seg->records + at->pos) : NULL;
}

const struct occurrence *chunk_first(const struct chunk *c, struct chunk_cursor *at)
{
	*at = (struct chunk_cursor){c->head, 0};
	return settle(at);
}

const struct occurrence *chunk_next(struct chunk_cursor *at, const struct occurrence *o)
{
	at->pos += occurrence_size(o->len);
	return settle(at);
}

void chunk_filter(struct unique_store *st, struct chunk *c,
		  bool (*keep)(void *ctx, const struct occurrence *o), void *ctx)
{
	struct segment *out = c->head;
	size_t out_len = 0, len = 0, count = 0;
	struct chunk_cursor at;
	for (const struct occurrence *o = chunk_first(c, &at); o; o = settle(&at)) {
		/* read before the move, which may overwrite o's start */
		size_t size = occurrence_size(o->len);
		/* A key longer than a segment may leave segments empty on the
		 * way; iteration skips them. out stops at the reader's segment
		 * at the latest, so o only ever moves backwards. */
		while (out_len + size > out->cap) {
			out->len = out_len;
			out = out->next;
			out_len = 0;
		}
		unsigned char *to = out->records + out_len;
		if (to != (const unsigned char *)o)
			memmove(to, o, size);
		if (keep(ctx, (const struct occurrence *)to)) {
			out_len += size;
			len += size;
			count++;
		}
		at.pos += size;
	}
	if (!out)
		return;
	out->len = out_len;
	struct segment *rest = out->next;
	out->next = NULL;
	c->tail = out;
	c->len = len;
	c->count = count;
	while (rest) {
		struct segment *next = rest->next;
		if (rest->cap > SEGMENT_BYTES - sizeof *rest) {
			free(rest);
		} else {
			rest->next = st->spare;
			st->spare = rest;
		}
		rest = next;
	}
}

static void free_own(struct segment *seg)
{
	while (seg) {
		struct segment *next = seg->next;
		if (seg->own)
			free(seg);
		seg = next;
	}
}

bool unique_store_adopt(struct unique_store *into, struct unique_store *from)
{
	if (from->nblocks) {
		size_t need = into->nblocks + from->nblocks;
		if (need > into->blocks_cap) {
			void **blocks = realloc(into->blocks, need * sizeof *blocks);
			if (!blocks)
				return false;
			into->blocks = blocks;
			into->blocks_cap = need;
		}
		memcpy(into->blocks + into->nblocks, from->blocks, from->nblocks * sizeof *from->blocks);
		into->nblocks = need;
		from->nblocks = 0;
	}
	struct segment **end = &into->spare;
	while (*end)
		end = &(*end)->next;
	*end = from->spare;
	from->spare = NULL;
	from->carve = NULL;
	from->carve_left = 0;
	return true;
}

void chunk_release(struct chunk *c)
{
	free_own(c->head);
	*c = (struct chunk){0};
}

void unique_store_release(struct unique_store *st)
{
	free_own(st->spare);
	for (size_t i = 0; i < st->nblocks; i++)
		free(st->blocks[i]);
	free(st->blocks);
	*st = (struct unique_store){0};
}
