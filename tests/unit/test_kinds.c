/* The profile's shortcuts against the paths they stand for: the dates and
 * date-times read at fixed positions against time_parse_format with every
 * format (valid and invalid fields, leap years, hour 24, second 60, spaces,
 * one-digit fields), the shape template against the full shape pass on
 * runs of values that share a template or nearly do, the kind tests ruled
 * out by the classes of a value's bytes against every test, and the shape
 * pass against the byte-at-a-time pass it replaced (reference_value_bytes)
 * on random bytes, long values and, given a file of values each ended by a
 * NUL byte, on each of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "checks/value_tests.h"
#include "checks/vn_ident.h"
#include "profile/kinds.h"
#include "util/timeparse.h"
#include "util/values.h"
#include "tap.h"

static int mismatches;

/* classify_value's formats, time and date kinds against each format tried
 * by time_parse_format on its own. */
static void same_times(const char *s)
{
	size_t len = strlen(s);
	uint32_t formats = 0;
	int64_t first = 0;
	for (size_t f = 0; f < NTIME_FORMATS; f++) {
		int64_t t;
		if (time_parse_format(time_format(f), s, len, &t)) {
			if (!formats)
				first = t;
			formats |= 1u << f;
		}
	}
	struct value_class vc;
	classify_value(s, len, 2026, &vc);
	bool date = false, datetime = false;
	for (size_t f = 0; f < NTIME_FORMATS; f++)
		if (formats >> f & 1)
			*(time_format_has_time(f) ? &datetime : &date) = true;
	bool same = vc.formats == formats && (!formats || vc.time == first) &&
		    !!(vc.kinds & 1u << KIND_DATE) == date &&
		    !!(vc.kinds & 1u << KIND_DATETIME) == datetime;
	if (!same && mismatches++ < 20)
		fprintf(stderr, "\"%s\": formats %x time %lld, time_parse_format %x %lld\n", s,
			(unsigned)vc.formats, (long long)vc.time, (unsigned)formats,
			(long long)first);
}

static void dates(void)
{
	static const int years[] = {0, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 9999};
	static const int times[][3] = {{0, 0, 0}, {23, 59, 59}, {24, 0, 0}, {12, 60, 0},
				       {12, 0, 60}, {7, 5, 3}};
	static const char *const layouts[] = {
		"%04d-%02d-%02d", "%02d/%02d/%04d", "%04d-%02d-%02d %02d:%02d:%02d",
		"%04d-%02d-%02dT%02d:%02d:%02d", "%04d-%02d-%02dT%02d:%02d:%02dZ",
		" %04d-%02d-%02d", "%04d-%02d-%02d ", "%04d-%d-%d", "%d/%d/%04d",
		"%04d-%02d-%02d %02d:%02d:%02dZ", "%04d-%02d-%02dT%02d:%02d:%02dX",
		"%04d-%02d-%02d  %02d:%02d:%02d", "%04d/%02d/%02d", "%02d-%02d-%04d",
		"%02d/%02d/%04d %02d:%02d:%02d",
	};
	char s[64];
	for (size_t y = 0; y < sizeof years / sizeof *years; y++)
		for (int m = 0; m <= 13; m++)
			for (int d = 0; d <= 32; d++)
				for (size_t l = 0; l < sizeof layouts / sizeof *layouts; l++)
					for (size_t t = 0; t < sizeof times / sizeof *times; t++) {
						bool dmy = layouts[l][1] == '0' && layouts[l][4] == '/';
						bool dmy_dash = layouts[l][1] == '0' && layouts[l][4] == '-';
						if (dmy || dmy_dash)
							snprintf(s, sizeof s, layouts[l], d, m, years[y],
								 times[t][0], times[t][1], times[t][2]);
						else
							snprintf(s, sizeof s, layouts[l], years[y], m, d,
								 times[t][0], times[t][1], times[t][2]);
						same_times(s);
					}
	/* A non-digit where a field's digit belongs, and one byte too many or
	 * too few. */
	static const char *const odd[] = {
		"2026-0a-19", "2026-1--19", "2026--1-19", "202a-01-19", "2026-01-1a", "2026-01-19 1::5:02",
		"2026-01-19 0a:55:02", "2026-01-19T00:55:0Z", "2026-01-19T00:55:02z", "2026-01-19 00:55:022",
		"2026-01-19 00-55-02", "a1/02/2026", "01/0b/2026", "01/02/20x6", "01/02/2026x",
		"1/02/20261", "+1/02/2026", "-1/02/2026", "2026-01-19\t", "2026-01-19T00:55:02+07:00",
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		same_times(odd[i]);
	EXPECT(mismatches == 0);
}

static bool same_bytes(const struct value_bytes *a, const struct value_bytes *b)
{
	return a->shape_len == b->shape_len && memcmp(a->shape, b->shape, a->shape_len + 1) == 0 &&
	       a->classes == b->classes && a->chars == b->chars;
}

/* The shape pass as it was before it walked ASCII runs apart from the
 * high characters (lib/profile/kinds.c at 9649b7e), the reference. */
static char ref_category_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU ? 'A'
	       : cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_MN ? 'a' : 0;
}

