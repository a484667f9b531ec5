#include "newlines.h"

#include <string.h>

/* A CR that is not the first half of a CRLF ends a line of its own. */
static uint64_t count_bare_cr(const char *p, size_t len)
{
	uint64_t n = 0;
	for (const char *end = p + len; (p = memchr(p, '\r', (size_t)(end - p))); p++)
		n += p + 1 == end || p[1] != '\n';
	return n;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* 16 bytes compared at once; each matching byte adds 1 to its lane (the
 * comparison gives -1, subtracted), and before a lane can pass 255 the
 * lanes are summed into two 64-bit counts with one psadbw. A block with
 * a newline every 40 bytes costs memchr one call per line; this costs
 * one pass over the bytes whatever the line length. */
enum { LANE_ROUNDS = 255 };

static uint64_t count_lf(const char *p, size_t len)
{
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	uint64_t n = 0;
	size_t i = 0;
	while (len - i >= 16) {
		__m128i lanes = zero;
		size_t rounds = (len - i) / 16;
		if (rounds > LANE_ROUNDS)
			rounds = LANE_ROUNDS;
		for (size_t r = 0; r < rounds; r++, i += 16) {
			__m128i bytes = _mm_loadu_si128((const __m128i *)(p + i));
			lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, nl));
		}
		__m128i sums = _mm_sad_epu8(lanes, zero);
		n += (uint64_t)_mm_cvtsi128_si64(sums) +
		     (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
	}
	for (; i < len; i++)
		n += p[i] == '\n';
	return n;
}

#else

static uint64_t count_lf(const char *p, size_t len)
{
	uint64_t n = 0;
	for (const char *end = p + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	return n;
}

#endif

uint64_t count_line_ends(const char *p, size_t len)
{
	return count_lf(p, len) + count_bare_cr(p, len);
}
