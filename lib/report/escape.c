/* Escaping for every output format. Input strings come from the JSON
 * document, so they are valid UTF-8 without NUL (jansson guarantees it). */
#include <string.h>

#include "escape.h"

static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

void html_put(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': strbuf_puts(sb, "&amp;"); break;
		case '<': strbuf_puts(sb, "&lt;"); break;
		case '>': strbuf_puts(sb, "&gt;"); break;
		case '"': strbuf_puts(sb, "&quot;"); break;
		case '\'': strbuf_puts(sb, "&#39;"); break;
		default:
			if (is_control(*p))
				strbuf_puts(sb, "\xEF\xBF\xBD");
			else
				strbuf_putc(sb, (char)*p);
		}
	}
}

void xml_put(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': strbuf_puts(sb, "&amp;"); break;
		case '<': strbuf_puts(sb, "&lt;"); break;
		case '>': strbuf_puts(sb, "&gt;"); break;
		case '"': strbuf_puts(sb, "&quot;"); break;
		case '\'': strbuf_puts(sb, "&apos;"); break;
		/* kept as references: a parser would fold them to spaces in attributes */
		case '\t': strbuf_puts(sb, "&#9;"); break;
		case '\n': strbuf_puts(sb, "&#10;"); break;
		case '\r': strbuf_puts(sb, "&#13;"); break;
		default:
			/* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either */
			if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
				p += 2;
				continue;
			}
			if (*p >= 0x20 && *p != 0x7f)
				strbuf_putc(sb, (char)*p);
		}
	}
}

void csv_put(struct strbuf *sb, const char *s)
{
	bool defuse = s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = defuse || strpbrk(s, ",\"\r\n") || s[0] == ' ';
	if (quote)
		strbuf_putc(sb, '"');
	if (defuse)
		strbuf_putc(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *p);
	}
	if (quote)
		strbuf_putc(sb, '"');
}

void md_put(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t' || is_control(*p))
			strbuf_putc(sb, ' ');
		else if (strchr("\\`*_[]<>|#!~&", *p))
			strbuf_putc(sb, '\\'), strbuf_putc(sb, (char)*p);
		else
			strbuf_putc(sb, (char)*p);
	}
}
