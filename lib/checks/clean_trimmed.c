/* clean.trimmed: no leading or trailing space, tab, CR or LF, and no two
 * consecutive spaces inside. */
#include <string.h>

#include "check.h"

static bool is_edge_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* memchr to each space beats memmem's setup on short values. */
static bool has_double_space(const char *s, size_t len)
{
	const char *end = s + len - 1;
	for (const char *p = s; p < end && (p = memchr(p, ' ', (size_t)(end - p))); p++)
		if (p[1] == ' ')
			return true;
	return false;
}

static bool trimmed_row(struct bound_check *b, const struct plan_row *row, char *note,
			size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	const char *s = row->fields[col];
	size_t len = row->lens[col];
	if (len == 0)
		return true;
	if (is_edge_space(s[0]) || is_edge_space(s[len - 1]))
		return false;
	return !has_double_space(s, len);
}

const struct check_ops check_trimmed = {
	.kind = "trimmed", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .row = trimmed_row,
};
