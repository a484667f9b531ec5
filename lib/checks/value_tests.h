/* The value tests of check kinds that other stages share: the profiler
 * infers a column's kind with the very tests its suggested checks run.
 * Each writes why a value fails into note (cap bytes; nothing when note is
 * NULL) as note_fail does, and returns whether it passes. */
#ifndef DQA_VALUE_TESTS_H
#define DQA_VALUE_TESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { VN_PHONE_NATIONAL_MAX = 12 };

/* A Vietnamese mobile or landline number (correct.vn_phone); its national
 * form (leading 0, digits only, not NUL-terminated) goes to national and
 * its length to *ndigits. */
bool vn_phone_valid(const char *s, size_t len, char national[VN_PHONE_NATIONAL_MAX],
		    size_t *ndigits, char *note, size_t cap);

/* A tax code (correct.vn_tax_code); show: name the detail in the note. */
bool vn_tax_code_valid(const char *s, size_t len, bool allow_personal_id, int64_t now_year,
		       bool show, char *note, size_t cap);

/* An e-mail address (correct.email). */
bool email_valid(const char *s, size_t len, char *note, size_t cap);

/* An absolute web address whose scheme is one of schemes (correct.url). */
bool url_valid(const char *s, size_t len, const char *const *schemes, size_t nschemes,
	       char *note, size_t cap);

/* No leading or trailing space, tab, CR or LF, no two spaces in a row
 * (clean.trimmed). */
bool value_trimmed(const char *s, size_t len);
/* Whether s holds two spaces in a row (the inner half of value_trimmed). */
bool value_double_space(const char *s, size_t len);

/* Text that looks typed in TCVN3 or VNI and read as Windows-1252
 * (clean.legacy_encoding fails it). */
bool legacy_encoding_suspect(const char *s, size_t len);

/* A value that clean.placeholder's default list flags (N/A, null, -,
 * 0000-00-00, "chưa có", ...: dqa-rules(5)); tb is a normalisation
 * buffer. */
struct text_buf;
bool placeholder_default(const char *s, size_t len, struct text_buf *tb);

/* Whether placeholder_default may flag a value that starts with byte c: a
 * space, tab or line end (trimmed first), or a byte a default placeholder
 * can start with once folded (n # - ? 0 x k c in either case, and E2, the
 * lead byte of the Kelvin sign, which folds to k). Inline, so that the
 * values most columns hold fail it without a call. */
static inline bool placeholder_default_may_start(unsigned char c)
{
	const uint64_t below_64 = 1ULL << ' ' | 1ULL << '\t' | 1ULL << '\r' | 1ULL << '\n' |
				  1ULL << '#' | 1ULL << '-' | 1ULL << '?' | 1ULL << '0';
	const uint64_t from_64 = 1ULL << ('C' - 64) | 1ULL << ('K' - 64) | 1ULL << ('N' - 64) |
				 1ULL << ('X' - 64) | 1ULL << ('c' - 64) | 1ULL << ('k' - 64) |
				 1ULL << ('n' - 64) | 1ULL << ('x' - 64);
	return c < 64 ? below_64 >> c & 1 : c < 128 ? from_64 >> (c - 64) & 1 : c == 0xE2;
}

/* The same of a value's second byte: a space, tab or line end, or a byte a
 * default placeholder holds in either case (n # - ? 0 x k c a e g h l o u
 * /) or any byte past ASCII (folding may make ASCII of it). IDs and phone
 * numbers, which start with 0, fail it. */
static inline bool placeholder_default_may_follow(unsigned char c)
{
	const uint64_t below_64 = 1ULL << ' ' | 1ULL << '\t' | 1ULL << '\r' | 1ULL << '\n' |
				  1ULL << '#' | 1ULL << '-' | 1ULL << '?' | 1ULL << '0' | 1ULL << '/';
	const uint64_t letters = 1ULL << ('a' - 96) | 1ULL << ('c' - 96) | 1ULL << ('e' - 96) |
				 1ULL << ('g' - 96) | 1ULL << ('h' - 96) | 1ULL << ('k' - 96) |
				 1ULL << ('l' - 96) | 1ULL << ('n' - 96) | 1ULL << ('o' - 96) |
				 1ULL << ('u' - 96) | 1ULL << ('x' - 96);
	const uint64_t from_64 = letters << 32 | letters;   /* upper case, then lower */
	return c < 64 ? below_64 >> c & 1 : c < 128 ? from_64 >> (c - 64) & 1 : true;
}

#endif
