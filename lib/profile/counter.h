/* Value counts of one column: exact while the column holds at most `cap`
 * distinct values; past that, the counts of a sample of the occurrences,
 * each drawn by a hash of its value and position (input and line) at rate
 * 2^-level, the highest rate whose sample holds at most cap distinct
 * values. The sample, and every answer read from it, is a function of the
 * data alone: the same for any split of the rows among workers. */
#ifndef DQA_PROFILE_COUNTER_H
#define DQA_PROFILE_COUNTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../util/strset.h"
#include "value_hash.h"

/* Sampling levels: level l keeps an occurrence with probability 2^-l. */
enum { COUNTER_LEVELS = 24 };

/* A value's occurrences by the level of each: an occurrence of level l
 * is in the sample at every counter level up to l. */
struct counter_levels {
	uint32_t at[COUNTER_LEVELS];
	uint32_t top;           /* the highest level with an occurrence */
};

/* Counts n occurrences of level l in e. */
static inline void counter_levels_add(struct counter_levels *e, unsigned l, uint32_t n)
{
	e->at[l] += n;
	e->top = l > e->top ? l : e->top;
}

/* Values up to this many bytes are remembered as the last one counted: a
 * column of one shape then finds its entry without a table lookup. */
enum { COUNTER_LAST_MAX = 48 };

/* What a raise of the level fills and swaps with a counter's table and
 * levels: the memory of an earlier raise, so that raising again touches no
 * new page. One spare may serve every counter that one thread raises. */
struct counter_spare {
	struct strset set;
	struct counter_levels *levels;
	size_t levels_cap;
};

struct counter {
	struct strset set;              /* value -> index into levels, by value_hash:
					   only strset's *_hashed calls */
	struct counter_levels *levels;
	size_t levels_cap;
	struct counter_spare own;       /* the spare raises use ... */
	struct counter_spare *shared;   /* ... unless one is shared (not owned) */
	size_t cap;                     /* distinct values kept exactly */
	unsigned level;                 /* 0: exact; else occurrences below it are not counted */
	/* The last value counted, while the table keeps its index. */
	uint64_t last_hash;
	size_t last_index;
	uint8_t last_len;               /* 0: none */
	char last[COUNTER_LAST_MAX];
};

struct counter_entry {
	const char *value;      /* in the counter's table, not NUL-terminated */
	size_t len;
	uint64_t count;         /* exact, or the sampled count times 2^level */
};

/* A sampled value is shown among the top values only with at least this
 * many occurrences in the sample (its estimate is then within 50% at two
 * standard errors). */
enum { COUNTER_MIN_SAMPLED = 16 };

void counter_init(struct counter *c, size_t cap);
/* The position key of a field: its input and the line its record starts on. */
uint64_t counter_position(uint32_t input, uint64_t line);
/* The sample level of an occurrence of a value (hash: its value_hash) at
 * position: the leading zeros of one multiply-fold of the two (both mixed
 * already) by the fractional part of the square root of 11. */
static inline unsigned counter_level_of(uint64_t hash, uint64_t position)
{
	uint64_t h = value_hash_fold(hash ^ position, 0x510e527fade682d1ULL);
	unsigned zeros = (unsigned)__builtin_clzll(h | 1);
	return zeros < COUNTER_LEVELS ? zeros : COUNTER_LEVELS - 1;
}
/* Counts n occurrences of level l (counter_level_of) of the value. Returns
 * 0, or -1 out of memory. */
int counter_add_level(struct counter *c, const char *s, size_t len, uint64_t hash, unsigned l,
		      uint32_t n);
/* Counts the value's occurrences of every level of e, as counter_add_level
 * each. */
int counter_add_levels(struct counter *c, const char *s, size_t len, uint64_t hash,
		       const struct counter_levels *e);
/* Counts one occurrence of the value (hash: its value_hash) at position
 * (counter_position); one below the sampled level costs a multiply-fold.
 * Returns 0, or -1 out of memory. */
static inline int counter_add(struct counter *c, const char *s, size_t len, uint64_t hash,
			      uint64_t position)
{
	unsigned l = counter_level_of(hash, position);
	return l < c->level ? 0 : counter_add_level(c, s, len, hash, l, 1);
}
/* Whether s is the last value counted: word by word, without a call (a
 * column of one shape asks at every field). */
static inline bool counter_is_last(const struct counter *c, const char *s, size_t len)
{
	if (!c->last_len || len != c->last_len)
		return false;
	uint64_t a, b;
	if (len >= 8) {
		for (size_t i = 0; i + 8 < len; i += 8) {
			memcpy(&a, s + i, 8);
			memcpy(&b, c->last + i, 8);
			if (a != b)
				return false;
		}
		memcpy(&a, s + len - 8, 8);
		memcpy(&b, c->last + len - 8, 8);
		return a == b;
	}
	uint32_t x, y, u, v;
	if (len >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, c->last, 4);
		memcpy(&u, s + len - 4, 4);
		memcpy(&v, c->last + len - 4, 4);
		return x == y && u == v;
	}
	for (size_t i = 0; i < len; i++)
		if (s[i] != c->last[i])
			return false;
	return true;
}

/* counter_add for a value not hashed yet: the last value counted needs no
 * hash (inline: a column of one shape asks at every field). */
static inline int counter_add_text(struct counter *c, const char *s, size_t len,
				   uint64_t position)
{
	if (!counter_is_last(c, s, len))
		return counter_add(c, s, len, value_hash(s, len), position);
	unsigned l = counter_level_of(c->last_hash, position);
	if (l >= c->level)
		counter_levels_add(&c->levels[c->last_index], l, 1);
	return 0;
}
/* Adds from's counts to into (same cap). Returns 0 or -1 out of memory. */
int counter_merge(struct counter *into, const struct counter *from);
static inline bool counter_exact(const struct counter *c)
{
	return c->level == 0;
}
/* The k most frequent values into out (room for k), most frequent first,
 * ties in byte order of the value; past the exact bound only values
 * sampled at least COUNTER_MIN_SAMPLED times. Returns how many. */
size_t counter_top(const struct counter *c, struct counter_entry *out, size_t k);
/* Every entry into a malloc'd array (in no order) and its length in *n;
 * NULL with *n 0 when empty or out of memory. */
struct counter_entry *counter_entries(const struct counter *c, size_t *n);
/* counter_entries in counter_top's order. */
struct counter_entry *counter_sorted(const struct counter *c, size_t *n);
void counter_release(struct counter *c);
void counter_spare_release(struct counter_spare *s);

#endif
