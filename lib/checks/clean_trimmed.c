/* clean.trimmed: no leading or trailing space, tab, CR or LF, and no two
 * consecutive spaces inside. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "value_tests.h"

static bool is_edge_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static uint64_t load64(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* 0x80 in exactly the bytes of w that are zero (no borrow between bytes,
 * unlike the shorter haszero trick). */
static uint64_t zero_bytes(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	return ~(((w & low7) + low7) | w | low7);
}

/* Whether two spaces start at one of p[0] to p[7] (p[8] is read). */
static bool double_space_in_word(const char *p)
{
	const uint64_t spaces = 0x2020202020202020ULL;
	return zero_bytes(load64(p) ^ spaces) & zero_bytes(load64(p + 1) ^ spaces);
}

/* Eight positions at a time, the last eight read again at the end rather
 * than byte by byte (a loop whose end mispredicts on every value). */
static bool has_double_space(const char *s, size_t len)
{
	if (len < 9) {
		for (size_t i = 0; i + 1 < len; i++)
			if (s[i] == ' ' && s[i + 1] == ' ')
				return true;
		return false;
	}
	for (size_t i = 0; i + 9 <= len; i += 8)
		if (double_space_in_word(s + i))
			return true;
	return double_space_in_word(s + len - 9);
}

bool value_trimmed(const char *s, size_t len)
{
	if (len == 0)
		return true;
	if (is_edge_space(s[0]) || is_edge_space(s[len - 1]))
		return false;
	return !has_double_space(s, len);
}

static bool trimmed_row(struct bound_check *b, const struct plan_row *row, char *note,
			size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return value_trimmed(row->fields[col], row->lens[col]);
}

const struct check_ops check_trimmed = {
	.kind = "trimmed", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .row = trimmed_row,
};
