/* The simple-pattern matcher: a parser that accepts only what it can match
 * exactly as PCRE2 does, leaving every odd corner of PCRE2's syntax (a '{'
 * that is no quantifier, ']' first in a class, POSIX classes) to PCRE2. */
#include "regex_simple.h"

#include <string.h>

#include "arena.h"

struct cursor {
	const unsigned char *at, *end;
};

static bool ascii_punct(unsigned c)
{
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
	       !(c >= 'A' && c <= 'Z');
}

static bool printable_ascii(unsigned c)
{
	return c >= ' ' && c < 0x7f;
}

/* Where an item's class goes: the program's table, and the item's bit. */
struct class_out {
	uint32_t *classes;
	uint32_t bit;
};

static void set_add(struct class_out out, unsigned c)
{
	out.classes[c] |= out.bit;
}

static void set_range(struct class_out out, unsigned lo, unsigned hi)
{
	for (unsigned c = lo; c <= hi; c++)
		set_add(out, c);
}

static bool classes_meet(const struct regex_simple *re, uint32_t i, uint32_t j)
{
	const uint32_t both = UINT32_C(1) << i | UINT32_C(1) << j;
	for (unsigned c = 0; c < 256; c++)
		if ((re->classes[c] & both) == both)
			return true;
	return false;
}

static bool next_is(const struct cursor *cur, unsigned char c)
{
	return cur->at < cur->end && *cur->at == c;
}

/* After a backslash: \d or an escaped punctuation mark. Letters and digits
 * (\w, \n, \x41, \1, \Q, ...) mean more than one byte of syntax to copy. */
static bool parse_escape(struct cursor *cur, struct class_out out)
{
	if (cur->at == cur->end)
		return false;
	unsigned c = *cur->at++;
	if (c == 'd') {
		set_range(out, '0', '9');
		return true;
	}
	if (!ascii_punct(c))
		return false;
	set_add(out, c);
	return true;
}

/* After '['. A '-' is taken only first, last or between two plain bytes,
 * and '[' (POSIX classes) and escapes as range ends not at all. */
static bool parse_class(struct cursor *cur, struct class_out out)
{
	/* '[^' negates, ']' first is a literal to PCRE2, and '[:', '[.' or '[='
	 * may open a POSIX class or an error: all left to it. */
	if (cur->at < cur->end && memchr("^]:.=", *cur->at, 5))
		return false;
	bool first = true;
	while (cur->at < cur->end) {
		unsigned c = *cur->at++;
		if (c == ']')
			return true;
		if (c == '\\') {
			if (!parse_escape(cur, out))
				return false;
			/* '[\d-z]' is an error to PCRE2 and '[\.-z]' a range. */
			if (next_is(cur, '-') && !(cur->at + 1 < cur->end && cur->at[1] == ']'))
				return false;
		} else if (c == '[' || !printable_ascii(c)) {
			return false;
		} else if (c == '-') {
			if (!first && !next_is(cur, ']'))
				return false;
			set_add(out, c);
		} else if (next_is(cur, '-') && cur->at + 1 < cur->end && cur->at[1] != ']') {
			unsigned hi = cur->at[1];
			if (hi == '\\' || hi == '[' || hi == '-' || !printable_ascii(hi) || hi < c)
				return false;
			set_range(out, c, hi);
			cur->at += 2;
		} else {
			set_add(out, c);
		}
		first = false;
	}
	return false;
}

static bool parse_atom(struct cursor *cur, struct class_out out)
{
	unsigned c = *cur->at++;
	if (c == '\\')
		return parse_escape(cur, out);
	if (c == '[')
		return parse_class(cur, out);
	/* ']' and '}' alone are literals to PCRE2 but read as typos: left to it. */
	if (!printable_ascii(c) || memchr("^$.[]|()?*+{}\\", (int)c, 15))
		return false;
	set_add(out, c);
	return true;
}

/* At least one digit, at most REGEX_SIMPLE_MAX_COUNT. */
static bool parse_count(struct cursor *cur, uint32_t *out)
{
	if (cur->at == cur->end || *cur->at < '0' || *cur->at > '9')
		return false;
	uint32_t n = 0;
	while (cur->at < cur->end && *cur->at >= '0' && *cur->at <= '9') {
		n = n * 10 + (uint32_t)(*cur->at++ - '0');
		if (n > REGEX_SIMPLE_MAX_COUNT)
			return false;
	}
	*out = n;
	return true;
}

/* After '{': n}, n,} or n,m} with n <= m; anything else PCRE2 would read
 * as literal text or refuse. */
static bool parse_braces(struct cursor *cur, struct regex_simple_item *item)
{
	if (!parse_count(cur, &item->min))
		return false;
	item->max = item->min;
	if (next_is(cur, ',')) {
		cur->at++;
		item->max = REGEX_SIMPLE_UNBOUNDED;
		if (!next_is(cur, '}') && (!parse_count(cur, &item->max) || item->max < item->min))
			return false;
	}
	if (!next_is(cur, '}'))
		return false;
	cur->at++;
	return true;
}

