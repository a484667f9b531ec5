/* Value classification with the value grammars and the check kinds' own
 * tests, so that a type the profile infers is one the audit accepts. */
#include "kinds.h"

#include <pthread.h>
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
 * whose first non-digit differs cannot parse), how many leading digits it
 * reads (4 for %Y, else 1 or 2: a longer run leaves a digit where the
 * separator belongs), and the byte_classes its text holds besides digits
 * and its first separator (the T and Z of ISO 8601 are letters). Those from
 * FIRST_TIMED on have a time (only those match more than 10 bytes). */
enum { FIRST_TIMED = 6 };
static const struct {
	const char *format;
	char first_separator;
	uint8_t lead_digits;
	uint32_t needs;
} time_formats[NTIME_FORMATS] = {
	{"%Y-%m-%d", '-', 4, 0}, {"%d/%m/%Y", '/', 2, 0},
	{"%Y/%m/%d", '/', 4, 0}, {"%d-%m-%Y", '-', 2, 0},
	{"%d.%m.%Y", '.', 2, 0}, {"%m/%d/%Y", '/', 2, 0},
	{"%Y-%m-%dT%H:%M:%S", '-', 4, BC_LETTER | BC_COLON},
	{"%Y-%m-%d %H:%M:%S", '-', 4, BC_SPACE | BC_COLON},
	{"%Y-%m-%dT%H:%M:%SZ", '-', 4, BC_LETTER | BC_COLON},
	{"%d/%m/%Y %H:%M:%S", '/', 2, BC_SPACE | BC_COLON},
};

const char *time_format(size_t i)
{
	return time_formats[i].format;
}

bool time_format_has_time(size_t i)
{
	return i >= FIRST_TIMED;
}

/* Shortest and longest text any time format matches; a date without a
 * time is at most DATE_MAX_LEN bytes, one with a time longer. */
enum { TIME_MIN_LEN = 8, DATE_MAX_LEN = 10, TIME_MAX_LEN = 20, CODE_MAX_LEN = 40 };

/* The byte_classes of each byte. */
#define CT BC_CONTROL
#define DI BC_DIGIT
#define LE BC_LETTER
#define EE BC_E
#define SP BC_SPACE
#define PL BC_PLUS
#define MI BC_MINUS
#define DO BC_DOT
#define CO BC_COMMA
#define SL BC_SLASH
#define CL BC_COLON
#define AT BC_AT
#define US BC_UNDERSCORE
#define OT BC_OTHER
#define HI BC_HIGH
#define L1 (BC_HIGH | BC_LATIN1)
#define CM (BC_HIGH | BC_COMBINING)
static const uint32_t class_of[256] = {
	CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT,
	CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT,
	SP, OT, OT, OT, OT, OT, OT, OT, OT, OT, OT, PL, CO, MI, DO, SL,
	DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, CL, OT, OT, OT, OT, OT,
	AT, LE, LE, LE, LE, EE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
	LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, OT, OT, OT, OT, US,
	OT, LE, LE, LE, LE, EE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
	LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, OT, OT, OT, OT, CT,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, L1, L1, HI, HI, HI, HI, HI, HI, HI, HI, CM, CM, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
	HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
};
#undef CT
#undef DI
#undef LE
#undef EE
#undef SP
#undef PL
#undef MI
#undef DO
#undef CO
#undef SL
#undef CL
#undef AT
#undef US
#undef OT
#undef HI
#undef L1
#undef CM

uint32_t byte_classes(const char *s, size_t len)
{
	uint32_t classes = 0;
	for (size_t i = 0; i < len; i++)
		classes |= class_of[(unsigned char)s[i]];
	return classes;
}

/* Whether a value of these classes holds only the allowed ones. */
static bool only(uint32_t classes, uint32_t allowed)
{
	return (classes & ~allowed) == 0;
}

