/* An exact stand-in for PCRE2 (UTF, MATCH_INVALID_UTF) on the simplest
 * anchored patterns, such as '^0[35789][0-9]{8}$': a run of single-byte
 * ASCII items each with a greedy count, matched without backtracking. */
#ifndef DQA_REGEX_SIMPLE_H
#define DQA_REGEX_SIMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	REGEX_SIMPLE_MAX_ITEMS = 32,       /* one bit each in classes[] */
	REGEX_SIMPLE_MAX_COUNT = 1000,     /* the largest n or m of {n,m} taken */
};
#define REGEX_SIMPLE_UNBOUNDED UINT32_MAX

struct regex_simple_item {
	uint32_t min, max;                 /* max: REGEX_SIMPLE_UNBOUNDED for * and + */
};

/* One table lookup tests a byte against any item's class. */
struct regex_simple {
	uint32_t classes[256];             /* bit i of [byte]: in item i's class */
	struct regex_simple_item items[REGEX_SIMPLE_MAX_ITEMS];
	uint32_t nitems;
	bool dollar;                       /* ends in $: the end, or before a final \n */
};

/* Compiles pattern (len bytes, no NUL needed) into *re when it is simple:
 * '^', then items (an ASCII literal, an escaped ASCII punctuation mark,
 * \d, or a class [...] of those and ranges, with an optional greedy ?, *,
 * +, {n}, {n,} or {n,m}), then an optional '$' (without one, some item
 * must need a byte), and no variable-count item whose class meets a class
 * that could match the byte after it. False
 * otherwise: the pattern then needs PCRE2, and *re is unspecified. */
bool regex_simple_compile(struct regex_simple *re, const char *pattern, size_t len);

/* Subjects shorter than this are sure to get an answer from PCRE2 run with
 * these match and depth limits, rather than a limit error, so that
 * regex_simple_match stands in for it on them; 0 when none is. */
size_t regex_simple_reach(const struct regex_simple *re, uint32_t match_limit,
			  uint32_t depth_limit);

/* Whether re matches subject (len bytes; NULL when len is 0), exactly as
 * PCRE2 would with the pattern compiled with PCRE2_UTF |
 * PCRE2_MATCH_INVALID_UTF. No allocation. */
bool regex_simple_match(const struct regex_simple *re, const char *subject, size_t len);

/* A pattern's stand-in for PCRE2 where it has one: its simple program,
 * answering for subjects shorter than reach (0 when the pattern is not
 * simple, so that PCRE2 answers for every subject). */
struct regex_shortcut {
	const struct regex_simple *simple;
	size_t reach;
};

struct arena;

/* Sets *out for pattern (len bytes) as PCRE2 runs it with these limits,
 * the program kept in arena a. false only when out of memory. */
bool regex_shortcut_init(struct regex_shortcut *out, struct arena *a, const char *pattern,
			 size_t len, uint32_t match_limit, uint32_t depth_limit);
/* True when the shortcut answers for subject; *matched is then the answer.
 * Inline: it is on every row of a regex check. */
static inline bool regex_shortcut_try(const struct regex_shortcut *s, const char *subject,
				      size_t len, bool *matched)
{
	if (len >= s->reach)
		return false;
	*matched = regex_simple_match(s->simple, subject, len);
	return true;
}

#endif