static bool parse_quantifier(struct cursor *cur, struct regex_simple_item *item)
{
	item->min = item->max = 1;
	if (next_is(cur, '{')) {
		cur->at++;
		if (!parse_braces(cur, item))
			return false;
	} else if (next_is(cur, '?') || next_is(cur, '*') || next_is(cur, '+')) {
		unsigned c = *cur->at++;
		item->min = c == '+';
		item->max = c == '?' ? 1 : REGEX_SIMPLE_UNBOUNDED;
	} else {
		return true;
	}
	/* A lazy '?', a possessive '+' or a second quantifier: left to PCRE2. */
	return !(cur->at < cur->end && memchr("?*+{", *cur->at, 4));
}

/* Greedy counts without backtracking find a match whenever one exists if no
 * variable-count item can give up a byte that the items after it could
 * start with: those up to and including the first that must match a byte.
 * (If all after it may be empty, giving up bytes never helps: a '$' then
 * holds at the greedy end whenever it holds earlier.) */
static bool deterministic(const struct regex_simple *re)
{
	for (uint32_t i = 0; i < re->nitems; i++) {
		const struct regex_simple_item *item = &re->items[i];
		if (item->min == item->max)
			continue;
		for (uint32_t j = i + 1; j < re->nitems; j++) {
			if (classes_meet(re, i, j))
				return false;
			if (re->items[j].min > 0)
				break;
		}
	}
	return true;
}

/* PCRE2 10.42's JIT finds an empty match at the start of a subject that
 * opens with invalid UTF-8 and its interpreter does not; a pattern that can
 * match nothing (and has no '$') stays with PCRE2, so as not to pick one. */
static bool needs_a_byte(const struct regex_simple *re)
{
	for (uint32_t i = 0; i < re->nitems; i++)
		if (re->items[i].min > 0)
			return true;
	return false;
}

bool regex_simple_compile(struct regex_simple *re, const char *pattern, size_t len)
{
	memset(re, 0, sizeof *re);
	struct cursor cur = {(const unsigned char *)pattern, (const unsigned char *)pattern + len};
	if (!next_is(&cur, '^'))
		return false;
	cur.at++;
	while (cur.at < cur.end) {
		if (*cur.at == '$') {
			re->dollar = true;
			return cur.at + 1 == cur.end && deterministic(re);
		}
		if (re->nitems == REGEX_SIMPLE_MAX_ITEMS)
			return false;
		struct class_out out = {re->classes, UINT32_C(1) << re->nitems};
		struct regex_simple_item *item = &re->items[re->nitems++];
		if (!parse_atom(&cur, out) || !parse_quantifier(&cur, item))
			return false;
	}
	return deterministic(re) && needs_a_byte(re);
}

/* On these patterns PCRE2 (JIT and interpreter) counted at most twice the
 * subject's length plus items plus one toward its match limit in the
 * differential test, and its interpreter nested at most items plus two
 * frames; the reach keeps a margin of two over both. */
enum { MATCH_COUNT_MARGIN = 4, DEPTH_MARGIN = 2, DEPTH_SLACK = 4 };

size_t regex_simple_reach(const struct regex_simple *re, uint32_t match_limit,
			  uint32_t depth_limit)
{
	size_t overhead = (size_t)re->nitems + 1;
	if (depth_limit < DEPTH_MARGIN * re->nitems + DEPTH_SLACK ||
	    match_limit / MATCH_COUNT_MARGIN <= overhead)
		return 0;
	return match_limit / MATCH_COUNT_MARGIN - overhead;
}

bool regex_simple_match(const struct regex_simple *re, const char *subject, size_t len)
{
	const unsigned char *s = (const unsigned char *)subject;
	size_t at = 0;
	for (uint32_t i = 0; i < re->nitems; i++) {
		const struct regex_simple_item *item = &re->items[i];
		const uint32_t bit = UINT32_C(1) << i;
		size_t room = len - at;
		if (room < item->min)
			return false;
		/* The bytes the item must have, then as many more as it may take. */
		size_t n = 0;
		for (; n < item->min; n++)
			if (!(re->classes[s[at + n]] & bit))
				return false;
		if (item->max > item->min) {
			size_t limit = item->max == REGEX_SIMPLE_UNBOUNDED || item->max > room
					       ? room : item->max;
			while (n < limit && re->classes[s[at + n]] & bit)
				n++;
		}
		at += n;
	}
	/* No DOLLAR_ENDONLY: '$' holds before a \n that ends the subject too. */
	return !re->dollar || at == len || (at + 1 == len && s[at] == '\n');
}

bool regex_shortcut_init(struct regex_shortcut *out, struct arena *a, const char *pattern,
			 size_t len, uint32_t match_limit, uint32_t depth_limit)
{
	*out = (struct regex_shortcut){NULL, 0};
	struct regex_simple simple;
	if (!regex_simple_compile(&simple, pattern, len))
		return true;
	struct regex_simple *kept = arena_alloc(a, sizeof *kept);
	if (!kept)
		return false;
	*kept = simple;
	*out = (struct regex_shortcut){kept, regex_simple_reach(kept, match_limit, depth_limit)};
	return true;
}