/* The characters of a code: ASCII letters, digits, - _ . and /. */
#define CODE_CLASSES (BC_DIGIT | BC_LETTER | BC_E | BC_MINUS | BC_UNDERSCORE | BC_DOT | BC_SLASH)
/* The characters integers, numbers (exponents too) and decimal commas use. */
#define NUMBER_CLASSES (BC_DIGIT | BC_PLUS | BC_MINUS | BC_DOT | BC_E | BC_COMMA)
/* The characters of a phone number: digits, +84, and single spaces, dots
 * or dashes between groups (vn_phone_valid). */
#define PHONE_CLASSES (BC_DIGIT | BC_PLUS | BC_SPACE | BC_DOT | BC_MINUS)

/* A code: one word of ASCII letters, digits and - _ . / with a digit in it
 * ("HN-00001-001", "00304"), or digits with a leading zero. */
static bool is_code(size_t len, uint32_t classes)
{
	return len <= CODE_MAX_LEN && (classes & BC_DIGIT) && only(classes, CODE_CLASSES);
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

/* A comma rules out integers and numbers, anything but a sign and digits
 * rules out integers. */
static void classify_number(const char *s, size_t len, uint32_t classes, struct value_class *out)
{
	if (classes & BC_COMMA) {
		if (decimal_comma(s, len, &out->number))
			out->kinds |= 1u << KIND_DECIMAL_COMMA;
		return;
	}
	int64_t i;
	bool leading_zero = len > 1 && s[0] == '0';
	if (!leading_zero && only(classes, BC_DIGIT | BC_PLUS | BC_MINUS) &&
	    value_integer(s, len, &i)) {
		out->kinds |= 1u << KIND_INTEGER | 1u << KIND_NUMBER;
		out->number = (double)i;
	} else if (!leading_zero || s[1] == '.') {
		if (value_number(s, len, &out->number))
			out->kinds |= 1u << KIND_NUMBER;
	}
}

/* The number the two digits at s write, or -1 when one is no digit. */
static int two_digits(const char *s)
{
	unsigned tens = (unsigned char)s[0] - '0', units = (unsigned char)s[1] - '0';
	return tens > 9 || units > 9 ? -1 : (int)(tens * 10 + units);
}

/* The same of four digits (a year). */
static int four_digits(const char *s)
{
	int high = two_digits(s), low = two_digits(s + 2);
	return (high | low) < 0 ? -1 : high * 100 + low;
}

/* Adds format f when the fields (digits all) make a real date and time. */
static void add_fixed(struct value_class *out, size_t f, int year, int month, int day, int hour,
		      int minute, int second)
{
	int64_t t;
	if (!time_from_civil(year, (unsigned)month, (unsigned)day, (unsigned)hour,
			     (unsigned)minute, (unsigned)second, &t))
		return;
	if (!out->formats)
		out->time = t;
	out->formats |= 1u << f;
	out->kinds |= 1u << (f >= FIRST_TIMED ? KIND_DATETIME : KIND_DATE);
}

/* The layouts with every field at full width, read at fixed positions:
 * 2026-07-19, 2026-07-19 00:55:02 (or with T, or T and Z), 19/07/2026 (as
 * %d/%m/%Y and %m/%d/%Y), every other byte a digit. No other format can
 * parse such a text, so the answer is the formats' own (time_parse_format's);
 * false for any other text, which the formats then read one by one. */
static bool classify_fixed_time(const char *s, size_t len, struct value_class *out)
{
	if (len == 10 && s[2] == '/' && s[5] == '/') {
		int first = two_digits(s), second = two_digits(s + 3), year = four_digits(s + 6);
		if ((first | second | year) < 0)
			return false;
		add_fixed(out, 1, year, second, first, 0, 0, 0);   /* %d/%m/%Y */
		add_fixed(out, 5, year, first, second, 0, 0, 0);   /* %m/%d/%Y */
		return true;
	}
	if (s[4] != '-' || s[7] != '-')
		return false;
	size_t f;
	if (len == 10)
		f = 0;
	else if (len == 19 && (s[10] == 'T' || s[10] == ' '))
		f = s[10] == 'T' ? 6 : 7;
	else if (len == 20 && s[10] == 'T' && s[19] == 'Z')
		f = 8;
	else
		return false;
	int year = four_digits(s), month = two_digits(s + 5), day = two_digits(s + 8);
	int hour = 0, minute = 0, second = 0;
	if (f) {
		if (s[13] != ':' || s[16] != ':')
			return false;
		hour = two_digits(s + 11);
		minute = two_digits(s + 14);
		second = two_digits(s + 17);
	}
	if ((year | month | day | hour | minute | second) < 0)
		return false;
	add_fixed(out, f, year, month, day, hour, minute, second);
	return true;
}

/* The characters of the time formats: digits and their separators, the T
 * and Z of ISO 8601; each has a - / or . between its date's fields. */
#define TIME_CLASSES (BC_DIGIT | BC_MINUS | BC_SLASH | BC_DOT | BC_SPACE | BC_COLON | BC_LETTER)
#define DATE_SEPARATORS (BC_MINUS | BC_SLASH | BC_DOT)

static void classify_time(const char *s, size_t len, uint32_t classes, struct value_class *out)
{
	if (len < TIME_MIN_LEN || len > TIME_MAX_LEN || s[0] < '0' || s[0] > '9' ||
	    !(classes & DATE_SEPARATORS) || !only(classes, TIME_CLASSES))
		return;
	if (classify_fixed_time(s, len, out))
		return;
	size_t digits = first_non_digit(s, len);
	if (digits == len)
		return;
	bool timed = len > DATE_MAX_LEN;
	size_t end = timed ? NTIME_FORMATS : FIRST_TIMED;
	for (size_t f = timed ? FIRST_TIMED : 0; f < end; f++) {
		int64_t t;
		if (time_formats[f].first_separator != s[digits] ||
		    (time_formats[f].lead_digits == 4 ? digits != 4 : digits > 2) ||
		    (classes & time_formats[f].needs) != time_formats[f].needs ||
		    !time_parse_format(time_formats[f].format, s, len, &t))
			continue;
		if (!out->formats)
			out->time = t;
		out->formats |= 1u << f;
		out->kinds |= 1u << (timed ? KIND_DATETIME : KIND_DATE);
	}
}

/* Whether a phone number can be these bytes: with only digits, it starts
 * with 0 and has 10 or 11 of them, or with 84 and one fewer after it. */
static bool phone_possible(const char *s, size_t len, uint32_t classes)
{
	if (!only(classes, PHONE_CLASSES))
		return false;
	if (classes != BC_DIGIT)
		return true;
	size_t national = s[0] == '8' && s[1] == '4' ? len - 1 : s[0] == '0' ? len : 0;
	return national == 10 || national == 11;
}

/* A tax code of 12 digits is a citizen ID (allow_personal_id), one of 10
 * digits or of NNNNNNNNNN-NNN holds nothing else; a date (10 bytes at most,
 * two of them separators) has too few digits for a phone number. */
static void classify_identifiers(const char *s, size_t len, uint32_t classes, int64_t now_year,
				 struct value_class *out)
{
	char national[VN_PHONE_NATIONAL_MAX];
	size_t n;
	bool digits = classes == BC_DIGIT;
	if (len == 12 && digits && vn_citizen_id_valid(s, len, now_year, false, NULL, NULL, 0))
		out->kinds |= 1u << KIND_CITIZEN_ID | 1u << KIND_TAX_CODE;
	if (((len == 10 && digits) || (len == 14 && only(classes, BC_DIGIT | BC_MINUS))) &&
	    vn_tax_code_valid(s, len, true, now_year, false, NULL, 0))
		out->kinds |= 1u << KIND_TAX_CODE;
	if (len >= 10 && len <= 20 && !out->formats && phone_possible(s, len, classes) &&
	    vn_phone_valid(s, len, national, &n, NULL, 0))
		out->kinds |= 1u << KIND_PHONE;
}

static const char *const url_schemes[] = {"http", "https"};

/* A value that parses as a time has two separators among its digits, which
 * no number has: the number tests run on the others only. A boolean is
 * letters only (the 1 and 0 value_boolean also takes start like numbers,
 * and count as those). */
void classify_classed(const char *s, size_t len, uint32_t classes, int64_t now_year,
		      struct value_class *out)
{
	*out = (struct value_class){0};
	char first = s[0];
	if ((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.') {
		classify_time(s, len, classes, out);
		if (!out->formats && only(classes, NUMBER_CLASSES))
			classify_number(s, len, classes, out);
		classify_identifiers(s, len, classes, now_year, out);
	} else if (only(classes, BC_LETTER | BC_E) && value_boolean(s, len)) {
		out->kinds |= 1u << KIND_BOOLEAN;
	}
	if ((classes & BC_AT) && email_valid(s, len, NULL, 0))
		out->kinds |= 1u << KIND_EMAIL;
	if (len > 3 && (classes & (BC_COLON | BC_SLASH)) == (BC_COLON | BC_SLASH) &&
	    memmem(s, len, "://", 3) &&
	    url_valid(s, len, url_schemes, 2, NULL, 0))
		out->kinds |= 1u << KIND_URL;
	if (is_code(len, classes))
		out->kinds |= 1u << KIND_CODE;
}

void classify_value(const char *s, size_t len, int64_t now_year, struct value_class *out)
{
	classify_classed(s, len, byte_classes(s, len), now_year, out);
}

/* 'A' for a capital letter, 'a' for another letter or a combining mark
 * (by utf8proc's category), 0 for anything else. */
static char category_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU ? 'A'
	       : cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_MN ? 'a' : 0;
}

/* category_letter of every two-byte code point (U+0080-U+07FF: Latin-1,
 * the Latin extensions with ă đ ĩ ũ ơ ư, combining marks) and of Latin
 * Extended Additional (U+1E00-U+1EFF: the other Vietnamese letters),
 * indexed by the code point's low bits: names and addresses are mostly
 * these, and a table read costs less than utf8proc's lookups. */
enum { ADDITIONAL_FIRST = 0x1E00 };
static char two_byte_letter[0x800];
static char additional_letter[0x100];

/* The shape of each ASCII byte: A or a for a letter, 9 for a digit, the
 * byte itself for any other. */
static const char ascii_shape[128] =
	"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F" "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F"
	" !\"#$%&'()*+,-./" "9999999999:;<=>?" "@AAAAAAAAAAAAAAA" "AAAAAAAAAAA[\\]^_"
	"`aaaaaaaaaaaaaaa" "aaaaaaaaaaa{|}~\x7F";

/* What the walk needs of an ASCII byte in one load: its class_of (the low
 * 32 bits), its ascii_shape (ASCII_SYMBOL) and ASCII_OTHER when it is no
 * letter. */
enum { ASCII_SYMBOL = 32, ASCII_OTHER = 40 };
static uint64_t ascii_walk[128];
static pthread_once_t letter_tables_once = PTHREAD_ONCE_INIT;

static void make_letter_tables(void)
{
	for (utf8proc_int32_t cp = 0x80; cp < 0x800; cp++)
		two_byte_letter[cp] = category_letter(cp);
	for (utf8proc_int32_t cp = 0; cp < 0x100; cp++)
		additional_letter[cp] = category_letter(ADDITIONAL_FIRST + cp);
	for (unsigned c = 0; c < 128; c++)
		ascii_walk[c] = class_of[c] | (uint64_t)(unsigned char)ascii_shape[c] << ASCII_SYMBOL |
				(uint64_t)!(class_of[c] & (BC_LETTER | BC_E)) << ASCII_OTHER;
}

static bool continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The letter class of a character the tables do not hold, by utf8proc, and
 * its *step in bytes (a bad byte: one byte, no letter). Out of line, so
 * that the walk keeps its state in registers. */
__attribute__((noinline)) static char other_letter(const unsigned char *p, size_t left,
						  size_t *step)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
	*step = k > 0 ? (size_t)k : 1;
	return k > 0 ? category_letter(cp) : 0;
}

