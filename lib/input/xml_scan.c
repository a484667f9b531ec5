#include "xml_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a step over the buffer found. */
enum step { STEP_OK, STEP_MORE, STEP_OUT, STEP_GENERAL };

/* Byte classes: XML whitespace; a name's first byte; a name's other
 * bytes (names are ASCII only: the scanner leaves the others to expat);
 * character data passed as it is (ASCII but for '&', ']', '<', and the
 * control characters other than tab and line feed); the same in an
 * attribute value but for the quotes, tab and line feed. */
enum { SPACE = 1, NAME_START = 2, NAME = 4, TEXT_PLAIN = 8, VALUE_PLAIN = 16 };
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 0, 0, 1, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	25, 24, 8, 24, 24, 24, 0, 8, 24, 24, 24, 24, 24, 28, 28, 24,
	28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 24, 0, 24, 24, 24,
	24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
	30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 24, 24, 16, 24, 30,
	24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
	30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 24, 24, 24, 24, 24,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static inline bool is_space(unsigned char c)
{
	return byte_class[c] & SPACE;
}

static inline bool name_start(unsigned char c)
{
	return byte_class[c] & NAME_START;
}

static inline bool name_char(unsigned char c)
{
	return byte_class[c] & NAME;
}

static bool xml_char(unsigned long cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* The length of the UTF-8 character at p (from 0x80 on), 0 when it is not
 * a well-formed one that XML allows, -1 when end cuts it. */
static int utf8_char(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	if (c < 0xC2 || c > 0xF4)
		return 0;
	int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (end - p < n)
		return -1;
	unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
	unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE ? 0 : n;   /* U+FFFE, U+FFFF */
}

static size_t utf8_put(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The longest reference decoded here: &#x10FFFF; with two leading zeros. */
enum { REF_MAX = 12 };

/* The reference at p ('&') before end: its length, with its character in
 * out[0, *out_len); 0 when it is not a predefined or character reference
 * the scanner decodes; -1 when end cuts it. */
static int reference(const char *p, const char *end, char *out, size_t *out_len)
{
	size_t window = (size_t)(end - p) < REF_MAX ? (size_t)(end - p) : REF_MAX;
	const char *semi = memchr(p, ';', window);
	if (!semi)
		return window < REF_MAX ? -1 : 0;
	const char *name = p + 1;
	size_t n = (size_t)(semi - name);
	static const struct { const char *name; char c; } predefined[] = {
		{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
	for (size_t i = 0; i < sizeof predefined / sizeof *predefined; i++)
		if (strlen(predefined[i].name) == n && memcmp(name, predefined[i].name, n) == 0) {
			out[0] = predefined[i].c;
			*out_len = 1;
			return (int)n + 2;
		}
	if (n < 2 || name[0] != '#')
		return 0;
	bool hex = name[1] == 'x';
	size_t i = hex ? 2 : 1;
	if (i == n)
		return 0;
	unsigned long cp = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		unsigned d = c >= '0' && c <= '9' ? c - '0'
			     : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
			     : 99;
		if (d == 99)
			return 0;
		cp = cp * (hex ? 16 : 10) + d;
	}
	if (!xml_char(cp))
		return 0;
	*out_len = utf8_put(cp, out);
	return (int)n + 2;
}

/* Character data from *at to end, checked and, when collect, decoded into
 * the handlers' text. whole: it ends at end (a '<' or the document's end
 * follows); else it stops before a character, reference, CR or "]]" that
 * end may cut, leaving it for the next bytes. */
static enum step chars(struct xml_scan *s, const char **at, const char *end, bool whole,
		       bool collect)
{
	struct strbuf *text = s->h->text;
	const unsigned char *p = (const unsigned char *)*at, *e = (const unsigned char *)end;
	const unsigned char *run = p;
	while (p < e) {
		unsigned char c = *p;
		if (byte_class[c] & TEXT_PLAIN) {
			p++;
			continue;
		}
		if (c >= 0x80) {
			int n = utf8_char(p, e);
			if (n > 0) {
				p += n;
				continue;
			}
			if (n == 0 || whole)
				return STEP_OUT;
			break;
		}
		if (c < 0x20 && c != '\r')
			return STEP_OUT;
		size_t need = c == '&' ? REF_MAX : c == ']' ? 3 : 2;
		if ((size_t)(e - p) < need && !whole && (c != '&' || !memchr(p, ';', (size_t)(e - p))))
			break;
		if (collect)
			strbuf_add(text, run, (size_t)(p - run));
		if (c == '&') {
			char out[4];
			size_t out_len = 0;
			int n = reference((const char *)p, end, out, &out_len);
			if (n <= 0)
				return STEP_OUT;
			if (collect)
				strbuf_add(text, out, out_len);
			p += n;
		} else if (c == ']') {
			if (e - p >= 3 && p[1] == ']' && p[2] == '>')
				return STEP_OUT;
			if (collect)
				strbuf_putc(text, ']');
			p++;
		} else {
			/* CR LF and a lone CR are a line feed, as expat has them */
			if (collect)
				strbuf_putc(text, '\n');
			p += p + 1 < e && p[1] == '\n' ? 2 : 1;
		}
		run = p;
	}
	if (collect)
		strbuf_add(text, run, (size_t)(p - run));
	*at = (const char *)p;
	return STEP_OK;
}

/* One attribute's bounds within the tag, made strings once it is whole. */
struct attr {
	char *name, *name_end, *value, *value_end;
};

/* Whitespace from *p; STEP_MORE when it reaches end. */
static inline enum step skip_space(char **p, char *end)
{
	while (*p < end && is_space((unsigned char)**p))
		(*p)++;
	return *p < end ? STEP_OK : STEP_MORE;
}

static inline char *name_end(char *p, char *end)
{
	while (p < end && name_char((unsigned char)*p))
		p++;
	return p;
}

/* An attribute's value from *p (after its quote) to the closing quote:
 * ASCII or UTF-8 characters, none of which expat would change (no
 * reference, no tab or line break) or refuse. */
static enum step attr_value(char **p, char *end, char quote)
{
	const unsigned char *c = (const unsigned char *)*p, *e = (const unsigned char *)end;
	while (c < e && *c != (unsigned char)quote) {
		if (byte_class[*c] & VALUE_PLAIN) {
			c++;
		} else if (*c >= 0x80) {
			int n = utf8_char(c, e);
			if (n < 0)
				return STEP_MORE;
			if (n == 0)
				return STEP_OUT;
			c += n;
		} else if (*c == '"' || *c == '\'') {
			c++;   /* the other quote */
		} else {
			return STEP_OUT;
		}
	}
	*p = (char *)c;
	return c < e ? STEP_OK : STEP_MORE;
}

/* The name in [name, end) without its prefix. */
static const char *local_name(const char *name, const char *end)
{
	const char *p = end;
	while (p > name && p[-1] != ':')
		p--;
	return p;
}

/* memcpy and memcmp, without a call for the one- to few-letter names of
 * a sheet's elements and the direct path's tags. */
static inline void copy_short(char *to, const char *from, size_t len)
{
	if (len > 8) {
		memcpy(to, from, len);
		return;
	}
	for (size_t i = 0; i < len; i++)
		to[i] = from[i];
}

static inline bool same_short(const char *a, const char *b, size_t len)
{
	if (len > 16)
		return memcmp(a, b, len) == 0;
	if (len >= 8) {   /* two words that may overlap: a load and a compare each */
		uint64_t a0, a1, b0, b1;
		memcpy(&a0, a, 8), memcpy(&b0, b, 8);
		memcpy(&a1, a + len - 8, 8), memcpy(&b1, b + len - 8, 8);
		return a0 == b0 && a1 == b1;
	}
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static enum step push(struct xml_scan *s, const char *name, size_t len)
{
	if (s->depth == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		size_t *open = realloc(s->open, cap * sizeof *open);
		if (!open)
			return STEP_OUT;
		s->open = open, s->cap = cap;
	}
	if (s->names_len + len > s->names_cap) {
		size_t cap = (s->names_len + len) * 2;
		char *names = realloc(s->names, cap);
		if (!names)
			return STEP_OUT;
		s->names = names, s->names_cap = cap;
	}
	s->open[s->depth++] = s->names_len;
	copy_short(s->names + s->names_len, name, len);
	s->names_len += len;
	return STEP_OK;
}

/* A start tag at *at ('<' and a name start): the handlers' start, and
 * their end too for an empty element. */
static enum step start_tag(struct xml_scan *s, char **at, char *end)
{
	char *name = *at + 1, *p = name_end(name, end);
	struct attr attrs[XML_SCAN_MAX_ATTRS];
	size_t nattrs = 0;
	char *name_stop = p;
	bool empty;
	for (;;) {
		char *before = p;
		if (skip_space(&p, end) != STEP_OK)
			return STEP_MORE;
		if (*p == '>' || *p == '/') {
			if (*p == '/' && p + 1 == end)
				return STEP_MORE;
			if (*p == '/' && p[1] != '>')
				return STEP_OUT;
			empty = *p == '/';
			p += empty ? 2 : 1;
			break;
		}
		if (p == before || !name_start((unsigned char)*p) || nattrs == XML_SCAN_MAX_ATTRS)
			return STEP_OUT;
		struct attr *a = &attrs[nattrs++];
		a->name = p;
		p = a->name_end = name_end(p, end);
		/* r="A1": no space around the '=' in the tags workbooks are made of */
		if (p < end && *p != '=' && skip_space(&p, end) != STEP_OK)
			return STEP_MORE;
		if (p == end)
			return STEP_MORE;
		if (*p++ != '=')
			return STEP_OUT;
		if (p < end && *p != '"' && skip_space(&p, end) != STEP_OK)
			return STEP_MORE;
		if (p == end)
			return STEP_MORE;
		char quote = *p++;
		if (quote != '"' && quote != '\'')
			return STEP_OUT;
		a->value = p;
		enum step st = attr_value(&p, end, quote);
		if (st != STEP_OK)
			return st;
		a->value_end = p++;
		for (struct attr *b = attrs; b < a; b++)
			if (b->name_end - b->name == a->name_end - a->name &&
			    same_short(b->name, a->name, (size_t)(a->name_end - a->name)))
				return STEP_OUT;   /* an attribute given twice */
	}
	if (s->where == XML_AFTER)
		return STEP_OUT;
	s->where = XML_CONTENT;
	const char *list[2 * XML_SCAN_MAX_ATTRS + 1];
	for (size_t i = 0; i < nattrs; i++) {
		*attrs[i].name_end = '\0';
		*attrs[i].value_end = '\0';
		list[2 * i] = attrs[i].name;
		list[2 * i + 1] = attrs[i].value;
	}
	list[2 * nattrs] = NULL;
	size_t len = (size_t)(name_stop - name);
	if (!empty && push(s, name, len) != STEP_OK)
		return STEP_OUT;
	*name_stop = '\0';
	*at = p;
	const char *local = local_name(name, name_stop);
	if (s->h->start(s->ud, local, list) < 0 || (empty && s->h->end(s->ud, local) < 0))
		return STEP_OUT;
	if (empty && s->depth == 0)
		s->where = XML_AFTER;
	return STEP_OK;
}

/* An end tag at *at ("</"), which must close the innermost open element. */
static enum step end_tag(struct xml_scan *s, char **at, char *end)
{
	char *name = *at + 2, *stop = name_end(name, end), *p = stop;
	if (skip_space(&p, end) != STEP_OK)
		return STEP_MORE;
	if (*p != '>' || s->depth == 0)
		return STEP_OUT;
	/* The innermost open element's name is the last in names. */
	size_t from = s->open[s->depth - 1], len = (size_t)(stop - name);
	if (s->names_len - from != len || !same_short(s->names + from, name, len))
		return STEP_OUT;
	s->depth--;
	s->names_len = from;
	if (s->depth == 0)
		s->where = XML_AFTER;
	name[len] = '\0';
	*at = p + 1;
	return s->h->end(s->ud, local_name(name, name + len)) < 0 ? STEP_OUT : STEP_OK;
}

/* The XML declaration at the document's start: version 1.0, encoding
 * UTF-8 if any, standalone yes or no if any, in that order. */
static enum step declaration(char **at, char *end)
{
	char *close = memchr(*at, '>', (size_t)(end - *at));
	if (!close)
		return end - *at < 256 ? STEP_MORE : STEP_OUT;
	static const char *const names[] = {"version", "encoding", "standalone"};
	char *p = *at + 5;
	for (size_t k = 0; k < 3; k++) {
		char *before = p;
		while (is_space((unsigned char)*p))
			p++;
		size_t n = strlen(names[k]);
		if (p == before || strncmp(p, names[k], n) != 0) {
			if (k == 0)
				return STEP_OUT;
			p = before;
			continue;
		}
		p += n;
		while (is_space((unsigned char)*p))
			p++;
		if (*p++ != '=')
			return STEP_OUT;
		while (is_space((unsigned char)*p))
			p++;
		char quote = *p++;
		char *value = p;
		if (quote != '"' && quote != '\'')
			return STEP_OUT;
		while (p < close && *p != quote)
			p++;
		if (p == close)
			return STEP_OUT;
		size_t len = (size_t)(p++ - value);
		bool known = k == 0   ? len == 3 && memcmp(value, "1.0", 3) == 0
			     : k == 1 ? len == 5 && strncasecmp(value, "UTF-8", 5) == 0
				      : (len == 3 && memcmp(value, "yes", 3) == 0) ||
					(len == 2 && memcmp(value, "no", 2) == 0);
		if (!known)
			return STEP_OUT;
	}
	while (is_space((unsigned char)*p))
		p++;
	if (p != close - 1 || *p != '?')
		return STEP_OUT;
	*at = close + 1;
	return STEP_OK;
}

void xml_scan_init(struct xml_scan *s, const struct xml_scan_handlers *h, void *ud)
{
	*s = (struct xml_scan){.h = h, .ud = ud, .where = XML_BEFORE};
}

/* A cell's text from p up to the '<' that ends it: *stop there, or
 * STEP_GENERAL for a byte the direct path leaves to the general one
 * (a reference, CR, ']', a control character, malformed UTF-8). */
static enum step cell_text(const char *p, const char *end, const char **stop)
{
	const unsigned char *c = (const unsigned char *)p, *e = (const unsigned char *)end;
	for (;;) {
		while (c < e && byte_class[*c] & TEXT_PLAIN)
			c++;
		if (c == e)
			return STEP_MORE;
		if (*c == '<')
			break;
		if (*c < 0x80)
			return STEP_GENERAL;
		int n = utf8_char(c, e);
		if (n <= 0)
			return n < 0 ? STEP_MORE : STEP_GENERAL;
		c += n;
	}
	*stop = (const char *)c;
	return STEP_OK;
}

/* open, text, then close from *p: the text into *value and *value_end.
 * STEP_GENERAL when *p does not start with open (end permitting). */
static inline enum step leaf(char **p, char *end, const char *open, size_t open_len,
		      const char *close, size_t close_len, char **value, char **value_end)
{
	char *at = *p;
	if ((size_t)(end - at) < open_len)
		return STEP_MORE;
	if (!same_short(at, open, open_len))
		return STEP_GENERAL;
	const char *stop;
	enum step st = cell_text(at + open_len, end, &stop);
	if (st != STEP_OK)
		return st;
	if ((size_t)(end - stop) < close_len)
		return STEP_MORE;
	if (!same_short(stop, close, close_len))
		return STEP_GENERAL;
	*value = at + open_len;
	*value_end = (char *)stop;
	*p = (char *)stop + close_len;
	return STEP_OK;
}

/* The rest of the direct path's cell from *p (after its start tag), its
 * text into *value and *value_end (NULL without one). */
static enum step cell_content(char **p, char *end, char **value, char **value_end)
{
	if (end - *p < 4)
		return STEP_MORE;
	if (same_short(*p, "</c>", 4)) {
		*value = *value_end = NULL;
		*p += 4;
		return STEP_OK;
	}
	enum step st = leaf(p, end, "<v>", 3, "</v></c>", 8, value, value_end);
	return st != STEP_GENERAL ? st
				  : leaf(p, end, "<is><t>", 7, "</t></is></c>", 13, value, value_end);
}

/* The direct path for a shared string at *at ("<si"). */
static enum step direct_string(struct xml_scan *s, char **at, char *end)
{
	char *p = *at, *value, *value_end;
	enum step st = leaf(&p, end, "<si><t>", 7, "</t></si>", 9, &value, &value_end);
	if (st != STEP_OK)
		return st;
	*value_end = '\0';
	int rc = s->h->string(s->ud, value, (size_t)(value_end - value));
	if (rc == 1) {
		*value_end = '<';
		return STEP_GENERAL;
	}
	if (rc < 0)
		return STEP_OUT;
	*at = p;
	return STEP_OK;
}

/* The direct path for a cell at *at ("<c" and a space, '>' or '/'): the
 * handlers' cell, or STEP_GENERAL for start_tag to read it instead. */
static enum step direct_cell(struct xml_scan *s, char **at, char *end)
{
	char *p = *at + 2;
	char *bounds[3][2] = {{NULL, NULL}, {NULL, NULL}, {NULL, NULL}};   /* r, s, t */
	bool empty;
	for (;;) {
		if (p == end)
			return STEP_MORE;
		if (*p == '>' || *p == '/') {
			if (end - p < 2)
				return STEP_MORE;
			empty = *p == '/';
			if (empty && p[1] != '>')
				return STEP_GENERAL;
			p += empty ? 2 : 1;
			break;
		}
		if (!is_space((unsigned char)*p))
			return STEP_GENERAL;
		while (p < end && is_space((unsigned char)*p))
			p++;
		if (end - p < 3)
			return STEP_MORE;
		if (*p == '>' || *p == '/')
			continue;
		int k = *p == 'r' ? 0 : *p == 's' ? 1 : *p == 't' ? 2 : -1;
		char quote = p[2];
		if (k < 0 || bounds[k][0] || p[1] != '=' || (quote != '"' && quote != '\''))
			return STEP_GENERAL;
		char *v = p + 3;
		while (v < end && byte_class[(unsigned char)*v] & VALUE_PLAIN)
			v++;
		if (v == end)
			return STEP_MORE;
		if (*v != quote)
			return STEP_GENERAL;
		bounds[k][0] = p + 3;
		bounds[k][1] = v;
		p = v + 1;
	}
	char *value = NULL, *value_end = NULL;
	if (!empty) {
		enum step st = cell_content(&p, end, &value, &value_end);
		if (st != STEP_OK)
			return st;
	}
	/* NUL-ended in place, put back if the handler declines */
	char saved[3];
	const char *fields[3];
	for (int k = 0; k < 3; k++) {
		fields[k] = bounds[k][0];
		if (bounds[k][1]) {
			saved[k] = *bounds[k][1];
			*bounds[k][1] = '\0';
		}
	}
	if (value_end)
		*value_end = '\0';
	struct xml_cell cell = {fields[0], fields[1], fields[2], value ? value : "",
				value ? (size_t)(value_end - value) : 0};
	int rc = s->h->cell(s->ud, &cell);
	if (rc == 1) {
		for (int k = 0; k < 3; k++)
			if (bounds[k][1])
				*bounds[k][1] = saved[k];
		if (value_end)
			*value_end = '<';
		return STEP_GENERAL;
	}
	if (rc < 0)
		return STEP_OUT;
	*at = p;
	return STEP_OK;
}

/* The markup at *at ('<'). */
static enum step markup(struct xml_scan *s, char **at, char *end)
{
	if (end - *at < 2)
		return STEP_MORE;
	char c = (*at)[1];
	if (c == '/')
		return end_tag(s, at, end);
	if (c == 'c' && s->h->cell && s->depth) {
		if (end - *at < 3)
			return STEP_MORE;
		char after = (*at)[2];
		if (is_space((unsigned char)after) || after == '>' || after == '/') {
			enum step st = direct_cell(s, at, end);
			if (st != STEP_GENERAL)
				return st;
		}
	}
	if (c == 's' && s->h->string && s->depth) {
		enum step st = direct_string(s, at, end);
		if (st != STEP_GENERAL)
			return st;
	}
	if (name_start((unsigned char)c))
		return start_tag(s, at, end);
	if (c == '?' && s->where == XML_BEFORE) {
		if (end - *at < 6)
			return STEP_MORE;
		if (memcmp(*at, "<?xml", 5) == 0 && is_space((unsigned char)(*at)[5])) {
			enum step st = declaration(at, end);
			if (st == STEP_OK)
				s->where = XML_PROLOG;
			return st;
		}
	}
	return STEP_OUT;   /* comments, processing instructions, CDATA, DOCTYPE */
}

long xml_scan_feed(struct xml_scan *s, char *buf, size_t len, bool final)
{
	char *p = buf, *end = buf + len;
	if (!s->started) {
		if (len < 3 && !final)
			return 0;
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;   /* a byte order mark */
		s->started = true;
	}
	while (p < end) {
		if (*p != '<') {
			char *lt = memchr(p, '<', (size_t)(end - p));
			char *stop = lt ? lt : end;
			if (s->where != XML_CONTENT) {
				while (p < stop && is_space((unsigned char)*p))
					p++;
				if (p < stop)
					return XML_SCAN_OUT;
				s->where = s->where == XML_BEFORE ? XML_PROLOG : s->where;
			} else {
				const char *at = p;
				if (chars(s, &at, stop, lt || final, *s->h->collect) != STEP_OK)
					return XML_SCAN_OUT;
				p = (char *)at;
			}
			if (p < stop)
				break;   /* a character the buffer cuts */
			continue;
		}
		enum step st = markup(s, &p, end);
		if (st == STEP_OUT)
			return XML_SCAN_OUT;
		if (st == STEP_MORE)
			break;
	}
	if (final && (p < end || s->where != XML_AFTER))
		return XML_SCAN_OUT;
	return (long)(p - buf);
}

void xml_scan_release(struct xml_scan *s)
{
	free(s->names);
	free(s->open);
}
