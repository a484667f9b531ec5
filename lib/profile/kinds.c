/* Value classification with the value grammars and the check kinds' own
 * tests, so that a type the profile infers is one the audit accepts. */
#include "kinds.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

#include "../checks/value_tests.h"
#include "../checks/vn_ident.h"
#include "../util/timeparse.h"
#include "../util/values.h"

static const char *const kind_names[NKINDS + 1] = {
	"citizen_id", "tax_code", "phone", "email", "url", "boolean", "integer", "number",
	"number", "datetime", "date", "code", "text",
};

const char *kind_name(enum value_kind k)
{
	return kind_names[k];
}

/* Each format with the first character after its leading digits (a value
 * whose first non-digit differs cannot parse) and whether it has a time
 * (only those match more than 10 bytes). */
static const struct {
	const char *format;
	bool has_time;
	char first_separator;
} time_formats[NTIME_FORMATS] = {
	{"%Y-%m-%d", false, '-'}, {"%d/%m/%Y", false, '/'}, {"%Y/%m/%d", false, '/'},
	{"%d-%m-%Y", false, '-'}, {"%d.%m.%Y", false, '.'}, {"%m/%d/%Y", false, '/'},
	{"%Y-%m-%dT%H:%M:%S", true, '-'}, {"%Y-%m-%d %H:%M:%S", true, '-'},
	{"%Y-%m-%dT%H:%M:%SZ", true, '-'}, {"%d/%m/%Y %H:%M:%S", true, '/'},
};

const char *time_format(size_t i)
{
	return time_formats[i].format;
}

bool time_format_has_time(size_t i)
{
	return time_formats[i].has_time;
}

/* Shortest and longest text any time format matches; a date without a
 * time is at most DATE_MAX_LEN bytes, one with a time longer. */
enum { TIME_MIN_LEN = 8, DATE_MAX_LEN = 10, TIME_MAX_LEN = 20, CODE_MAX_LEN = 40 };

/* The characters of a code, a bit each: - . / and digits (45-57), then
 * A-Z (65-90), _ (95) and a-z (97-122). */
static const uint64_t code_chars[2] = {
	0x1FFFULL << 45, 0x3FFFFFFULL << 1 | 1ULL << 31 | 0x3FFFFFFULL << 33,
};

static bool code_char(char c)
{
	unsigned char u = (unsigned char)c;
	return u < 128 && (code_chars[u >> 6] >> (u & 63) & 1);
}

/* A code: one word of ASCII letters, digits and - _ . / with a digit in it
 * ("HN-00001-001", "00304"), or digits with a leading zero. */
static bool is_code(const char *s, size_t len)
{
	bool digit = false;
	if (len > CODE_MAX_LEN)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!code_char(s[i]))
			return false;
		digit |= (unsigned char)(s[i] - '0') < 10;
	}
	return digit;
}

/* A number written with a decimal comma ("12,5"): one comma, no dot. */
static bool decimal_comma(const char *s, size_t len, double *out)
{
	const char *comma = memchr(s, ',', len);
	if (!comma || memchr(s, '.', len) || memchr(comma + 1, ',', len - (size_t)(comma - s) - 1) ||
	    len >= 64)
		return false;
	char buf[64];
	memcpy(buf, s, len);
	buf[len] = '\0';
	buf[comma - s] = '.';
	return comma > s && (size_t)(comma - s) + 1 < len && value_number(buf, len, out);
}

static void classify_number(const char *s, size_t len, struct value_class *out)
{
	int64_t i;
	bool leading_zero = len > 1 && s[0] == '0';
	if (!leading_zero && value_integer(s, len, &i)) {
		out->kinds |= 1u << KIND_INTEGER | 1u << KIND_NUMBER;
		out->number = (double)i;
	} else if (!leading_zero || s[1] == '.') {
		if (value_number(s, len, &out->number))
			out->kinds |= 1u << KIND_NUMBER;
	}
	if (decimal_comma(s, len, &out->number))
		out->kinds |= 1u << KIND_DECIMAL_COMMA;
}

