/* Value grammars shared by the checks: integers, numbers, booleans, blank
 * values and UTF-8 lengths. All take a pointer and a length. */
#ifndef DQA_VALUES_H
#define DQA_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ^[+-]?[0-9]+$ fitting in int64. */
bool value_integer(const char *s, size_t len, int64_t *out);
/* ^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$; s must be
 * NUL-terminated at s[len] (the reader guarantees it). */
bool value_number(const char *s, size_t len, double *out);
/* How a column writes its numbers (dqa-rules(5), VALUE GRAMMARS): the
 * decimal separator (',', or 0 for '.') and the thousands separator (0 for
 * none), which groups the integer part by three digits. All zero, the
 * plain style, is the default. */
struct number_style {
	char decimal, thousands;
};
#define NUMBER_STYLE_PLAIN ((struct number_style){0, 0})
/* value_integer and value_number of a value written in style: "1.234,5"
 * with {',', '.'} is 1234.5; a misplaced separator makes it no number. */
bool value_integer_in(struct number_style style, const char *s, size_t len, int64_t *out);
bool value_number_in(struct number_style style, const char *s, size_t len, double *out);
/* true false yes no 1 0, ASCII case-insensitive. */
bool value_boolean(const char *s, size_t len);
/* Empty, or only ASCII spaces and tabs. */
bool value_blank(const char *s, size_t len);
/* Code points of UTF-8 text; every invalid byte counts as one. */
/* Whether every byte of s is ASCII (read eight bytes at a time). */
bool text_is_ascii(const char *s, size_t len);
size_t utf8_length(const char *s, size_t len);
/* Bytes taken by the first n code points of s, counted as utf8_length does
 * (len when s has fewer). */
size_t utf8_offset(const char *s, size_t len, size_t n);
/* A pii value as reports show it: all but its last two characters become
 * '*' (four or fewer: all of them), characters counted as utf8_length
 * counts them. Writes at most len bytes to out; returns how many. */
size_t value_mask(char *out, const char *s, size_t len);

/* Length of the valid UTF-8 prefix of s (len when all of it is valid). */
size_t utf8_valid_prefix(const char *s, size_t len);
/* Bytes of the valid UTF-8 sequence starting at p (left > 0 bytes there):
 * 1 for ASCII, 0 when the bytes are not one: a stray continuation byte, a
 * truncated sequence, an overlong form, a surrogate or a code point past
 * U+10FFFF. The one definition of valid UTF-8 (utf8_valid.h agrees). */
size_t utf8_sequence_length(const unsigned char *p, size_t left);

#endif
