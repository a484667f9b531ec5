#include "csv_chunk.h"

#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "../util/values.h"

/* Python's csv.reader states (Modules/_csv.c), strict=False. */
enum state { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED, QUOTE_IN_QUOTED };

int csv_chunk_init(struct csv_chunk *c, char quote, const struct limits *limits, dqa_error *err)
{
	(void)err;
	*c = (struct csv_chunk){.quote = quote, .bytes = STRBUF_INIT,
				.limits = limits ? limits : &limits_default};
	return 0;
}

void csv_chunk_release(struct csv_chunk *c)
{
	strbuf_release(&c->bytes);
	free(c->offsets);
	free(c->lens);
	free(c->fields);
}

static bool grow_fields(struct csv_chunk *c)
{
	size_t cap = c->cap ? c->cap * 2 : 32;
	size_t *offsets = realloc(c->offsets, cap * sizeof *offsets);
	if (offsets)
		c->offsets = offsets;
	size_t *lens = realloc(c->lens, cap * sizeof *lens);
	if (lens)
		c->lens = lens;
	const char **fields = realloc(c->fields, cap * sizeof *fields);
	if (fields)
		c->fields = fields;
	if (!offsets || !lens || !fields) {
		c->rc = error_at(c->err, DQA_ENOMEM, c->name, DQA_NOPOS, NULL, "out of memory");
		return false;
	}
	c->cap = cap;
	return true;
}

/* Stops the parse with an input error at the current record. */
static void over_limit(struct csv_chunk *c, const char *hint, const char *fmt, size_t limit)
{
	c->rc = error_at(c->err, DQA_EINPUT, c->name,
			 (struct dqa_pos){(unsigned)c->record_line, 1, 1}, hint, fmt, limit);
}

static bool field_fits(struct csv_chunk *c, size_t len)
{
	if (len > c->limits->max_field)
		over_limit(c, "check the quoting, or raise limits: max_field in the rule file",
			   "field larger than %zu bytes (limits: max_field)", c->limits->max_field);
	else if (c->nfields >= c->limits->max_columns)
		over_limit(c, "check the delimiter, or raise limits: max_columns in the rule file",
			   "record with more than %zu fields (limits: max_columns)",
			   c->limits->max_columns);
	return c->rc == 0;
}

/* The first flaw of the record wins; line and column are 1-based. */
static void flaw(struct csv_chunk *c, unsigned what, uint64_t line, size_t col)
{
	if (c->rec.flaw)
		return;
	c->rec.flaw = (unsigned char)what;
	c->rec.flaw_line = line;
	c->rec.flaw_col = (uint32_t)col;
}

/* A record ended by `eol`, its terminator at column col of the line:
 * the file's first record sets the style, later ones are held to it. */
static void check_eol(struct csv_chunk *c, unsigned eol, size_t col)
{
	c->rec.eol = (unsigned char)eol;
	if (eol == EOL_NONE || eol == c->eol)
		return;
	if (c->eol == EOL_NONE)
		c->eol = eol;
	else
		flaw(c, FLAW_LINE_ENDING, c->line, col);
}

static void emit(struct csv_chunk *c, const char *raw, size_t raw_len, bool in_place)
{
	c->rec.fields = c->fields;
	c->rec.lens = c->lens;
	c->rec.n = c->nfields;
	c->rec.line = c->record_line;
	c->rec.raw = raw;
	c->rec.raw_len = raw_len;
	c->rec.in_place = in_place;
	c->rec.delimiter = c->delimiter;
	c->rec.quote = c->quote;
	c->rc = c->fn(c->ctx, &c->rec);
	c->nfields = 0;
	c->rec.flaw = FLAW_NONE;
	c->rec.eol = EOL_NONE;
	c->rec.flaw_line = 0;
	c->rec.flaw_col = 0;
}

/* A simple line has no quote: its fields are the runs between delimiters,
 * NUL-terminated in place (a blank line has none, as in Python). delims
 * holds the delimiters' offsets in s. false when a limit stopped the parse. */
