/* Value grammars: integers, numbers, booleans, blanks, UTF-8 lengths,
 * masking. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util/values.h"

static int integer(const char *s)
{
	return value_integer(s, strlen(s), NULL);
}

static int number(const char *s)
{
	return value_number(s, strlen(s), NULL);
}

/* value_number's fast path must give strtod's correctly rounded double. */
static void numbers_match_strtod(void)
{
	uint64_t rng = 88172645463325252ULL;
	char text[64];
	for (int i = 0; i < 200000; i++) {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		unsigned digits = 1 + (unsigned)(rng % 18), point = (unsigned)(rng >> 8) % (digits + 1);
		size_t n = 0;
		if (rng >> 20 & 1)
			text[n++] = '-';
		for (unsigned d = 0; d < digits; d++) {
			if (d == point && d)
				text[n++] = '.';
			text[n++] = (char)('0' + (rng >> (24 + d * 2) & 7) + (d % 3));
		}
		text[n] = '\0';
		double got;
		if (!value_number(text, n, &got) || got != strtod(text, NULL)) {
			fprintf(stderr, "value_number(\"%s\") differs from strtod\n", text);
			tap_failures++;
			return;
		}
	}
}

/* A pii value shown masked, as dqa(1) says: every character a '*' but the
 * last two when it has more than four, all of them otherwise; ASCII and
 * UTF-8 alike (a byte that is not UTF-8 counts as one character). */
static bool masks_to(const char *value, const char *want)
{
	char out[64];
	size_t n = value_mask(out, value, strlen(value));
	return n == strlen(want) && memcmp(out, want, n) == 0;
}

/* Integers of 1 to 20 digits, signed or not, some with a stray byte,
 * against strtoll: the digits of one up to 18 long are read without a
 * bound; longer ones, near the int64 limits, with it. */
static void integers_match_strtoll(void)
{
	unsigned seed = 22;
	int bad = 0;
	for (int i = 0; i < 200000; i++) {
		char s[32];
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		if (seed >> 28 == 1)
			s[n++] = (seed >> 27 & 1) ? '-' : '+';
		size_t digits = 1 + (seed >> 8) % 20;
		for (size_t d = 0; d < digits; d++) {
			seed = seed * 1103515245u + 12345u;
			s[n++] = (char)(d == 0 && digits == 19 && (seed >> 9 & 1) ? '9' : '0' + (seed >> 16) % 10);
		}
		if (seed >> 29 == 7)
			s[(seed >> 4) % n] = "x. -"[(seed >> 2) & 3];
		s[n] = '\0';
		errno = 0;
		char *end;
		long long want = strtoll(s, &end, 10);
		bool ok = *s != ' ' && *end == '\0' && errno == 0 && end != s &&
			  !(n == 1 && (*s == '+' || *s == '-'));
		int64_t got = 0;
		bool parsed = value_integer(s, n, &got);
		if ((parsed != ok || (ok && got != want)) && bad++ < 10)
			fprintf(stderr, "%s: %d %lld, strtoll %d %lld\n", s, parsed, (long long)got, ok,
				want);
	}
	EXPECT(bad == 0);
}

static void masking(void)
{
	EXPECT(masks_to("0912345678", "********78"));
	EXPECT(masks_to("12345", "***45"));
	EXPECT(masks_to("abcd", "****") && masks_to("a", "*") && masks_to("", ""));
	EXPECT(masks_to("Nguy\xe1\xbb\x85n", "****\xe1\xbb\x85n"));   /* Nguyễn */
	EXPECT(masks_to("H\xc3\xa0 N", "****"));                       /* Hà N */
	EXPECT(masks_to("\xff\xfe" "ab1", "***b1"));
	EXPECT(masks_to("12345\xc3", "****5\xc3"));
}

