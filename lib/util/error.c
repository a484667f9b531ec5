/* Error values: filling them, and rendering them as "file:line:col: error:"
 * with the offending source line and a caret, the form editors recognise. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

int error_at(dqa_error *err, int code, const char *file, struct dqa_pos pos,
	     const char *hint, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = pos.line;
	err->column = pos.column;
	err->span = pos.span;
	snprintf(err->hint, sizeof err->hint, "%s", hint ? hint : "");
	return code;
}

void error_hint(dqa_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof err->hint, fmt, ap);
	va_end(ap);
}

/* Longest source line echoed under a rule-file error; longer ones are cut. */
enum { EXCERPT_MAX = 160 };

/* Reads line `line` (1-based) of path into buf without its newline. */
static bool read_line(const char *path, unsigned line, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	unsigned current = 1;
	size_t len = 0;
	int c;
	bool found = false;
	while ((c = fgetc(f)) != EOF) {
		if (current == line) {
			found = true;
			if (c == '\n' || c == '\r')
				break;
			if (len + 1 < cap)
				buf[len++] = (char)c;
		} else if (c == '\n') {
			current++;
		}
	}
	buf[len] = '\0';
	fclose(f);
	return found;
}

static void append_excerpt(struct strbuf *sb, const dqa_error *err)
{
	char text[EXCERPT_MAX + 1];
	if (!read_line(err->file, err->line, text, sizeof text))
		return;
	/* One '?' per control character keeps the caret in its column. */
	for (char *p = text; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			*p = '?';
	strbuf_printf(sb, "%5u | %s\n      | ", err->line, text);
	/* The caret goes under the column counted in characters: copy the
	 * prefix's tabs so it lines up, and skip UTF-8 continuation bytes. */
	unsigned col = 1;
	for (const unsigned char *p = (const unsigned char *)text;
	     *p && col < err->column; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		strbuf_putc(sb, *p == '\t' ? '\t' : ' ');
		col++;
	}
	strbuf_putc(sb, '^');
	for (unsigned i = 1; i < err->span && i < EXCERPT_MAX; i++)
		strbuf_putc(sb, '~');
	strbuf_putc(sb, '\n');
}

/* Text from data (a header, a value) may hold control characters: shown
 * as \xNN (tabs excepted) so that no escape sequence reaches the terminal. */
static void put_visible(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			strbuf_printf(sb, "\\x%02x", c);
		else
			strbuf_putc(sb, (char)c);
	}
}

char *dqa_error_format(const dqa_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	if (err->file[0]) {
		strbuf_puts(&sb, err->file);
		if (err->line) {
			strbuf_printf(&sb, ":%u", err->line);
			if (err->column)
				strbuf_printf(&sb, ":%u", err->column);
		}
		strbuf_puts(&sb, ": ");
	}
	strbuf_puts(&sb, "error: ");
	put_visible(&sb, err->message);
	strbuf_putc(&sb, '\n');
	if (err->code == DQA_ERULES && err->file[0] && err->line && err->column)
		append_excerpt(&sb, err);
	if (err->hint[0]) {
		strbuf_puts(&sb, "hint: ");
		put_visible(&sb, err->hint);
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}
