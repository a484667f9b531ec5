/* clean.utf8: the value is valid UTF-8: no stray or missing continuation
 * bytes, overlong forms, surrogates or code points past U+10FFFF. The note
 * gives the byte offset of the first bad byte and what is wrong there. */
#include <stdio.h>

#include "check.h"
#include "../util/values.h"

/* Why the sequence starting at p (the first invalid one) is invalid, and
 * how many of its bytes to show. */
static const char *utf8_problem(const unsigned char *p, size_t left, size_t *shown)
{
	unsigned char c = p[0];
	*shown = 1;
	if (c >= 0x80 && c <= 0xBF)
		return "continuation byte without a lead byte";
	if (c == 0xC0 || c == 0xC1)
		return "overlong encoding";
	if (c >= 0xF5)
		return "byte never used in UTF-8";
	size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
	size_t k = 1;
	while (k <= need && k < left && (p[k] & 0xC0) == 0x80)
		k++;
	*shown = k;
	if (k <= need)
		return "truncated sequence";
	if (c == 0xE0 || (c == 0xF0 && p[1] < 0x90))
		return "overlong encoding";
	if (c == 0xED)
		return "surrogate code point";
	return "code point past U+10FFFF";
}

static bool utf8_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	int col = b->cols[0];
	const char *s = row->fields[col];
	size_t len = row->lens[col];
	if (row->rec && row->rec->utf8_valid)
		return true;
	size_t ok = utf8_valid_prefix(s, len);
	if (ok == len)
		return true;
	if (note) {
		const unsigned char *bad = (const unsigned char *)s + ok;
		size_t shown;
		const char *why = utf8_problem(bad, len - ok, &shown);
		int n = snprintf(note, cap, "invalid UTF-8 at byte offset %zu:", ok);
		for (size_t i = 0; i < shown && n > 0 && (size_t)n < cap; i++)
			n += snprintf(note + n, cap - (size_t)n, " 0x%02X", bad[i]);
		if (n > 0 && (size_t)n < cap)
			snprintf(note + n, cap - (size_t)n, " (%s)", why);
	}
	return false;
}

const struct check_ops check_utf8 = {
	.kind = "utf8", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .uses_utf8_blocks = true,
	.row = utf8_row,
};
