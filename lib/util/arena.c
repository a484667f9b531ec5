/* Bump allocator: memory comes from chained blocks freed all at once. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16 * 1024, ARENA_ALIGN = 16 };

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t want = size > ARENA_BLOCK ? size : ARENA_BLOCK;
		b = malloc(sizeof *b + want);
		if (!b)
			return NULL;
		b->size = want;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

int arena_reserve(struct arena *a, void **items, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t newcap = *cap ? *cap * 2 : 4;
	void *p = arena_alloc(a, newcap * elem);
	if (!p)
		return -1;
	if (*items)
		memcpy(p, *items, n * elem);
	*items = p;
	*cap = newcap;
	return 0;
}

void arena_adopt(struct arena *into, struct arena *from)
{
	struct arena_block *first = from->head;
	if (!first)
		return;
	from->head = NULL;
	if (!into->head) {
		into->head = first;
		return;
	}
	/* Behind into's head, which stays the block allocations come from. */
	struct arena_block *last = first;
	while (last->next)
		last = last->next;
	last->next = into->head->next;
	into->head->next = first;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
