/* utf8_valid: the "lookup" algorithm of Keiser and Lemire, "Validating
 * UTF-8 In Less Than One Instruction Per Byte" (Software: Practice and
 * Experience, 2021), on AVX2, chosen at run time; the portable fallback
 * skips ASCII with SSE2 and checks each other sequence with values.c. */
#include "utf8_valid.h"

#include <stdint.h>
#include <string.h>

#include "values.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
#include <immintrin.h>
#endif

/* Bytes before the first non-ASCII byte of p[0, len). */
static size_t ascii_prefix(const unsigned char *p, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	for (; len - i >= 16; i += 16) {
		__m128i bytes = _mm_loadu_si128((const __m128i *)(p + i));
		unsigned high = (unsigned)_mm_movemask_epi8(bytes);
		if (high)
			return i + (size_t)__builtin_ctz(high);
	}
#endif
	while (i < len && p[i] < 0x80)
		i++;
	return i;
}

bool utf8_valid_portable(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while ((i += ascii_prefix(p + i, len - i)) < len) {
		size_t n = utf8_sequence_length(p + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

#ifdef HAVE_AVX2_PATH
/* What a pair of bytes (the previous one, this one) can show, one bit per
 * error. A pair is in error when the bit is set in all three tables: the
 * previous byte's high nibble, its low nibble, and this byte's high
 * nibble. Two bits are shared: their lead bytes (F0 and F5..FF) differ in
 * the low nibble and both take 80..8F after. */
enum {
	TOO_SHORT = 1 << 0,       /* a lead byte, then no continuation byte */
	TOO_LONG = 1 << 1,        /* ASCII, then a continuation byte */
	OVERLONG_3 = 1 << 2,      /* E0, then 80..9F */
	TOO_LARGE = 1 << 3,       /* F4, then 90..BF; F5..FF, then 90..BF */
	SURROGATE = 1 << 4,       /* ED, then A0..BF */
	OVERLONG_2 = 1 << 5,      /* C0 or C1, then a continuation byte */
	TOO_LARGE_1000 = 1 << 6,  /* F5..FF, then 80..8F */
	OVERLONG_4 = 1 << 6,      /* F0, then 80..8F */
	/* Two continuation bytes: an error unless a 3- or 4-byte lead came
	 * two or three bytes before (must_be_2_3_continuation undoes it). */
	TWO_CONTS = 1 << 7,
	CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS   /* whatever the low nibble */
};

static const uint8_t byte_1_high[16] = {
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	TOO_SHORT | OVERLONG_2,
	TOO_SHORT,
	TOO_SHORT | OVERLONG_3 | SURROGATE,
	TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,
};

static const uint8_t byte_1_low[16] = {
	CARRY | OVERLONG_2 | OVERLONG_3 | OVERLONG_4,
	CARRY | OVERLONG_2,
	CARRY,
	CARRY,
	CARRY | TOO_LARGE,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
};

static const uint8_t byte_2_high[16] = {
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

/* The largest byte each of a vector's last three places may hold when the
 * text ends there: no lead byte whose sequence would run past the end. */
static const uint8_t incomplete_max[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xF0 - 1, 0xE0 - 1, 0xC0 - 1,
};

enum { VECTOR = 32, STEP = 2 * VECTOR };

struct tables {
	__m256i byte_1_high, byte_1_low, byte_2_high, nibble, incomplete_max;
};

__attribute__((target("avx2"))) static inline __m256i broadcast16(const uint8_t *table)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
}

/* Errors among the 32 bytes of input, the vector before it being prev
 * (zero at the start of the text): nonzero bytes where there are. */
__attribute__((target("avx2"))) static inline __m256i check_vector(const struct tables *t,
								    __m256i input, __m256i prev)
{
	/* prevN: each byte's Nth predecessor, across the 128-bit lanes. */
	__m256i carried = _mm256_permute2x128_si256(prev, input, 0x21);
	__m256i prev1 = _mm256_alignr_epi8(input, carried, 16 - 1);
	__m256i prev2 = _mm256_alignr_epi8(input, carried, 16 - 2);
	__m256i prev3 = _mm256_alignr_epi8(input, carried, 16 - 3);
	__m256i high1 = _mm256_and_si256(_mm256_srli_epi16(prev1, 4), t->nibble);
	__m256i low1 = _mm256_and_si256(prev1, t->nibble);
	__m256i high2 = _mm256_and_si256(_mm256_srli_epi16(input, 4), t->nibble);
	__m256i special = _mm256_and_si256(
		_mm256_and_si256(_mm256_shuffle_epi8(t->byte_1_high, high1),
				 _mm256_shuffle_epi8(t->byte_1_low, low1)),
		_mm256_shuffle_epi8(t->byte_2_high, high2));
	/* must_be_2_3_continuation: top bit set where a 3- or 4-byte lead
	 * (E0.., F0..) is two or three bytes back, by saturating subtraction. */
	__m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(0xE0 - 0x80));
	__m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(0xF0 - 0x80));
	__m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth),
					  _mm256_set1_epi8((char)TWO_CONTS));
	return _mm256_xor_si256(must23, special);
}

__attribute__((target("avx2"))) static bool valid_avx2(const char *s, size_t len)
{
	const struct tables t = {
		broadcast16(byte_1_high), broadcast16(byte_1_low), broadcast16(byte_2_high),
		_mm256_set1_epi8(0x0F), _mm256_loadu_si256((const __m256i *)incomplete_max),
	};
	__m256i prev = _mm256_setzero_si256(), error = _mm256_setzero_si256();
	size_t i = 0;
	for (; len - i >= STEP; i += STEP) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(s + i));
		__m256i b = _mm256_loadu_si256((const __m256i *)(s + i + VECTOR));
		if (!_mm256_movemask_epi8(_mm256_or_si256(a, b))) {
			/* ASCII: only a sequence left open before it can be wrong */
			error = _mm256_or_si256(error, _mm256_subs_epu8(prev, t.incomplete_max));
			prev = b;
			continue;
		}
		error = _mm256_or_si256(error, check_vector(&t, a, prev));
		error = _mm256_or_si256(error, check_vector(&t, b, a));
		prev = b;
	}
	if (i < len) {
		/* The tail, padded with NULs (ASCII: they end nothing early). */
		uint8_t tail[STEP] = {0};
		memcpy(tail, s + i, len - i);
		__m256i a = _mm256_loadu_si256((const __m256i *)tail);
		__m256i b = _mm256_loadu_si256((const __m256i *)(tail + VECTOR));
		error = _mm256_or_si256(error, check_vector(&t, a, prev));
		error = _mm256_or_si256(error, check_vector(&t, b, a));
		prev = b;
	}
	error = _mm256_or_si256(error, _mm256_subs_epu8(prev, t.incomplete_max));
	return _mm256_testz_si256(error, error);
}
#endif

utf8_valid_fn *utf8_valid_avx2(void)
{
#ifdef HAVE_AVX2_PATH
	if (__builtin_cpu_supports("avx2"))
		return valid_avx2;
#endif
	return NULL;
}

bool utf8_valid(const char *s, size_t len)
{
#ifdef HAVE_AVX2_PATH
	if (__builtin_cpu_supports("avx2"))
		return valid_avx2(s, len);
#endif
	return utf8_valid_portable(s, len);
}
