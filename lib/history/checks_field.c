/* The checks column of a history row: "ID=SCORE ID=SCORE" on a unit's total,
 * "ID ID=SCORE" on the dataset's (every id, dataset-level ones with their
 * score), ids escaped so that a space or '=' in a column
 * name cannot split an item. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "../util/strbuf.h"
#include "../util/values.h"

void history_check_id_put(struct strbuf *sb, const char *id)
{
	for (; *id; id++) {
		if (*id == '%' || *id == ' ' || *id == '=')
			strbuf_printf(sb, "%%%02X", (unsigned char)*id);
		else
			strbuf_putc(sb, *id);
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool history_checks_next(const char **cursor, struct strbuf *id, double *score)
{
	const char *p = *cursor;
	while (*p == ' ')
		p++;
	if (!*p)
		return false;
	strbuf_reset(id);
	for (; *p && *p != ' ' && *p != '='; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0) {
			strbuf_putc(id, (char)(hi * 16 + lo));
			p += 2;
		} else {
			strbuf_putc(id, *p);
		}
	}
	/* An empty id (a damaged line) is still a string. */
	if (strbuf_grow(id, 0))
		id->buf[id->len] = '\0';
	*score = NAN;
	if (*p == '=') {
		const char *start = ++p;
		while (*p && *p != ' ')
			p++;
		double v;
		if (p > start && value_number(start, (size_t)(p - start), &v) && v >= 0 && v <= 100)
			*score = v;
	}
	*cursor = p;
	return true;
}
