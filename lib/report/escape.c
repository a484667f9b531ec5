/* Escaping for every output format. Input strings come from the JSON
 * document, so they are valid UTF-8; only sample values (data) may hold
 * NUL bytes, passed with their length. */
#include <string.h>

#include "escape.h"
#include "../util/values.h"

/* How every format shows a NUL byte: U+2400 SYMBOL FOR NULL, one visible
 * character that no format forbids (XML 1.0 has no NUL, not even as a
 * reference) and that is not confused with the text "\0" in the data. */
#define NUL_SHOWN "\xE2\x90\x80"

static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

void html_putn(struct strbuf *sb, const char *s, size_t len)
{
	for (const unsigned char *p = (const unsigned char *)s, *end = p + len; p < end; p++) {
		switch (*p) {
		case '&': strbuf_puts(sb, "&amp;"); break;
		case '<': strbuf_puts(sb, "&lt;"); break;
		case '>': strbuf_puts(sb, "&gt;"); break;
		case '"': strbuf_puts(sb, "&quot;"); break;
		case '\'': strbuf_puts(sb, "&#39;"); break;
		case '\0': strbuf_puts(sb, NUL_SHOWN); break;
		default:
			if (is_control(*p))
				strbuf_puts(sb, "\xEF\xBF\xBD");
			else
				strbuf_putc(sb, (char)*p);
		}
	}
}

void html_put(struct strbuf *sb, const char *s)
{
	html_putn(sb, s, strlen(s));
}

void xml_putn(struct strbuf *sb, const char *s, size_t len)
{
	for (const unsigned char *p = (const unsigned char *)s, *end = p + len; p < end; p++) {
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
		case '\0': strbuf_puts(sb, NUL_SHOWN); break;
		default:
			/* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either */
			if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBF &&
			    (p[2] == 0xBE || p[2] == 0xBF)) {
				p += 2;
				continue;
			}
			if (*p >= 0x20 && *p != 0x7f)
				strbuf_putc(sb, (char)*p);
		}
	}
}

void xml_put(struct strbuf *sb, const char *s)
{
	xml_putn(sb, s, strlen(s));
}

/* The bytes csv_putn treats specially anywhere in a cell. */
static bool csv_special(unsigned char c)
{
	static const bool special[256] = {[','] = true, ['"'] = true, ['\r'] = true,
					  ['\n'] = true, ['\0'] = true};
	return special[c];
}

/* Whether a spreadsheet would run a cell starting with c as a formula. */
static bool formula_lead(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void csv_putn(struct strbuf *sb, const char *s, size_t len)
{
	bool defuse = len && formula_lead(s[0]);
	size_t plain = 0;
	while (plain < len && !csv_special((unsigned char)s[plain]))
		plain++;
	/* most cells need nothing: one copy (the failed-row files put
	 * hundreds of thousands of cells through here) */
	if (plain == len && !defuse && (!len || s[0] != ' ')) {
		strbuf_add(sb, s, len);
		return;
	}
	bool quote = defuse || s[0] == ' ';
	for (size_t i = plain; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		strbuf_putc(sb, '"');
	if (defuse)
		strbuf_putc(sb, '\'');
	/* runs without a quote or NUL are copied whole */
	size_t run = 0;
	for (size_t i = plain; i < len; i++) {
		if (s[i] != '\0' && s[i] != '"')
			continue;
		strbuf_add(sb, s + run, i - run);
		strbuf_puts(sb, s[i] ? "\"\"" : NUL_SHOWN);
		run = i + 1;
	}
	strbuf_add(sb, s + run, len - run);
	if (quote)
		strbuf_putc(sb, '"');
}

void csv_put(struct strbuf *sb, const char *s)
{
	csv_putn(sb, s, strlen(s));
}

void md_putn(struct strbuf *sb, const char *s, size_t len)
{
	for (const unsigned char *p = (const unsigned char *)s, *end = p + len; p < end; p++) {
		if (*p == '\0')
			strbuf_puts(sb, NUL_SHOWN);
		else if (*p == '\n' || *p == '\r' || *p == '\t' || is_control(*p))
			strbuf_putc(sb, ' ');
		else if (strchr("\\`*_[]<>|#!~&", *p))
			strbuf_putc(sb, '\\'), strbuf_putc(sb, (char)*p);
		else
			strbuf_putc(sb, (char)*p);
	}
}

void md_put(struct strbuf *sb, const char *s)
{
	md_putn(sb, s, strlen(s));
}

static size_t lead_length(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* term_put, or with sb NULL only the count it would write. */
static size_t term_walk(struct strbuf *sb, const char *s, size_t max)
{
	size_t shown = 0, len = strlen(s), i = 0;
	for (; i < len && shown < max; shown++) {
		unsigned char c = (unsigned char)s[i];
		size_t ch = lead_length(c);
		if (ch > len - i || utf8_valid_prefix(s + i, ch) != ch ||
		    (ch == 1 && (c < 0x20 || c == 0x7f))) {
			if (sb)
				strbuf_putc(sb, '?');
			i++;
		} else {
			if (sb)
				strbuf_add(sb, s + i, ch);
			i += ch;
		}
	}
	return shown;
}

size_t term_put(struct strbuf *sb, const char *s, size_t max)
{
	return term_walk(sb, s, max);
}

void term_put_padded(struct strbuf *sb, const char *s, size_t width)
{
	bool cut = width > 0 && term_walk(NULL, s, width + 1) > width;
	size_t shown = term_put(sb, s, cut ? width - 1 : width);
	if (cut) {
		strbuf_puts(sb, "\u2026");
		shown++;
	}
	for (; shown < width; shown++)
		strbuf_putc(sb, ' ');
}