static bool split_simple(struct csv_chunk *c, char *s, size_t n, size_t ndelims)
{
	c->nfields = 0;
	if (n == 0)
		return true;
	if (ndelims + 1 > c->cap && !grow_fields(c))
		return false;
	if (ndelims >= c->limits->max_columns) {
		c->nfields = c->limits->max_columns;
		return field_fits(c, 0);
	}
	size_t start = 0, max_field = c->limits->max_field;
	for (size_t k = 0; k <= ndelims; k++) {
		size_t stop = k < ndelims ? c->offsets[k] : n;
		if (stop - start > max_field && (c->nfields = k, !field_fits(c, stop - start)))
			return false;
		s[stop] = '\0';
		c->fields[k] = s + start;
		c->lens[k] = stop - start;
		start = stop + 1;
	}
	c->nfields = ndelims + 1;
	return true;
}

/* A line whose quotes only wrap whole fields ("a,b" with no quote inside;
 * n > 0) is split in place like a simple line, its quotes dropped. false,
 * with the line untouched, for any other line (or one at a limit): the
 * state machine parses those. delims holds every delimiter's offset. */
static bool split_quoted(struct csv_chunk *c, char *s, size_t n, size_t ndelims)
{
	if (ndelims + 1 > c->cap && !grow_fields(c))
		return false;
	size_t k = 0, d = 0, start = 0;
	for (;;) {
		size_t stop, begin = start, len;
		if (start < n && s[start] == c->quote) {
			const char *close = memchr(s + start + 1, c->quote, n - start - 1);
			if (!close)
				return false;
			begin = start + 1;
			len = (size_t)(close - s) - begin;
			stop = (size_t)(close - s) + 1;
			if (stop < n && s[stop] != c->delimiter)
				return false;
			while (d < ndelims && c->offsets[d] < stop)
				d++;
		} else {
			stop = d < ndelims ? c->offsets[d] : n;
			len = stop - start;
			if (memchr(s + start, c->quote, len))
				return false;
		}
		if (k == c->limits->max_columns || len > c->limits->max_field)
			return false;
		c->fields[k] = s + begin;
		c->lens[k++] = len;
		if (stop >= n)
			break;
		d++;
		start = stop + 1;
	}
	for (size_t i = 0; i < k; i++)
		((char *)c->fields[i])[c->lens[i]] = '\0';
	c->nfields = k;
	return true;
}

/* Remembers a delimiter's offset (in c->offsets, which grows with the
 * field arrays, keeping room for the field after the last delimiter). */
static bool note_delimiter(struct csv_chunk *c, size_t *ndelims, size_t at)
{
	if (*ndelims + 1 >= c->cap && !grow_fields(c))
		return false;
	c->offsets[(*ndelims)++] = at;
	return true;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Finds the end of the line at p (its '\n' or '\r', or avail) 16 bytes at a
 * time, with its delimiters and its first quote (in *special). */
static size_t scan_line(struct csv_chunk *c, const char *p, size_t avail, size_t *ndelims,
			size_t *special)
{
	const __m128i nl = _mm_set1_epi8('\n'), quote = _mm_set1_epi8(c->quote),
		      cr = _mm_set1_epi8('\r'), delim = _mm_set1_epi8(c->delimiter);
	size_t i = 0;
	for (; i + 16 <= avail; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		unsigned ends = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, cr)));
		unsigned odd = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote));
		unsigned delims = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, delim));
		unsigned before = ends ? (ends & -ends) - 1 : 0xFFFFu;
		odd &= before;
		delims &= before;
		if (odd && *special == SIZE_MAX)
			*special = i + (size_t)__builtin_ctz(odd);
		/* Room for this block's delimiters and the field after them. */
		if (delims && *ndelims + 17 > c->cap && !grow_fields(c))
			return avail;
		for (; delims; delims &= delims - 1)
			c->offsets[(*ndelims)++] = i + (size_t)__builtin_ctz(delims);
		if (ends)
			return i + (size_t)__builtin_ctz(ends);
	}
	for (; i < avail; i++) {
		char ch = p[i];
		if (ch == '\n' || ch == '\r')
			return i;
		if (ch == c->quote && *special == SIZE_MAX)
			*special = i;
		if (ch == c->delimiter && !note_delimiter(c, ndelims, i))
			return avail;
	}
	return avail;
}
#else
/* The same with memchr, where SSE2 is not available. */
static size_t scan_line(struct csv_chunk *c, const char *p, size_t avail, size_t *ndelims,
			size_t *special)
{
	const char *nl = memchr(p, '\n', avail);
	size_t n = nl ? (size_t)(nl - p) : avail;
	const char *cr = memchr(p, '\r', n);
	n = cr ? (size_t)(cr - p) : n;
	const char *q = memchr(p, c->quote, n);
	if (q)
		*special = (size_t)(q - p);
	for (const char *d = p; (d = memchr(d, c->delimiter, n - (size_t)(d - p))); d++)
		if (!note_delimiter(c, ndelims, (size_t)(d - p)))
			break;
	return n;
}
#endif