int main(void)
{
	numbers_match_strtod();
	integers_match_strtoll();
	masking();
	EXPECT(integer("0") && integer("-12") && integer("+7"));
	EXPECT(integer("9223372036854775807") && integer("-9223372036854775808"));
	EXPECT(!integer("9223372036854775808") && !integer("-9223372036854775809"));
	EXPECT(!integer("") && !integer("-") && !integer("1.0") && !integer(" 1") && !integer("1e3"));
	int64_t v;
	EXPECT(value_integer("-42", 3, &v) && v == -42);

	EXPECT(number("1") && number("-1.5") && number(".5") && number("5.") && number("1e-3"));
	EXPECT(number("1.5E+10") && number("+0.0"));
	EXPECT(!number("") && !number(".") && !number("1e") && !number("1.200.000"));
	EXPECT(!number("inf") && !number("nan") && !number("0x10") && !number("1,5") && !number(" 1"));
	double d;
	EXPECT(value_number("2.5", 3, &d) && d == 2.5);

	EXPECT(value_boolean("TRUE", 4) && value_boolean("no", 2) && value_boolean("1", 1));
	EXPECT(!value_boolean("y", 1) && !value_boolean("", 0) && !value_boolean("truee", 5));

	/* Numbers in a declared style; the values are what Python reads after
	 * removing the thousands separators and turning the decimal one into
	 * '.': float("1234.5"), int("1234567"). */
	const struct number_style vi = {',', '.'}, comma = {',', 0}, grouped = {'.', ','};
	static const struct { const char *text; double value; } vi_ok[] = {
		{"1,5", 1.5}, {"1.234,5", 1234.5}, {"-1.234.567,25", -1234567.25}, {"0,001", 0.001},
		{"1.234", 1234}, {"1,234", 1.234}, {"12", 12}, {",5", 0.5}, {"1,5e3", 1500},
	};
	for (size_t i = 0; i < sizeof vi_ok / sizeof *vi_ok; i++)
		EXPECT(value_number_in(vi, vi_ok[i].text, strlen(vi_ok[i].text), &d) &&
		       d == vi_ok[i].value);
	static const char *const vi_bad[] = {"1.5", "12.34", "1.2345", "1..234", ".234",
					     "1.234.56", "1,5,5", "1.234,5.6", ""};
	for (size_t i = 0; i < sizeof vi_bad / sizeof *vi_bad; i++)
		EXPECT(!value_number_in(vi, vi_bad[i], strlen(vi_bad[i]), &d));
	EXPECT(!value_number_in(comma, "1.5", 3, &d) && value_number_in(comma, "1,5", 3, &d));
	EXPECT(value_number_in(grouped, "1,234.5", 7, &d) && d == 1234.5);
	EXPECT(value_number_in(NUMBER_STYLE_PLAIN, "1.5", 3, &d) &&
	       !value_number_in(NUMBER_STYLE_PLAIN, "1,5", 3, &d));
	int64_t n;
	EXPECT(value_integer_in(vi, "1.234.567", 9, &n) && n == 1234567);
	EXPECT(!value_integer_in(vi, "1.234,5", 7, &n) && !value_integer_in(vi, "1.23", 4, &n));
	EXPECT(value_integer_in(comma, "42", 2, &n) && n == 42);

	EXPECT(value_blank("", 0) && value_blank(" \t ", 3) && !value_blank(" x", 2));

	/* text_is_ascii reads words: one high byte anywhere in 0 to 20 bytes */
	char text[20];
	for (size_t len = 0; len <= sizeof text; len++) {
		memset(text, 'a', len);
		EXPECT(text_is_ascii(text, len));
		for (size_t at = 0; at < len; at++) {
			text[at] = (char)0x80;
			EXPECT(!text_is_ascii(text, len));
			text[at] = 'a';
		}
	}

	EXPECT(utf8_length("Nguyễn", strlen("Nguyễn")) == 6);
	EXPECT(utf8_length("a\xff" "b", 3) == 3);     /* invalid byte counts as one */
	EXPECT(utf8_length("\xe1\xbb", 2) == 2);      /* truncated sequence */

	EXPECT(utf8_valid_prefix("Hà Nội", strlen("Hà Nội")) == strlen("Hà Nội"));
	EXPECT(utf8_valid_prefix("ab\xc0\xaf", 4) == 2);   /* overlong */
	EXPECT(utf8_valid_prefix("\xed\xa0\x80", 3) == 0); /* surrogate */
	EXPECT(utf8_valid_prefix("x\xe1\xbb", 3) == 1);    /* truncated */
	return TAP_DONE();
}
