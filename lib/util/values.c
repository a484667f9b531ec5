/* Hand-written value grammars: exact, locale-free and allocation-free. */
#include "values.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool value_integer(const char *s, size_t len, int64_t *out)
{
	size_t i = 0;
	bool negative = false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	if (i == len)
		return false;
	uint64_t v = 0;
	/* 18 digits cannot overflow: no bound to test per digit. */
	if (len - i <= 18) {
		for (; i < len; i++) {
			unsigned d = (unsigned)(unsigned char)s[i] - '0';
			if (d > 9)
				return false;
			v = v * 10 + d;
		}
		if (out)
			*out = negative ? -(int64_t)v : (int64_t)v;
		return true;
	}
	const uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (out)
		*out = negative ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

static locale_t c_numeric;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_numeric = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The C locale whatever the program set: a decimal point is always '.'. */
static locale_t c_locale(void)
{
	pthread_once(&c_numeric_once, make_c_locale);
	return c_numeric;
}

/* A decimal without exponent whose digits fit in 2^53 with at most 22
 * after the point is exactly (digits / 10^k) in binary64, one correctly
 * rounded division (Clinger's fast path): no strtod for common values. */
static bool exact_decimal(const char *s, size_t len, double *out)
{
	static const double powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
					1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
					1e20, 1e21, 1e22};
	size_t i = s[0] == '+' || s[0] == '-';
	uint64_t digits = 0;
	int scale = -1;
	for (; i < len; i++) {
		if (s[i] == '.') {
			scale = 0;
			continue;
		}
		if (!is_digit(s[i]) || digits > ((1ULL << 53) - 9) / 10)
			return false;
		digits = digits * 10 + (uint64_t)(s[i] - '0');
		scale += scale >= 0;
	}
	if (scale > 22)
		return false;
	double v = (double)digits / powers[scale > 0 ? scale : 0];
	*out = s[0] == '-' ? -v : v;
	return true;
}

bool value_number(const char *s, size_t len, double *out)
{
	size_t i = 0, int_digits = 0, frac_digits = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < len && is_digit(s[i]))
		i++, int_digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && is_digit(s[i]))
			i++, frac_digits++;
	}
	if (int_digits + frac_digits == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exp_digits = 0;
		while (i < len && is_digit(s[i]))
			i++, exp_digits++;
		if (!exp_digits)
			return false;
	}
	if (i != len)
		return false;
	if (out)
		*out = exact_decimal(s, len, out) ? *out : strtod_l(s, NULL, c_locale());
	return true;
}

/* The value rewritten in the plain style into buf (NUL-terminated), or
 * SIZE_MAX when a separator is out of place: thousands only between
 * groups of three digits of the integer part, a '.' that is neither
 * separator nowhere. */
static size_t plain_number(struct number_style st, const char *s, size_t len, char *buf,
			   size_t cap)
{
	size_t o = 0, group = 0;
	bool grouped = false, integer_part = true;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (integer_part && st.thousands && c == st.thousands) {
			if (group == 0 || group > 3 || (grouped && group != 3))
				return SIZE_MAX;
			grouped = true, group = 0;
			continue;
		}
		if (integer_part && !is_digit(c) && c != '+' && c != '-') {
			if (grouped && group != 3)
				return SIZE_MAX;
			integer_part = false;
		}
		if (c == st.decimal)
			c = '.';
		else if (c == '.' || c == ',')
			return SIZE_MAX;
		group += is_digit(c);
		if (o + 1 >= cap)
			return SIZE_MAX;
		buf[o++] = c;
	}
	if (integer_part && grouped && group != 3)
		return SIZE_MAX;
	buf[o] = '\0';
	return o;
}

/* Longest number text read in another style: longer ones are no number. */
enum { STYLED_NUMBER_MAX = 80 };

bool value_integer_in(struct number_style st, const char *s, size_t len, int64_t *out)
{
	if (!st.thousands)
		return value_integer(s, len, out);
	char buf[STYLED_NUMBER_MAX];
	size_t n = plain_number((struct number_style){0, st.thousands}, s, len, buf, sizeof buf);
	return n != SIZE_MAX && value_integer(buf, n, out);
}

