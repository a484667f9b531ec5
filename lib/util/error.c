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
	err->has_excerpt = false;
	err->excerpt[0] = '\0';
	return code;
}

int error_nomem(dqa_error *err)
{
	return error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
}

void assert_failed(const char *cond, const char *file, int line, const char *func)
{
	fprintf(stderr, "dqa: internal error: %s:%d: %s: assertion '%s' failed\n", file, line, func,
		cond);
	abort();
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

void error_excerpt(dqa_error *err, const char *text, size_t len)
{
	if (err->code != DQA_ERULES || !err->line || !err->column || err->has_excerpt)
		return;
	unsigned current = 1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (current == err->line) {
			err->has_excerpt = true;
			if (c == '\n' || c == '\r')
				break;
			if (n < DQA_EXCERPT_MAX)
				err->excerpt[n++] = c;
		} else if (c == '\n') {
			current++;
		}
	}
	err->excerpt[n] = '\0';
}

static void append_excerpt(struct strbuf *sb, const dqa_error *err)
{
	char text[DQA_EXCERPT_MAX + 1];
	memcpy(text, err->excerpt, sizeof text);
	text[DQA_EXCERPT_MAX] = '\0';
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
	for (unsigned i = 1; i < err->span && i < DQA_EXCERPT_MAX; i++)
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

int dqa_error_format(char **out, const dqa_error *err)
{
	return error_format_as(out, err, "error");
}

int error_format_as(char **out, const dqa_error *err, const char *severity)
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
	strbuf_puts(&sb, severity);
	strbuf_puts(&sb, ": ");
	put_visible(&sb, err->message);
	strbuf_putc(&sb, '\n');
	if (err->has_excerpt && err->line && err->column)
		append_excerpt(&sb, err);
	if (err->hint[0]) {
		strbuf_puts(&sb, "hint: ");
		put_visible(&sb, err->hint);
		strbuf_putc(&sb, '\n');
	}
	*out = strbuf_detach(&sb);
	return *out ? 0 : DQA_ENOMEM;
}

int dqa_errors_summary(char **out, const char *file, size_t found, size_t shown)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s: %zu error%s", file, found, found == 1 ? "" : "s");
	if (shown < found)
		strbuf_printf(&sb, " (the first %zu shown)", shown);
	strbuf_putc(&sb, '\n');
	*out = strbuf_detach(&sb);
	return *out ? 0 : DQA_ENOMEM;
}