/* The line end at p (end: none): its style and length. A CR as the chunk's
 * last byte is a line end of its own: chunks never split a CRLF. */
static unsigned line_end(const char *p, const char *end, size_t *len)
{
	*len = 0;
	if (p == end)
		return EOL_NONE;
	if (*p == '\n')
		return *len = 1, EOL_LF;
	if (p + 1 < end && p[1] == '\n')
		return *len = 2, EOL_CRLF;
	return *len = 1, EOL_CR;
}

/* Ends the slow path's current field (its bytes from *from in c->bytes);
 * *from becomes the next field's start. */
static bool save_field(struct csv_chunk *c, size_t *from)
{
	size_t len = c->bytes.len - *from;
	if (!field_fits(c, len) || (c->nfields == c->cap && !grow_fields(c)))
		return false;
	c->offsets[c->nfields] = *from;
	c->lens[c->nfields++] = len;
	strbuf_putc(&c->bytes, '\0');
	*from = c->bytes.len;
	return true;
}

static void emit_copied(struct csv_chunk *c, const char *raw, size_t raw_len)
{
	if (c->bytes.failed) {
		c->rc = error_at(c->err, DQA_ENOMEM, c->name, DQA_NOPOS, NULL, "out of memory");
		return;
	}
	for (size_t i = 0; i < c->nfields; i++)
		c->fields[i] = c->bytes.buf + c->offsets[i];
	emit(c, raw, raw_len, false);
}

/* One record by Python's state machine, byte by byte, from p (a record
 * start) to its line end outside quotes or the end of a last chunk.
 * Returns where the next record starts. */