static char ref_two_byte_letter[0x800];
static char ref_additional_letter[0x100];

static void ref_make_letter_tables(void)
{
	for (utf8proc_int32_t cp = 0x80; cp < 0x800; cp++)
		ref_two_byte_letter[cp] = ref_category_letter(cp);
	for (utf8proc_int32_t cp = 0; cp < 0x100; cp++)
		ref_additional_letter[cp] = ref_category_letter(0x1E00 + cp);
}

static bool ref_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static char ref_high_letter(const unsigned char *p, size_t left, size_t *step, bool *checked)
{
	*checked = true;
	if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && ref_continuation(p[1])) {
		*step = 2;
		return ref_two_byte_letter[(p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu)];
	}
	if (p[0] == 0xE1 && left >= 3 && (p[1] & 0xFC) == 0xB8 && ref_continuation(p[2])) {
		*step = 3;
		return ref_additional_letter[(p[1] & 0x03u) << 6 | (p[2] & 0x3Fu)];
	}
	*checked = false;
	*step = 1;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
	if (k <= 0)
		return 0;
	*step = (size_t)k;
	return ref_category_letter(cp);
}

static const char ref_ascii_shape[128] =
	"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F" "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F"
	" !\"#$%&'()*+,-./" "9999999999:;<=>?" "@AAAAAAAAAAAAAAA" "AAAAAAAAAAA[\\]^_"
	"`aaaaaaaaaaaaaaa" "aaaaaaaaaaa{|}~\x7F";

static bool reference_value_bytes(const char *s, size_t len, struct value_bytes *out)
{
	size_t n = 0, i = 0, continuations = 0;
	uint32_t classes = 0;
	bool in_word = false, checked = true;
	char *shape = out->shape;
	size_t lead = 0;
	while (lead < len && lead < SHAPE_MAX && s[lead] >= '0' && s[lead] <= '9')
		lead++;
	if (lead) {
		memset(shape, '9', lead);
		shape[0] = s[0] == '0' ? '0' : '9';
		classes = BC_DIGIT;
		n = i = lead;
	}
	while (i < len && n < SHAPE_MAX) {
		unsigned char c = (unsigned char)s[i];
		classes |= byte_classes(s + i, 1);
		char symbol;
		bool letter;
		if (c < 0x80) {
			symbol = ref_ascii_shape[c];
			letter = (symbol | 0x20) == 'a';
			i++;
		} else {
			size_t step;
			bool valid_char;
			char high = ref_high_letter((const unsigned char *)s + i, len - i, &step, &valid_char);
			checked &= valid_char;
			continuations += step > 1 ? step - 1 : ref_continuation(c);
			symbol = high ? high : '?';
			letter = high != 0;
			i += step;
		}
		shape[n] = symbol;
		n += !(letter && in_word);
		in_word = letter;
	}
	for (; i < len; i++) {
		uint32_t class = byte_classes(s + i, 1);
		classes |= class;
		checked &= !(class & BC_HIGH);
		continuations += ref_continuation((unsigned char)s[i]);
	}
	shape[n] = '\0';
	out->shape_len = (uint8_t)n;
	out->classes = classes;
	out->chars = (uint32_t)(len - continuations);
	return checked;
}

static unsigned shape_bad;

/* value_bytes and value_bytes_templated (a fresh template: the pass) of
 * s against the reference. */