static void classify_time(const char *s, size_t len, struct value_class *out)
{
	if (len < TIME_MIN_LEN || len > TIME_MAX_LEN || s[0] < '0' || s[0] > '9')
		return;
	size_t digits = 1;
	while (digits < len && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	bool timed = len > DATE_MAX_LEN;
	for (size_t f = 0; f < NTIME_FORMATS && digits < len; f++) {
		int64_t t;
		if (time_formats[f].has_time != timed || time_formats[f].first_separator != s[digits] ||
		    !time_parse_format(time_formats[f].format, s, len, &t))
			continue;
		if (!out->formats)
			out->time = t;
		out->formats |= 1u << f;
		out->kinds |= 1u << (time_formats[f].has_time ? KIND_DATETIME : KIND_DATE);
	}
}

static void classify_identifiers(const char *s, size_t len, int64_t now_year,
				 struct value_class *out)
{
	char national[VN_PHONE_NATIONAL_MAX];
	size_t n;
	if (len == 12 && digits_only(s, len) &&
	    vn_citizen_id_valid(s, len, now_year, false, NULL, NULL, 0))
		out->kinds |= 1u << KIND_CITIZEN_ID;
	if ((len == 10 || len == 12 || len == 14) &&
	    vn_tax_code_valid(s, len, true, now_year, false, NULL, 0))
		out->kinds |= 1u << KIND_TAX_CODE;
	if (len >= 10 && len <= 20 && vn_phone_valid(s, len, national, &n, NULL, 0))
		out->kinds |= 1u << KIND_PHONE;
}

static const char *const url_schemes[] = {"http", "https"};

void classify_value(const char *s, size_t len, int64_t now_year, struct value_class *out)
{
	*out = (struct value_class){0};
	char first = s[0];
	if ((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.') {
		classify_number(s, len, out);
		classify_time(s, len, out);
		classify_identifiers(s, len, now_year, out);
	} else if (value_boolean(s, len)) {
		out->kinds |= 1u << KIND_BOOLEAN;
	}
	if (memchr(s, '@', len) && email_valid(s, len, NULL, 0))
		out->kinds |= 1u << KIND_EMAIL;
	if (len > 3 && memchr(s, ':', len) && memmem(s, len, "://", 3) && url_valid(s, len, url_schemes, 2, NULL, 0))
		out->kinds |= 1u << KIND_URL;
	if (is_code(s, len))
		out->kinds |= 1u << KIND_CODE;
}

/* letter_class of the letters of Latin-1 and of Vietnamese without
 * utf8proc's tables (names are mostly these), 0 for any other character:
 * U+00C0-U+00FF but x and ÷, ă đ ĩ ũ ơ ư, U+1EA0-U+1EF9 (capitals at even
 * code points). */
static char vietnamese_letter_class(const unsigned char *p, size_t left, size_t *step)
{
	if (p[0] == 0xC3 && left >= 2 && (p[1] & 0xC0) == 0x80) {
		unsigned cp = 0xC0 + (p[1] & 0x3Fu);
		*step = 2;
		return cp == 0xD7 || cp == 0xF7 ? 0 : cp < 0xDF ? 'A' : 'a';
	}
	if (p[0] >= 0xC4 && p[0] <= 0xC6 && left >= 2 && (p[1] & 0xC0) == 0x80) {
		unsigned cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
		bool known = cp == 0x102 || cp == 0x103 || cp == 0x110 || cp == 0x111 ||
			     cp == 0x128 || cp == 0x129 || cp == 0x168 || cp == 0x169 ||
			     cp == 0x1A0 || cp == 0x1A1 || cp == 0x1AF || cp == 0x1B0;
		*step = 2;
		return !known ? 0 : cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 ||
					    cp == 0x1A0 || cp == 0x1AF ? 'A' : 'a';
	}
	if (p[0] == 0xE1 && left >= 3 && (p[1] == 0xBA || p[1] == 0xBB) && (p[2] & 0xC0) == 0x80) {
		unsigned cp = 0x1E00 + ((p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu));
		*step = 3;
		return cp < 0x1EA0 || cp > 0x1EF9 ? 0 : cp % 2 ? 'a' : 'A';
	}
	return 0;
}

/* 'A' or 'a' for a letter (by the case of a capital), 0 for anything else;
 * s[i] is not ASCII. */
static char letter_class(const char *s, size_t len, size_t i, size_t *step)
{
	char vietnamese = vietnamese_letter_class((const unsigned char *)s + i, len - i, step);
	if (vietnamese)
		return vietnamese;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(len - i), &cp);
	if (k <= 0)
		return 0;
	*step = (size_t)k;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU ? 'A'
	       : cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_MN ? 'a' : 0;
}

/* The shape of each ASCII byte: A or a for a letter, 9 for a digit, the
 * byte itself for another printable one, 0 for a control character (kept
 * as itself too). */
static const char ascii_shape[128] =
	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	" !\"#$%&'()*+,-./" "9999999999:;<=>?" "@AAAAAAAAAAAAAAA" "AAAAAAAAAAA[\\]^_"
	"`aaaaaaaaaaaaaaa" "aaaaaaaaaaa{|}~";

/* The rest of a value past SHAPE_MAX shape bytes: only whether it is ASCII,
 * its control characters and continuation bytes. */
static void scan_rest(const unsigned char *p, size_t len, struct value_bytes *out,
		      size_t *continuations)
{
	for (size_t i = 0; i < len; i++) {
		out->ascii &= p[i] < 0x80;
		out->control |= p[i] < 0x80 && !ascii_shape[p[i]];
		*continuations += (p[i] & 0xC0) == 0x80;
	}
}

void value_bytes(const char *s, size_t len, struct value_bytes *out)
{
	size_t n = 0, i = 0, continuations = 0;
	bool in_word = false;
	out->ascii = true;
	out->control = false;
	if (len && s[0] == '0') {
		out->shape[n++] = '0';   /* a leading zero makes a code */
		i++;
	}
	while (i < len && n < SHAPE_MAX) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			char t = ascii_shape[c];
			i++;
			if (t == 'A' || t == 'a') {
				if (!in_word)
					out->shape[n++] = t;
				in_word = true;
				continue;
			}
			in_word = false;
			out->control |= !t;
			out->shape[n++] = t ? t : (char)c;
			continue;
		}
		out->ascii = false;
		size_t step = 1;
		char letter = letter_class(s, len, i, &step);
		for (size_t k = 0; k < step; k++)
			continuations += ((unsigned char)s[i + k] & 0xC0) == 0x80;
		if (!letter)
			out->shape[n++] = '?';   /* a symbol or a bad byte */
		else if (!in_word)
			out->shape[n++] = letter;
		in_word = letter != 0;
		i += step;
	}
	scan_rest((const unsigned char *)s + i, len - i, out, &continuations);
	out->shape[n] = '\0';
	out->shape_len = (uint8_t)n;
	out->chars = (uint32_t)(len - continuations);
}
