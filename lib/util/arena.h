/* A bump allocator for objects that die together (the rule tree, the
 * compiled rule set, a result): many small allocations, one free. */
#ifndef DQA_ARENA_H
#define DQA_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { NULL }

/* Zeroed, 16-byte aligned memory, or NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of len bytes of s. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* Grows *items (capacity *cap, element size elem) to hold n+1 elements. */
int arena_reserve(struct arena *a, void **items, size_t *cap, size_t n, size_t elem);
/* Moves every allocation of `from` into `into`: they are freed with it. */
void arena_adopt(struct arena *into, struct arena *from);
void arena_release(struct arena *a);

#endif