static void same_as_reference(const char *s, size_t len)
{
	struct value_bytes want, got, templated;
	struct shape_template t = {0};
	bool want_valid = reference_value_bytes(s, len, &want);
	bool got_valid = value_bytes(s, len, &got);
	bool templated_valid = value_bytes_templated(&t, s, len, &templated);
	if ((want_valid != got_valid || !same_bytes(&want, &got) || want_valid != templated_valid ||
	     !same_bytes(&want, &templated)) &&
	    shape_bad++ < 20) {
		fprintf(stderr, "%zu bytes:", len);
		for (size_t i = 0; i < len; i++)
			fprintf(stderr, " %02x", (unsigned char)s[i]);
		fprintf(stderr, "\n  shape %s classes %x chars %u valid %d, the reference %s %x %u %d\n",
			got.shape, (unsigned)got.classes, (unsigned)got.chars, got_valid, want.shape,
			(unsigned)want.classes, (unsigned)want.chars, want_valid);
	}
}

/* Random values of 0 to 80 bytes from pieces heavy in what names and
 * addresses hold (ASCII letters, e and E, Vietnamese letters of two and
 * three bytes, digits, spaces) and in what the pass must not mistake
 * (other high characters, combining marks, bad and truncated sequences,
 * controls, NUL, DEL), some cut inside a sequence at the end. */
static void random_values(void)
{
	/* Each piece with its length: "\0" is one byte. */
#define P(text) {text, sizeof text - 1}
	static const struct {
		const char *text;
		size_t len;
	} pieces[] = {
		P("a"), P("b"), P("Z"), P("e"), P("E"), P("ee"), P("ng"), P("Qu"), P("xyz"),
		P("hello"), P("MINH"), P("9"), P("0"), P("12"), P(" "), P("  "), P("\t"),
		P(","), P("."), P("-"), P("+"), P("/"), P(":"), P("@"), P("_"), P("'"), P("~"),
		P("\x7f"), P("\x01"), P("\0"), P("\xc3\xa0"), P("\xc3\xa9"), P("\xc3\x8a"),
		P("\xc4\x91"), P("\xc4\x90"), P("\xc6\xa1"), P("\xc6\xb0"), P("\xc3\xb5"),
		P("\xc3\xb9"), P("\xc2\xa0"), P("\xc2\xab"), P("\xc3\x97"), P("\xcc\x81"),
		P("\xcd\x80"), P("\xd0\x96"), P("\xd7\x90"), P("\xe1\xbb\x91"),
		P("\xe1\xbb\x99"), P("\xe1\xbb\x85"), P("\xe1\xba\xa1"), P("\xe1\xba\xbf"),
		P("\xe1\xbb\x9d"), P("\xe1\xbb\x90"), P("\xe1\xb8\x80"), P("\xe1\xbc\x80"),
		P("\xe1\xb7\x80"), P("\xe2\x82\xac"), P("\xe4\xb8\xad"), P("\xf0\x9f\x98\x80"),
		P("\xef\xbb\xbf"), P("\xc3"), P("\xe1\xbb"), P("\xe1"), P("\xf0\x9f"),
		P("\x80"), P("\xbf"), P("\xc0\x80"), P("\xc1\xbf"), P("\xf5\x80\x80\x80"),
		P("\xff"), P("\xed\xa0\x80"), P("\xe1\xc3\xa0"), P("\xe1\xbb\xc3"),
	};
#undef P
	enum { NPIECES = sizeof pieces / sizeof *pieces };
	unsigned seed = 34;
	char s[96];
	for (int round = 0; round < 400000; round++) {
		seed = seed * 1103515245u + 12345u;
		size_t want = (seed >> 8) % 81, len = 0;
		while (len < want) {
			seed = seed * 1103515245u + 12345u;
			size_t k = (seed >> 10) % NPIECES;
			/* Mostly letters of a word: runs of ASCII and Vietnamese letters. */
			if ((seed >> 4) % 3 == 0)
				k = (seed >> 20) % 10;
			size_t take = pieces[k].len < want - len ? pieces[k].len : want - len;
			memcpy(s + len, pieces[k].text, take);
			len += take;
		}
		same_as_reference(s, len);
	}
	/* Past SHAPE_MAX: letters only (a shape of one symbol), letters and
	 * spaces, digits then letters, Vietnamese words, a high or bad byte
	 * after the shape is full. */
	static const char *const words[] = {"abcdefgh", "ab ", "1", "Nguy\xe1\xbb\x85n ", "9\xc3",
					    "\xe1\xbb\x91", "\xff", "x\xcc\x81"};
	for (size_t w = 0; w < sizeof words / sizeof *words; w++)
		for (size_t len = 0; len < sizeof s; len++) {
			size_t wl = strlen(words[w]);
			for (size_t i = 0; i < len; i++)
				s[i] = words[w][i % wl];
			same_as_reference(s, len);
			s[len / 2] = '\xc3';
			same_as_reference(s, len);
		}
}

