/* What a single value looks like: every kind of value it passes as
 * (integer, date in a given format, phone, ...), its number or time when
 * it is one, and its shape. A column's type is decided from these counts
 * (column.h). */
#ifndef DQA_PROFILE_KINDS_H
#define DQA_PROFILE_KINDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../checks/vn_ident.h"

/* In the order a column's type is chosen: the first kind most of its
 * values pass wins (column_type). */
enum value_kind {
	KIND_CITIZEN_ID, KIND_TAX_CODE, KIND_PHONE, KIND_EMAIL, KIND_URL, KIND_BOOLEAN,
	KIND_INTEGER, KIND_NUMBER, KIND_DECIMAL_COMMA, KIND_DATETIME, KIND_DATE, KIND_CODE,
	NKINDS,
	KIND_TEXT = NKINDS     /* what every value is */
};

/* The name a profile shows ("citizen_id", "integer", "number" for both
 * decimal separators, "text", ...). */
const char *kind_name(enum value_kind k);

/* The date and date-time formats tried, strftime-like (time_parse_format). */
enum { NTIME_FORMATS = 10 };
const char *time_format(size_t i);
bool time_format_has_time(size_t i);

struct value_class {
	uint32_t kinds;         /* bit k: passes as kind k */
	uint32_t formats;       /* bit i: parses with time_format(i) */
	double number;          /* integer, number or decimal comma */
	int64_t time;           /* with the first format that parses */
};

/* The classes of the bytes a value holds, a bit each: before any kind test
 * runs they rule out those that cannot pass (a value with a letter is no
 * phone, one with a '-' inside no integer). BC_LETTER is an ASCII letter but
 * e and E (BC_E: an exponent); BC_CONTROL a byte below 32 or DEL, tabs too;
 * BC_HIGH a byte of 128 or more, with BC_LATIN1 for the lead bytes of
 * U+0080-U+00FF (C2, C3) and BC_COMBINING for those of U+0300-U+037F (CC,
 * CD). */
enum byte_class {
	BC_DIGIT = 1u << 0, BC_LETTER = 1u << 1, BC_E = 1u << 2, BC_SPACE = 1u << 3,
	BC_PLUS = 1u << 4, BC_MINUS = 1u << 5, BC_DOT = 1u << 6, BC_COMMA = 1u << 7,
	BC_SLASH = 1u << 8, BC_COLON = 1u << 9, BC_AT = 1u << 10, BC_UNDERSCORE = 1u << 11,
	BC_OTHER = 1u << 12, BC_CONTROL = 1u << 13, BC_HIGH = 1u << 14, BC_LATIN1 = 1u << 15,
	BC_COMBINING = 1u << 16,
};
uint32_t byte_classes(const char *s, size_t len);

/* Classifies s (len bytes, NUL-terminated at s[len], not blank). now_year
 * bounds the birth year a citizen ID may encode. */
void classify_value(const char *s, size_t len, int64_t now_year, struct value_class *out);
/* The same with the value's byte_classes already known. */
void classify_classed(const char *s, size_t len, uint32_t classes, int64_t now_year,
		      struct value_class *out);

/* What one pass over a value's bytes tells: its shape (digits become 9
 * but a leading 0 stays, it makes a code; a run of letters becomes A or a
 * by the case of its first one; other characters stay, non-ASCII symbols
 * and bad bytes become '?'; cut at SHAPE_MAX bytes), its byte_classes
 * (ASCII without BC_HIGH), and its characters when it is valid UTF-8 (the
 * bytes that are not continuations). True when the pass found it valid
 * UTF-8 (ASCII, or each character one it knows); false when it is not or
 * the pass could not tell (utf8_valid decides). */
enum { SHAPE_MAX = 40 };
struct value_bytes {
	char shape[SHAPE_MAX + 1];
	uint8_t shape_len;
	uint32_t classes;
	uint32_t chars;
};
bool value_bytes(const char *s, size_t len, struct value_bytes *out);

/* Most columns repeat one template (dates, times, IDs, phone numbers,
 * codes): the last ASCII value of TEMPLATE_MIN to SHAPE_MAX bytes whose
 * bytes a column's worker read, as words of eight bytes (the last one
 * ending at the value's end) with the bytes that are not digits marked. A
 * value of its length with digits where it has them, the same other bytes
 * and the same leading zero or none has its value_bytes. */
enum { TEMPLATE_MIN = 8, TEMPLATE_WORDS = (SHAPE_MAX + 7) / 8 };
struct shape_template {
	uint8_t len;                    /* 0: none yet */
	bool zero_first;
	uint64_t words[TEMPLATE_WORDS], kept[TEMPLATE_WORDS];   /* kept: 0xFF in a non-digit byte */
	struct value_bytes bytes;
};
/* value_bytes by the pass, whose value then becomes t's template when it
 * can be one: value_bytes_templated when s has no template. */
bool value_bytes_retemplated(struct shape_template *t, const char *s, size_t len,
			     struct value_bytes *out);

/* The k-th of a template's words in s: eight bytes from 8k, the last
 * ending at the value's end. */
static inline uint64_t shape_template_word(const char *s, size_t len, size_t k)
{
	uint64_t w;
	memcpy(&w, s + (8 * k + 8 <= len ? 8 * k : len - 8), sizeof w);
	return w;
}

static inline bool shape_template_has(const struct shape_template *t, const char *s, size_t len)
{
	if (len != t->len || (s[0] == '0') != t->zero_first)
		return false;
	/* The template's other bytes, and digits where it has digits. */
	for (size_t k = 0; 8 * k < len; k++) {
		uint64_t w = shape_template_word(s, len, k);
		if (((w ^ t->words[k]) & t->kept[k]) | (non_digit_bytes(w) & ~t->kept[k]))
			return false;
	}
	return true;
}

/* value_bytes by the template when s has it, else by the pass, whose
 * value then becomes the template when it can be one. Inline: on a column
 * of one template the test is all that runs. */
static inline bool value_bytes_templated(struct shape_template *t, const char *s, size_t len,
					 struct value_bytes *out)
{
	if (!shape_template_has(t, s, len))
		return value_bytes_retemplated(t, s, len, out);
	*out = t->bytes;
	return true;
}

#endif
