/* Vietnamese identifier arithmetic shared by vn_citizen_id, vn_tax_code and
 * vn_phone: digit runs, the 63 province codes, the citizen-ID structure and
 * the tax-code check digit. Pure functions, no allocation. */
#ifndef DQA_VN_IDENT_H
#define DQA_VN_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

bool digits_only(const char *s, size_t len);

/* 0x80 in each byte of w that is not an ASCII digit: of its low seven
 * bits, 0x50 added sets the top bit from '0' up and 0x46 from ':' up,
 * with no carry between bytes. */
static inline uint64_t non_digit_bytes(uint64_t w)
{
	const uint64_t high = 0x8080808080808080ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x = w & low7;
	uint64_t from_zero = x + 0x5050505050505050ULL, past_nine = x + 0x4646464646464646ULL;
	return (w | ~from_zero | past_nine) & high;
}

/* Position (0-based) of the first byte of s that is not an ASCII digit, or
 * len when there is none. Inline, eight bytes at a time: the profile runs
 * it on every value's leading digits (IDs, phone numbers, dates). Past the
 * first eight bytes, the last eight are read again rather than byte by
 * byte: those read before are digits, which non_digit_bytes leaves unmarked. */
static inline size_t first_non_digit(const char *s, size_t len)
{
	size_t i = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w, bad;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, sizeof w);
		if ((bad = non_digit_bytes(w)))
			return i + (size_t)__builtin_ctzll(bad) / 8;
	}
	if (i < len && len >= 8) {
		memcpy(&w, s + len - 8, sizeof w);
		bad = non_digit_bytes(w);
		return bad ? len - 8 + (size_t)__builtin_ctzll(bad) / 8 : len;
	}
#endif
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The province named by a three-digit citizen-ID prefix, or NULL when the
 * prefix is not one of the 63 pre-2025 province codes. */
const char *vn_province_name(const char *code3);

/* What the digits of a structurally valid citizen ID encode. */
struct vn_citizen {
	int birth_year;
	bool female;
};

/* Validates a 12-digit citizen ID (CCCD): all digits, a province code,
 * a century-and-gender digit and birth year not after now_year. On failure
 * writes a note naming the broken rule (its detail only when show_detail)
 * and returns false; on success fills *out when out is non-NULL. */
bool vn_citizen_id_valid(const char *s, size_t len, int64_t now_year, bool show_detail,
			 struct vn_citizen *out, char *note, size_t cap);

/* The check digit (0-9) of a tax code's first nine digits, or -1 when the
 * weighted sum is a multiple of 11 and no digit fits. d9 must be digits. */
int vn_tax_check_digit(const char *d9);

#endif