/* Each value of a file, each ended by a NUL byte. */
static int file_values(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	char *s = NULL;
	size_t cap = 0, len = 0, values = 0;
	int c;
	while ((c = getc(f)) != EOF) {
		if (len == cap && !(s = realloc(s, cap = cap ? 2 * cap : 256)))
			return -1;
		if (c) {
			s[len++] = (char)c;
			continue;
		}
		same_as_reference(s, len);
		values++;
		len = 0;
	}
	fclose(f);
	free(s);
	printf("# %zu values from %s\n", values, path);
	return values ? 0 : -1;
}

/* Values made from a few templates with digits, letters and other bytes
 * changed one at a time, in an order where the template often holds: each
 * must get the full pass's bytes. */
static void templates(void)
{
	static const char *const bases[] = {
		"2026-07-19 00:55:02", "0963546594", "040039101440", "1939-08-16", "HN-00001-001",
		"ab12cd34ef56gh78", "0000-00-00", "x1234567", "12345678", "Số 12 ngõ 3",
		"a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u",
		"9 a 9 a 9 a 9 a 9", "\t1234567 8", "1234567", "0.123456789e10",
	};
	static const char replacements[] = "0123456789aZ- \t.:\x7f\xc3";
	struct shape_template t = {0};
	unsigned seed = 22, bad = 0;
	char s[64];
	for (int round = 0; round < 20000; round++) {
		const char *base = bases[(unsigned)round / 50 % (sizeof bases / sizeof *bases)];
		size_t len = strlen(base);
		memcpy(s, base, len + 1);
		for (int changes = round % 3; changes > 0; changes--) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			/* Mostly a digit for a digit: the template holds. */
			bool digit = s[at] >= '0' && s[at] <= '9' && (seed >> 20) % 4;
			s[at] = digit ? (char)('0' + (seed >> 4) % 10)
				      : replacements[(seed >> 12) % (sizeof replacements - 1)];
		}
		struct value_bytes want, got;
		bool want_valid = value_bytes(s, len, &want);
		bool got_valid = value_bytes_templated(&t, s, len, &got);
		if ((want_valid != got_valid || !same_bytes(&want, &got)) && bad++ < 20)
			fprintf(stderr, "\"%s\": shape %s classes %x chars %u, the pass %s %x %u\n", s,
				got.shape, (unsigned)got.classes, (unsigned)got.chars, want.shape,
				(unsigned)want.classes, (unsigned)want.chars);
	}
	EXPECT(bad == 0);
}

/* The kinds of a value by every test, none ruled out by the classes of
 * its bytes: what classify_value must find. What classify_value decides by
 * the value itself stays: the number, identifier and phone tests only on a
 * value that starts like a number, the boolean test on the others, no
 * number or phone test on a time, no phone of more than 20 bytes. */
