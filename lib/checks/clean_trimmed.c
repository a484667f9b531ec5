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

/* Eight positions at a time: the bytes at p and at p + 1 both spaces. */
static bool has_double_space(const char *s, size_t len)
{
	const uint64_t spaces = 0x2020202020202020ULL;
	size_t i = 0;
	for (; i + 9 <= len; i += 8)
		if (zero_bytes(load64(s + i) ^ spaces) & zero_bytes(load64(s + i + 1) ^ spaces))
			return true;
	for (; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return true;
	return false;
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
