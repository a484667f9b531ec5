/* Escaping for every output format. Input strings come from the JSON
 * document, so they are valid UTF-8; only sample values (data) may hold
 * NUL bytes, passed with their length. */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* The bytes csv_cell treats specially anywhere in a cell. */
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

/* A cell that needs quoting or defusing, or holds a NUL; apart so that
 * csv_cell's common path stays a leaf without its registers to save. */
__attribute__((noinline)) static char *csv_cell_escaped(char *out, const char *s, size_t len)
{
	bool defuse = len && formula_lead(s[0]);
	bool quote = defuse || s[0] == ' ';
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	char *p = out;
	if (quote)
		*p++ = '"';
	if (defuse)
		*p++ = '\'';
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') {
			*p++ = '"';
			*p++ = '"';
		} else if (s[i] == '\0') {
			memcpy(p, NUL_SHOWN, sizeof NUL_SHOWN - 1);
			p += sizeof NUL_SHOWN - 1;
		} else {
			*p++ = s[i];
		}
	}
	if (quote)
		*p++ = '"';
	return p;
}

/* Whether any of the sixteen bytes in the words lo and hi is one
 * csv_special finds. */
static bool special_in_words(uint64_t lo, uint64_t hi)
{
#if defined(__SSE2__)
	__m128i v = _mm_set_epi64x((long long)hi, (long long)lo);
	__m128i hits = _mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_setzero_si128()),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8(','))),
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
	return _mm_movemask_epi8(hits) != 0;
#else
	/* the classic zero-byte test, on each word as read and with each
	 * other special byte xored out */
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t found = 0;
	for (int i = 0; i < 2; i++) {
		uint64_t w = i ? hi : lo;
#define ZERO_BYTES(x) (((x) - ones) & ~(x) & highs)
		found |= ZERO_BYTES(w) | ZERO_BYTES(w ^ (ones * ',')) |
			 ZERO_BYTES(w ^ (ones * '"')) | ZERO_BYTES(w ^ (ones * '\r')) |
			 ZERO_BYTES(w ^ (ones * '\n'));
#undef ZERO_BYTES
	}
	return found != 0;
#endif
}

/* Copies the eight bytes at s + a and at s + b to out when none of them
 * is special (the two may overlap); false, copying nothing, when one is. */
static bool copy_plain(char *out, const char *s, size_t a, size_t b)
{
	uint64_t lo, hi;
	memcpy(&lo, s + a, 8);
	memcpy(&hi, s + b, 8);
	if (special_in_words(lo, hi))
		return false;
	memcpy(out + a, &lo, 8);
	memcpy(out + b, &hi, 8);
	return true;
}

char *csv_cell(char *out, const char *s, size_t len)
{
	/* most cells need nothing: copied sixteen bytes at a time as they
	 * are scanned, the last sixteen (or a short cell's two words)
	 * overlapping, never reading past the cell (the failed-row files
	 * put hundreds of thousands of cells here) */
	if (len >= 8) {
		size_t at = 0;
		for (; at + 16 < len; at += 16)
			if (!copy_plain(out, s, at, at + 8))
				return csv_cell_escaped(out, s, len);
		size_t last = len - 8;
		if (!copy_plain(out, s, last >= 8 ? last - 8 : 0, last))
			return csv_cell_escaped(out, s, len);
	} else {
		for (size_t i = 0; i < len; i++) {
			if (csv_special((unsigned char)s[i]))
				return csv_cell_escaped(out, s, len);
			out[i] = s[i];
		}
	}
	if (len && (formula_lead(s[0]) || s[0] == ' '))
		return csv_cell_escaped(out, s, len);
	return out + len;
}

void csv_putn(struct strbuf *sb, const char *s, size_t len)
{
	if (strbuf_reserve(sb, CSV_CELL_MAX(len)))
		strbuf_written(sb, csv_cell(sb->buf + sb->len, s, len));
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