/* value_bytes, inlined into value_bytes_retemplated (a column's hot path). */
__attribute__((always_inline)) static inline bool bytes_pass(const char *s, size_t len,
							      struct value_bytes *out)
{
	/* Locals, not out's fields: a store to the shape may alias them. */
	size_t continuations = 0;
	uint32_t classes = 0;
	unsigned starts = 1;   /* 1: a letter here starts a run (the last was none) */
	bool checked = true;
	char *shape = out->shape, *symbol = shape, *shape_end = shape + SHAPE_MAX;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	/* A leading run of digits eight at a time: IDs, phone numbers and
	 * row numbers are nothing else. A leading zero makes a code. */
	size_t lead = first_non_digit(s, len < SHAPE_MAX ? len : SHAPE_MAX);
	if (lead) {
		memset(shape, '9', lead);
		shape[0] = s[0] == '0' ? '0' : '9';
		classes = BC_DIGIT;
		symbol += lead;
		p += lead;
	}
	if (p < end)
		pthread_once(&letter_tables_once, make_letter_tables);
	while (p < end && symbol < shape_end) {
		/* Each character adds at most one symbol and takes at least one
		 * byte: up to stop the shape has room without a test. */
		const unsigned char *stop =
			end - p < shape_end - symbol ? end : p + (shape_end - symbol);
		while (p < stop) {
			size_t c = *p;
			if (c < 0x80) {
				uint64_t walk = ascii_walk[c];
				unsigned other = (unsigned)(walk >> ASCII_OTHER);
				classes |= (uint32_t)walk;
				/* Without branches, whose mispredictions on names
				 * and addresses cost more than these instructions:
				 * a letter after a letter adds nothing, so that a
				 * run of letters is one A or a, by its first. */
				*symbol = (char)(walk >> ASCII_SYMBOL);
				symbol += other | starts;
				starts = other;
				p++;
				continue;
			}
			/* A well-formed two-byte character or one of U+1E00-U+1EFF
			 * by the tables, any other by utf8proc (then the pass
			 * cannot tell the value valid), a bad byte no letter. */
			classes |= class_of[c];
			char high;
			size_t left = (size_t)(end - p), step;
			if (c >= 0xC2 && c <= 0xDF && left >= 2 && continuation(p[1])) {
				step = 2;
				continuations += 1;
				/* The code point's low bits: lead and continuation
				 * less their fixed bits. */
				high = two_byte_letter[((size_t)c << 6) + p[1] - (0xC0u << 6 | 0x80u)];
			} else if (c == 0xE1 && left >= 3 && (p[1] & 0xFC) == 0xB8 &&
				   continuation(p[2])) {
				step = 3;
				continuations += 2;
				high = additional_letter[((size_t)p[1] << 6) + p[2] - (0xB8u << 6 | 0x80u)];
			} else {
				checked = false;
				high = other_letter(p, left, &step);
				/* A step past one byte is a whole code point: lead
				 * and continuations. */
				continuations += step > 1 ? step - 1 : continuation(c);
			}
			unsigned other = !high;
			*symbol = high ? high : '?';   /* a symbol or a bad byte */
			symbol += other | starts;
			starts = other;
			p += step;
		}
	}
	for (; p < end; p++) {
		uint32_t class = class_of[*p];
		classes |= class;
		checked &= !(class & BC_HIGH);
		continuations += continuation(*p);
	}
	*symbol = '\0';
	out->shape_len = (uint8_t)(symbol - shape);
	out->classes = classes;
	out->chars = (uint32_t)(len - continuations);
	return checked;
}

bool value_bytes(const char *s, size_t len, struct value_bytes *out)
{
	return bytes_pass(s, len, out);
}

bool value_bytes_retemplated(struct shape_template *t, const char *s, size_t len,
			     struct value_bytes *out)
{
	bool valid = bytes_pass(s, len, out);
	if (len < TEMPLATE_MIN || len > SHAPE_MAX || (out->classes & BC_HIGH))
		return valid;
	t->len = (uint8_t)len;
	t->zero_first = s[0] == '0';
	for (size_t k = 0; 8 * k < len; k++) {
		t->words[k] = shape_template_word(s, len, k);
		/* 0x80 in each byte that is not a digit, made 0xFF. */
		t->kept[k] = (non_digit_bytes(t->words[k]) >> 7) * 0xFF;
	}
	t->bytes = *out;
	return valid;
}
