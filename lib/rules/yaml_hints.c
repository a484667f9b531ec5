#include "yaml_hints.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One line of the file: its text (without the line end) and indentation. */
struct line {
	const char *start;
	size_t len;
	size_t indent;   /* spaces before the first other character */
	bool content;    /* not blank, not only a comment */
};

static bool line_at(const char *text, size_t len, unsigned number, struct line *out)
{
	size_t i = 0;
	for (unsigned n = 1; n < number; n++) {
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			return false;
		i = (size_t)(nl - text) + 1;
	}
	if (i >= len && number > 1)
		return false;
	const char *nl = memchr(text + i, '\n', len - i);
	out->start = text + i;
	out->len = (nl ? (size_t)(nl - text) : len) - i;
	if (out->len && out->start[out->len - 1] == '\r')
		out->len--;
	out->indent = 0;
	while (out->indent < out->len && out->start[out->indent] == ' ')
		out->indent++;
	out->content = out->indent < out->len && out->start[out->indent] != '#';
	return true;
}

static bool is_item(const struct line *l)
{
	return l->content && l->start[l->indent] == '-' &&
	       (l->indent + 1 == l->len || l->start[l->indent + 1] == ' ');
}

/* The nearest line above `number` with content, and its number. */
static unsigned content_above(const char *text, size_t len, unsigned number, struct line *out)
{
	for (unsigned n = number - 1; n >= 1; n--)
		if (line_at(text, len, n, out) && out->content)
			return n;
	return 0;
}

/* The nearest list item above `number` (an earlier item of the same list
 * when the one at number is dedented). */
static unsigned item_above(const char *text, size_t len, unsigned number, struct line *out)
{
	for (unsigned n = number - 1; n >= 1; n--)
		if (line_at(text, len, n, out) && is_item(out))
			return n;
	return 0;
}

static struct dqa_pos line_start(unsigned number, const struct line *l)
{
	return (struct dqa_pos){number, (unsigned)l->indent + 1, 1};
}

/* Block structure: the indentation of the line libyaml stopped at against
 * the lines above it. */
static void diagnose_block(const char *text, size_t len, const char *problem,
			   struct dqa_pos at, struct yaml_diagnosis *out)
{
	struct line here, above, item;
	if (!line_at(text, len, at.line, &here) || !here.content)
		return;
	unsigned above_n = content_above(text, len, at.line, &above);
	if (strstr(problem, "expected '-' indicator")) {
		out->pos = line_start(at.line, &here);
		snprintf(out->hint, sizeof out->hint,
			 "each item of a list starts with '- ': write '- %.*s'",
			 (int)(here.len - here.indent > 40 ? 40 : here.len - here.indent),
			 here.start + here.indent);
		return;
	}
	if (!above_n)
		return;
	bool mapping_values = strstr(problem, "mapping values are not allowed") != NULL;
	if (strstr(problem, "did not find expected key") && is_item(&here)) {
		unsigned item_n = item_above(text, len, at.line, &item);
		if (!is_item(&above) && above.indent == here.indent) {
			out->pos = line_start(above_n, &above);
			snprintf(out->hint, sizeof out->hint,
				 "this line is not a list item, the next one is: start it with "
				 "'- ' like the items of its list");
		} else if (item_n && here.indent < item.indent) {
			out->pos = line_start(at.line, &here);
			snprintf(out->hint, sizeof out->hint,
				 "this item is indented less than the one at line %u: start it "
				 "at column %zu like the items above it", item_n, item.indent + 1);
		}
		return;
	}
	if ((mapping_values || strstr(problem, "did not find expected key")) &&
	    here.indent > above.indent && !is_item(&above)) {
		out->pos = line_start(at.line, &here);
		snprintf(out->hint, sizeof out->hint,
			 "this line is indented more than line %u above it: keys of one "
			 "mapping start at the same column (%zu)", above_n, above.indent + 1);
		return;
	}
	if (mapping_values)
		snprintf(out->hint, sizeof out->hint,
			 "a value holding ': ' needs quotes: 'a: b'");
}

void yaml_diagnose(const char *text, size_t len, const char *problem, struct dqa_pos at,
		   struct yaml_diagnosis *out)
{
	out->pos = at;
	out->hint[0] = '\0';
	if (strstr(problem, "unknown escape character")) {
		snprintf(out->hint, sizeof out->hint,
			 "write regexes in single quotes ('^[A-Z\\d]{3}$'): in double quotes "
			 "YAML reads a backslash as an escape");
		return;
	}
	if (strstr(problem, "did not find expected ',' or")) {
		snprintf(out->hint, sizeof out->hint,
			 "inside {...} or [...], quote a value that holds ':', ',', '{', '}', '[' "
			 "or ']' (pattern: '^[A-Z]{3}$'), and close every '{' with '}' and '[' "
			 "with ']'");
		return;
	}
	diagnose_block(text, len, problem, at, out);
}
