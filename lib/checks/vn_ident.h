/* Vietnamese identifier arithmetic shared by vn_citizen_id, vn_tax_code and
 * vn_phone: digit runs, the 63 province codes, the citizen-ID structure and
 * the tax-code check digit. Pure functions, no allocation. */
#ifndef DQA_VN_IDENT_H
#define DQA_VN_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool digits_only(const char *s, size_t len);

/* Position (0-based) of the first byte of s that is not an ASCII digit, or
 * len when there is none. */
size_t first_non_digit(const char *s, size_t len);

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