bool value_number_in(struct number_style st, const char *s, size_t len, double *out)
{
	if ((!st.decimal || st.decimal == '.') && !st.thousands)
		return value_number(s, len, out);
	if (!st.decimal)
		st.decimal = '.';
	char buf[STYLED_NUMBER_MAX];
	size_t n = plain_number(st, s, len, buf, sizeof buf);
	return n != SIZE_MAX && value_number(buf, n, out);
}

bool value_boolean(const char *s, size_t len)
{
	static const char *const words[] = {"true", "false", "yes", "no", "1", "0"};
	enum { LONGEST = 5 };
	if (len > LONGEST)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = 0;
		while (words[i][n])
			n++;
		if (n == len && strncasecmp(words[i], s, len) == 0)
			return true;
	}
	return false;
}

bool value_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Bytes of the code point at p as utf8_length counts them: a lead byte with
 * all its continuation bytes, else 1 (an invalid byte is one code point). */
static size_t utf8_step(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = *p;
	size_t need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
		    : (c & 0xF8) == 0xF0 ? 3 : 0;
	size_t k = 1;
	if (c >= 0x80 && need && (size_t)(end - p) > need) {
		while (k <= need && (p[k] & 0xC0) == 0x80)
			k++;
		k = k == need + 1 ? k : 1;
	}
	return k;
}

size_t utf8_length(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t n = 0;
	for (; p < end; n++)
		p += utf8_step(p, end);
	return n;
}

size_t utf8_offset(const char *s, size_t len, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t off = 0;
	for (; off < len && n > 0; n--)
		off += utf8_step(p + off, end);
	return off;
}

/* utf8_sequence_length, inlined into utf8_valid_prefix's loop. */
static inline size_t sequence_length(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	size_t need;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	else if (c >= 0xC2 && c <= 0xDF)
		need = 1, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, cp = c & 0x07;
	else
		return 0;
	if (left <= need)
		return 0;
	for (size_t k = 1; k <= need; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need + 1;
}

size_t utf8_sequence_length(const unsigned char *p, size_t left)
{
	return sequence_length(p, left);
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Eight ASCII bytes at a time: checks run this on single values
		 * (whole blocks go through utf8_valid), and most bytes of most
		 * extracts are ASCII. */
		uint64_t word;
		if (len - i >= sizeof word) {
			memcpy(&word, p + i, sizeof word);
			if (!(word & 0x8080808080808080ull)) {
				i += sizeof word;
				continue;
			}
		}
		size_t n = sequence_length(p + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

bool text_is_ascii(const char *s, size_t len)
{
	uint64_t bits = 0, word;
	size_t i = 0;
	for (; len - i >= sizeof word; i += sizeof word) {
		memcpy(&word, s + i, sizeof word);
		bits |= word;
	}
	/* the tail of a longer text: its last eight bytes, read again in part
	 * (most masked ids and phone numbers are 10 to 12 bytes) */
	if (i < len && len >= sizeof word) {
		memcpy(&word, s + len - sizeof word, sizeof word);
		bits |= word;
		i = len;
	}
	for (; i < len; i++)
		bits |= (unsigned char)s[i];
	return !(bits & 0x8080808080808080ull);
}

size_t value_mask(char *out, const char *s, size_t len)
{
	/* the characters, and where the last two start: ASCII (most ids and
	 * phone numbers) has a byte per character, else one pass */
	size_t chars = len, before_last = len - (len >= 2 ? 2 : len);
	if (!text_is_ascii(s, len)) {
		const unsigned char *p = (const unsigned char *)s, *end = p + len;
		size_t last = 0;
		chars = 0;
		for (size_t off = 0; off < len; chars++) {
			before_last = last;
			last = off;
			off += utf8_step(p + off, end);
		}
	}
	size_t stars = chars > 4 ? chars - 2 : chars;
	size_t keep_from = chars > 4 ? before_last : len;
	memset(out, '*', stars);
	memcpy(out + stars, s + keep_from, len - keep_from);
	return stars + len - keep_from;
}