static uint32_t kinds_by_every_test(const char *s, size_t len, uint32_t formats)
{
	static const char *const schemes[] = {"http", "https"};
	uint32_t k = 0;
	bool numeric = (s[0] >= '0' && s[0] <= '9') || s[0] == '+' || s[0] == '-' || s[0] == '.';
	if (numeric && !formats) {
		const char *comma = memchr(s, ',', len);
		bool zero = len > 1 && s[0] == '0';
		int64_t i;
		double d;
		char dotted[64];
		if (comma) {
			if (len < sizeof dotted && !memchr(s, '.', len) && comma > s && comma < s + len - 1 &&
			    !memchr(comma + 1, ',', len - (size_t)(comma - s) - 1)) {
				memcpy(dotted, s, len);
				dotted[len] = '\0';
				dotted[comma - s] = '.';
				k |= (uint32_t)value_number(dotted, len, &d) << KIND_DECIMAL_COMMA;
			}
		} else if (!zero && value_integer(s, len, &i)) {
			k |= 1u << KIND_INTEGER | 1u << KIND_NUMBER;
		} else if ((!zero || s[1] == '.') && value_number(s, len, &d)) {
			k |= 1u << KIND_NUMBER;
		}
	}
	if (numeric) {
		char national[VN_PHONE_NATIONAL_MAX];
		size_t n;
		if (vn_citizen_id_valid(s, len, 2026, false, NULL, NULL, 0))
			k |= 1u << KIND_CITIZEN_ID;
		if (vn_tax_code_valid(s, len, true, 2026, false, NULL, 0))
			k |= 1u << KIND_TAX_CODE;
		if (!formats && len <= 20 && vn_phone_valid(s, len, national, &n, NULL, 0))
			k |= 1u << KIND_PHONE;
	} else if (value_boolean(s, len)) {
		k |= 1u << KIND_BOOLEAN;
	}
	k |= (uint32_t)email_valid(s, len, NULL, 0) << KIND_EMAIL;
	k |= (uint32_t)url_valid(s, len, schemes, 2, NULL, 0) << KIND_URL;
	bool code = len <= 40 && memchr(s, '\0', len) == NULL;
	bool digit = false;
	for (size_t i = 0; i < len && code; i++) {
		unsigned char c = (unsigned char)s[i];
		digit |= c >= '0' && c <= '9';
		code = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-' ||
		       c == '_' || c == '.' || c == '/';
	}
	k |= (uint32_t)(code && digit) << KIND_CODE;
	for (size_t f = 0; f < NTIME_FORMATS; f++)
		if (formats >> f & 1)
			k |= 1u << (time_format_has_time(f) ? KIND_DATETIME : KIND_DATE);
	return k;
}

/* Values made from dates, times, numbers, identifiers, phone numbers,
 * e-mails and URLs with bytes changed, put in or taken out (separators,
 * signs, exponents, letters, @, a Latin-1 letter): classify_value's time
 * formats against time_parse_format's and its kinds against every test. */
static void kinds_by_classes(void)
{
	static const char *const bases[] = {
		"2026-07-19", "19/07/2026", "2026/07/19", "19-07-2026", "19.07.2026",
		"2026-07-19 00:55:02", "2026-07-19T00:55:02", "2026-07-19T00:55:02Z",
		"19/07/2026 00:55:02", "1/7/2026", "0963546594", "+84 963 546 594", "84963546594",
		"024.3825.1234", "040039101440", "0100109106", "0100109106-001", "12,5", "-1.5e3",
		"007", "0.5", "+12", "a@b.vn", "http://x.vn/a", "HN-00001-001", "true", "No", "12345",
	};
	static const char alphabet[] = "0123456789-/.:, +eETZ@_a#\xC3";
	unsigned seed = 34, bad = 0;
	char s[64];
	for (int round = 0; round < 300000; round++) {
		const char *base = bases[(unsigned)round % (sizeof bases / sizeof *bases)];
		size_t len = strlen(base);
		memcpy(s, base, len + 1);
		for (int changes = round / 7 % 4; changes > 0 && len > 1; changes--) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			char c = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
			switch ((seed >> 26) % 4) {
			case 0:   /* taken out */
				memmove(s + at, s + at + 1, len - at);
				len--;
				break;
			case 1:   /* put in */
				memmove(s + at + 1, s + at, len - at + 1);
				s[at] = c;
				len++;
				break;
			default:
				s[at] = c;
			}
		}
		same_times(s);
		struct value_class vc;
		classify_value(s, len, 2026, &vc);
		uint32_t want = kinds_by_every_test(s, len, vc.formats);
		if (vc.kinds != want && bad++ < 20)
			fprintf(stderr, "\"%s\": kinds %x, by every test %x\n", s, (unsigned)vc.kinds,
				(unsigned)want);
	}
	EXPECT(bad == 0 && mismatches == 0);
}

int main(int argc, char **argv)
{
	ref_make_letter_tables();
	if (argc > 1) {
		EXPECT(file_values(argv[1]) == 0);
		EXPECT(shape_bad == 0);
		return TAP_DONE();
	}
	dates();
	templates();
	kinds_by_classes();
	random_values();
	EXPECT(shape_bad == 0);
	return TAP_DONE();
}