static char *slow_record(struct csv_chunk *c, char *p, char *end)
{
	const char *start = p, *line_start = p;
	/* A record past max_record bytes stops the parse: a quote left open
	 * must not make the rest of the file one field in memory. */
	char *stop = (size_t)(end - p) > c->limits->max_record ? p + c->limits->max_record : end;
	enum state s = START_RECORD;
	size_t field = 0;
	uint64_t quote_line = 0;
	size_t quote_col = 0;
	bool after_quote = false;   /* in a field that went on after its quote */
	strbuf_reset(&c->bytes);
	c->nfields = 0;
	for (; p < stop; p++) {
		char ch = *p;
		size_t col = (size_t)(p - line_start) + 1;
		if (ch == '\n' || ch == '\r') {
			size_t len;
			unsigned eol = line_end(p, end, &len);
			if (s == IN_QUOTED) {
				strbuf_add(&c->bytes, p, len);
				p += len - 1;
				line_start = p + 1;
				c->line++;
				continue;
			}
			if ((size_t)(p + len - start) > c->limits->max_record)
				break;   /* its line end makes it too large */
			if (s != START_RECORD && !save_field(c, &field))
				return end;
			check_eol(c, eol, col);
			c->line++;
			emit_copied(c, start, (size_t)(p - start));
			return p + len;
		}
		switch (s) {
		case START_RECORD:
		case START_FIELD:
			if (ch == c->quote) {
				s = IN_QUOTED;
				quote_line = c->line, quote_col = col;
			} else if (ch == c->delimiter) {
				if (!save_field(c, &field))
					return end;
				s = START_FIELD;
			} else {
				strbuf_putc(&c->bytes, ch);
				s = IN_FIELD;
			}
			break;
		case IN_FIELD:
			if (ch == c->delimiter) {
				if (!save_field(c, &field))
					return end;
				s = START_FIELD;
				after_quote = false;
				break;
			}
			/* "ab" x: whitespace, then text, after the quote */
			if (after_quote && ch != ' ' && ch != '\t' && c->rec.flaw == FLAW_SPACE_AFTER_QUOTE)
				c->rec.flaw = FLAW_TEXT_AFTER_QUOTE;
			if (ch == c->quote)
				flaw(c, value_blank(c->bytes.buf + field, c->bytes.len - field)
					? FLAW_SPACE_BEFORE_QUOTE : FLAW_QUOTE_IN_FIELD, c->line, col);
			strbuf_putc(&c->bytes, ch);
			break;
		case IN_QUOTED:
			if (ch == c->quote)
				s = QUOTE_IN_QUOTED;
			else
				strbuf_putc(&c->bytes, ch);
			break;
		case QUOTE_IN_QUOTED:
			if (ch == c->quote) {
				strbuf_putc(&c->bytes, ch);
				s = IN_QUOTED;
			} else if (ch == c->delimiter) {
				if (!save_field(c, &field))
					return end;
				s = START_FIELD;
			} else {
				/* Python keeps the text and goes on unquoted. */
				flaw(c, ch == ' ' || ch == '\t' ? FLAW_SPACE_AFTER_QUOTE
								: FLAW_TEXT_AFTER_QUOTE, c->line, col);
				/* this field's flaw, which text may make worse */
				after_quote = c->rec.flaw_line == c->line && c->rec.flaw_col == col;
				strbuf_putc(&c->bytes, ch);
				s = IN_FIELD;
			}
			break;
		}
	}
	if (p < end) {
		csv_chunk_record_too_large(c->err, c->name, c->record_line, c->limits->max_record);
		c->rc = DQA_EINPUT;
		return end;
	}
	if (!c->last) {
		c->rc = error_at(c->err, DQA_EINPUT, c->name,
				 (struct dqa_pos){(unsigned)c->record_line, 1, 1},
				 "this is a bug in dqa: please report it with the file",
				 "internal error: a chunk did not end at a record boundary");
		return end;
	}
	/* The end of the file ends the record, a quoted field too (Python). */
	if (s == IN_QUOTED)
		flaw(c, FLAW_OPEN_QUOTE, quote_line, quote_col);
	if (save_field(c, &field))
		emit_copied(c, start, (size_t)(end - start));
	return end;
}

/* Parses the record at p: a line split in place when it can be, else by
 * the state machine. Returns where the next record starts. */
static char *parse_record(struct csv_chunk *c, char *p, char *end)
{
	size_t ndelims = 0, special = SIZE_MAX, term;
	size_t n = scan_line(c, p, (size_t)(end - p), &ndelims, &special);
	if (c->rc)
		return end;
	unsigned eol = line_end(p + n, end, &term);
	/* Too long a line, or one cut by the chunk's end (a bug), is for the
	 * slow path to report. */
	if (n + term > c->limits->max_record || (eol == EOL_NONE && !c->last))
		return slow_record(c, p, end);
	bool split = special == SIZE_MAX ? split_simple(c, p, n, ndelims)
					 : split_quoted(c, p, n, ndelims);
	if (!split)
		return c->rc ? end : slow_record(c, p, end);
	check_eol(c, eol, n + 1);
	c->line += eol != EOL_NONE;
	emit(c, p, n, true);
	return p + n + term;
}

int csv_chunk_record_too_large(dqa_error *err, const char *name, uint64_t line, size_t limit)
{
	return error_at(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)line, 1, 1},
			"a quote left open makes the rest of the file one record; check the "
			"quoting, or raise limits: max_record in the rule file",
			"record larger than %zu bytes (limits: max_record)", limit);
}

int csv_chunk_parse(struct csv_chunk *c, char *buf, size_t len, uint64_t line, char delimiter,
		    bool last, record_fn fn, void *ctx, const char *name, dqa_error *err)
{
	c->delimiter = delimiter;
	c->line = c->record_line = line;
	c->last = last;
	c->name = name;
	c->err = err;
	c->fn = fn;
	c->ctx = ctx;
	c->rc = 0;
	c->nfields = 0;
	c->rec = (struct record){.utf8_valid = c->utf8_valid};
	for (char *p = buf, *end = buf + len; p < end && !c->rc;) {
		c->record_line = c->line;
		p = parse_record(c, p, end);
	}
	return c->rc;
}
