/* clean.trimmed: no leading or trailing space, tab, CR or LF, and no two
 * consecutive spaces inside. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "value_tests.h"

static bool is_edge_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static uint64_t load64(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* 0x80 in exactly the bytes of w that are zero (no borrow between bytes,
 * unlike the shorter haszero trick). */
static uint64_t zero_bytes(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	return ~(((w & low7) + low7) | w | low7);
}

/* 0x80 in the bytes of the word at p that are spaces (little-endian: the
 * byte after byte j is byte j + 1 of the word). */
static uint64_t space_bytes(const char *p)
{
	return zero_bytes(load64(p) ^ 0x2020202020202020ULL);
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* A bit for each of the 16 bytes at p that is a space. */
static unsigned space_bits(const char *p)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p),
							  _mm_set1_epi8(' ')));
}
#endif

/* Sixteen (with SSE2) or eight bytes at a time, one load each: a pair
 * inside a block is a space whose next byte is one, a pair across two
 * blocks the last byte of one and the first of the next. The last bytes
 * are read again rather than byte by byte (a loop whose end mispredicts on
 * every value), only their pairs that end past the bytes read before
 * counted. */
bool value_double_space(const char *s, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (len >= 16) {
		unsigned carry = 0, spaces;
		for (; i + 16 <= len; i += 16) {
			spaces = space_bits(s + i);
			if (spaces & (spaces >> 1 | carry))
				return true;
			carry = spaces >> 15;
		}
		if (i == len)
			return false;
		spaces = space_bits(s + len - 16);
		/* The first byte not read before is at 16 - (len - i). */
		return spaces & spaces >> 1 & ~0u << (15 - (len - i));
	}
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= 8) {
		uint64_t carry = 0, spaces;
		for (; i + 8 <= len; i += 8) {
			spaces = space_bytes(s + i);
			if (spaces & (spaces >> 8 | carry))
				return true;
			carry = spaces >> 56;
		}
		if (i == len)
			return false;
		spaces = space_bytes(s + len - 8);
		/* The first byte not read before is at 8 - (len - i). */
		return spaces & spaces >> 8 & ~0ULL << 8 * (7 - (len - i));
	}
#endif
	for (; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return true;
	return false;
}

bool value_trimmed(const char *s, size_t len)
{
	if (len == 0)
		return true;
	if (is_edge_space(s[0]) || is_edge_space(s[len - 1]))
		return false;
	return !value_double_space(s, len);
}

static bool trimmed_row(struct bound_check *b, const struct plan_row *row, char *note,
			size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return value_trimmed(row->fields[col], row->lens[col]);
}

const struct check_ops check_trimmed = {
	.kind = "trimmed", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .row = trimmed_row,
};
