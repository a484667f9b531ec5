/* The streaming JSON writer: separators, indentation, string escaping and
 * number formatting exactly as jansson 2.14's json_dumps lays them out, so
 * the result document did not change when the tree went away. */
#include "json_writer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/values.h"

#define INDENT_WIDTH 2

/* The writer appends many short pieces: they are copied in place while the
 * buffer has room, and strbuf_add grows it (or records the failure). */
static inline void put(struct strbuf *sb, const void *data, size_t len)
{
	if (len < sb->cap - sb->len) {
		memcpy(sb->buf + sb->len, data, len);
		sb->len += len;
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_add(sb, data, len);
}

void jw_init(struct json_writer *w, struct strbuf *out)
{
	*w = (struct json_writer){.out = out};
}

void jw_init_line(struct json_writer *w, struct strbuf *out)
{
	*w = (struct json_writer){.out = out, .line = true};
}

static void indent(struct json_writer *w, unsigned depth)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)depth * INDENT_WIDTH;
	while (n) {
		size_t chunk = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		put(w->out, spaces, chunk);
		n -= chunk;
	}
}

/* Every item of a container starts on its own line; all but the first
 * end the previous one with a comma. A key's value follows on its line. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->line) {
		if (!w->empty)
			put(w->out, ", ", 2);
		w->empty = false;
		return;
	}
	if (w->empty)
		put(w->out, "\n", 1);
	else
		put(w->out, ",\n", 2);
	indent(w, w->depth);
	w->empty = false;
}

static void begin(struct json_writer *w, char open)
{
	before_item(w);
	put(w->out, &open, 1);
	w->depth++;
	w->empty = true;
}

/* An empty container closes on its opening line: [] and {}. */
static void end(struct json_writer *w, char close)
{
	w->depth--;
	if (!w->empty && !w->line) {
		put(w->out, "\n", 1);
		indent(w, w->depth);
	}
	put(w->out, &close, 1);
	w->empty = false;
}

void jw_begin_object(struct json_writer *w)
{
	begin(w, '{');
}

void jw_end_object(struct json_writer *w)
{
	end(w, '}');
}

void jw_begin_array(struct json_writer *w)
{
	begin(w, '[');
}

void jw_end_array(struct json_writer *w)
{
	end(w, ']');
}

/* Quote, backslash and the C0 controls are escaped (short forms where JSON
 * has them, else \u00XX in upper case); DEL and all UTF-8 stay raw. */
static void put_escape(struct strbuf *sb, unsigned char c)
{
	static const char short_form[0x20] = {['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n',
					       ['\r'] = 'r', ['\t'] = 't'};
	static const char hex[] = "0123456789ABCDEF";
	if (c == '"' || c == '\\' || short_form[c]) {
		char esc[2] = {'\\', c >= 0x20 ? (char)c : short_form[c]};
		put(sb, esc, 2);
		return;
	}
	char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
	put(sb, esc, 6);
}

/* Valid UTF-8 in, escaped text out, in runs between the bytes to escape. */
static void put_escaped(struct strbuf *sb, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(sb, s + run, i - run);
		put_escape(sb, c);
		run = i + 1;
	}
	put(sb, s + run, len - run);
}

static void put_string(struct strbuf *sb, const char *s, size_t len)
{
	put(sb, "\"", 1);
	for (;;) {
		size_t ok = utf8_valid_prefix(s, len);
		put_escaped(sb, s, ok);
		if (ok == len)
			break;
		put(sb, "\xEF\xBF\xBD", 3);
		s += ok + 1;
		len -= ok + 1;
	}
	put(sb, "\"", 1);
}

void jw_key(struct json_writer *w, const char *key)
{
	before_item(w);
	put_string(w->out, key, strlen(key));
	put(w->out, ": ", 2);
	w->after_key = true;
}

void jw_string(struct json_writer *w, const char *s)
{
	jw_stringn(w, s, strlen(s));
}

void jw_stringn(struct json_writer *w, const char *s, size_t len)
{
	before_item(w);
	put_string(w->out, s, len);
}

/* Writes u in decimal backwards, ending at `end`; returns the first digit. */
static char *digits_before(char *end, unsigned long long u)
{
	do
		*--end = (char)('0' + u % 10);
	while (u /= 10);
	return end;
}

void jw_integer(struct json_writer *w, long long v)
{
	char buf[24];
	char *end = buf + sizeof buf;
	char *p = digits_before(end, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
	if (v < 0)
		*--p = '-';
	before_item(w);
	put(w->out, p, (size_t)(end - p));
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "%.15g" made locale-independent: whatever the locale prints for the
 * decimal point becomes '.'; a number with neither point nor exponent gets
 * ".0"; the exponent loses its '+' and leading zeros (1e+20 -> 1e20). */
static size_t format_real(char *out, double v)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%.15g", v);
	int i = 0;
	size_t len = 0;
	bool point = false;
	while (i < n && buf[i] != 'e') {
		if (is_digit(buf[i]) || buf[i] == '-') {
			out[len++] = buf[i++];
			continue;
		}
		out[len++] = '.';
		point = true;
		while (i < n && !is_digit(buf[i]) && buf[i] != 'e')
			i++;
	}
	if (i == n) {
		if (!point) {
			memcpy(out + len, ".0", 2);
			len += 2;
		}
		return len;
	}
	out[len++] = 'e';
	if (buf[++i] == '-')
		out[len++] = '-';
	for (i++; i < n - 1 && buf[i] == '0'; i++)
		;
	memcpy(out + len, buf + i, (size_t)(n - i));
	return len + (size_t)(n - i);
}

/* Most reals in a result are scores and weights of at most two decimals,
 * written here without printf. Below 1e12 such a value has at most 14
 * significant digits and the double nearest to n/100 lies within half an
 * ulp, far inside "%.15g"'s rounding step: that prints n/100 exactly, with
 * trailing zeros dropped. Returns 0 for any other value. */
static size_t format_cents(char *out, double v)
{
	if (!(fabs(v) < 1e12) || v == 0)
		return 0;
	long long n = llround(v * 100);
	if ((double)n / 100 != v)
		return 0;
	char buf[24];
	char *end = buf + sizeof buf, *p = end;
	unsigned long long a = n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
	unsigned cents = (unsigned)(a % 100);
	if (cents % 10)
		*--p = (char)('0' + cents % 10);
	*--p = (char)('0' + cents / 10);
	*--p = '.';
	p = digits_before(p, a / 100);
	if (n < 0)
		*--p = '-';
	memcpy(out, p, (size_t)(end - p));
	return (size_t)(end - p);
}

void jw_real(struct json_writer *w, double v)
{
	if (!isfinite(v)) {
		jw_null(w);
		return;
	}
	char text[64];
	size_t len = format_cents(text, v);
	if (!len)
		len = format_real(text, v);
	before_item(w);
	put(w->out, text, len);
}

void jw_null(struct json_writer *w)
{
	before_item(w);
	put(w->out, "null", 4);
}

void jw_bool(struct json_writer *w, bool v)
{
	before_item(w);
	put(w->out, v ? "true" : "false", v ? 4 : 5);
}
