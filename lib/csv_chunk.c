#include "csv_chunk.h"

#include <stdlib.h>
#include <string.h>

#include "limits.h"

/* libcsv's parser states (libcsv.c): before any field of a record, and
 * inside a field. */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2 };

static int no_space(unsigned char c)
{
	(void)c;
	return 0;   /* keep every byte: trimming is the clean criterion's job */
}

int csv_chunk_init(struct csv_chunk *c, char quote, const struct limits *limits, dqa_error *err)
{
	*c = (struct csv_chunk){.quote = quote, .bytes = STRBUF_INIT,
				.limits = limits ? limits : &limits_default};
	if (csv_init(&c->parser, 0) != 0)
		return dqa_fail(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	csv_set_space_func(&c->parser, no_space);
	csv_set_quote(&c->parser, (unsigned char)quote);
	return 0;
}

void csv_chunk_release(struct csv_chunk *c)
{
	csv_free(&c->parser);
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
		c->failed_alloc = true;
		c->rc = DQA_ENOMEM;
		return false;
	}
	c->cap = cap;
	return true;
}

/* Stops the parse with an input error at the current record. */
static void over_limit(struct csv_chunk *c, const char *hint, const char *fmt, size_t limit)
{
	c->rc = dqa_fail(c->err, DQA_EINPUT, c->name,
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

static void emit(struct csv_chunk *c)
{
	struct record rec = {c->fields, c->lens, c->nfields, c->record_line};
	c->rc = c->fn(c->ctx, &rec);
	c->nfields = 0;
}

static void on_field(void *data, size_t len, void *opaque)
{
	struct csv_chunk *c = opaque;
	if (c->rc || !field_fits(c, len) || (c->nfields == c->cap && !grow_fields(c)))
		return;
	c->offsets[c->nfields] = c->bytes.len;
	c->lens[c->nfields] = len;
	strbuf_add(&c->bytes, data ? data : "", len);
	strbuf_putc(&c->bytes, '\0');
	c->nfields++;
}

static void on_record(int terminator, void *opaque)
{
	(void)terminator;
	struct csv_chunk *c = opaque;
	if (c->rc)
		return;
	if (c->bytes.failed) {
		c->failed_alloc = true;
		c->rc = DQA_ENOMEM;
		return;
	}
	for (size_t i = 0; i < c->nfields; i++)
		c->fields[i] = c->bytes.buf + c->offsets[i];
	emit(c);
	strbuf_reset(&c->bytes);
}

/* A simple line has no quote and no CR but a final one: its fields are the
 * runs between delimiters, NUL-terminated in place. An empty line is no
 * record, as in libcsv. delims holds the delimiters' offsets in s. */
static void emit_simple(struct csv_chunk *c, char *s, size_t n, size_t ndelims)
{
	if (n == 0 || (ndelims + 1 > c->cap && !grow_fields(c)))
		return;
	if (ndelims >= c->limits->max_columns) {
		c->nfields = c->limits->max_columns;
		field_fits(c, 0);
		return;
	}
	size_t start = 0, max_field = c->limits->max_field;
	for (size_t k = 0; k <= ndelims; k++) {
		size_t stop = k < ndelims ? c->offsets[k] : n;
		if (stop - start > max_field && (c->nfields = k, !field_fits(c, stop - start)))
			return;
		s[stop] = '\0';
		c->fields[k] = s + start;
		c->lens[k] = stop - start;
		start = stop + 1;
	}
	c->nfields = ndelims + 1;
	emit(c);
}

/* A line whose quotes only wrap whole fields ("a,b" with no quote, CR or
 * newline inside; n > 0) is split in place like a simple line, its quotes
 * dropped. false, with the line untouched, for any other line (or one at a
 * limit): libcsv parses those. delims holds every delimiter's offset. */
static bool emit_quoted(struct csv_chunk *c, char *s, size_t n, size_t ndelims)
{
	/* A final CR ends the record as the newline would (as in libcsv). */
	if (s[n - 1] == '\r')
		n--;
	if (memchr(s, '\r', n) || (ndelims + 1 > c->cap && !grow_fields(c)))
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
	emit(c);
	return true;
}

/* Counts a line into the current record; false (the parse stopped with an
 * input error) when the record passes limits: max_record. */
static bool record_fits(struct csv_chunk *c, size_t bytes)
{
	c->record_bytes += bytes;
	if (c->record_bytes <= c->limits->max_record)
		return true;
	csv_chunk_record_too_large(c->err, c->name, c->record_line, c->limits->max_record);
	c->rc = DQA_EINPUT;
	return false;
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

/* Finds the end of the line at p (a '\n', or end) 16 bytes at a time, with
 * its delimiters and its first quote or CR. */
static size_t scan_line(struct csv_chunk *c, const char *p, size_t avail, size_t *ndelims,
			size_t *special, bool *newline)
{
	const __m128i nl = _mm_set1_epi8('\n'), quote = _mm_set1_epi8(c->quote),
		      cr = _mm_set1_epi8('\r'), delim = _mm_set1_epi8(c->delimiter);
	size_t i = 0;
	for (; i + 16 <= avail; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		unsigned ends = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, nl));
		unsigned odd = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, cr)));
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
		if (ends) {
			*newline = true;
			return i + (size_t)__builtin_ctz(ends);
		}
	}
	for (; i < avail; i++) {
		char ch = p[i];
		if (ch == '\n') {
			*newline = true;
			return i;
		}
		if ((ch == c->quote || ch == '\r') && *special == SIZE_MAX)
			*special = i;
		if (ch == c->delimiter && !note_delimiter(c, ndelims, i))
			return avail;
	}
	return avail;
}
#else
/* The same with memchr, where SSE2 is not available. */
static size_t scan_line(struct csv_chunk *c, const char *p, size_t avail, size_t *ndelims,
			size_t *special, bool *newline)
{
	const char *nl = memchr(p, '\n', avail);
	size_t n = nl ? (size_t)(nl - p) : avail;
	*newline = nl != NULL;
	const char *q = memchr(p, c->quote, n), *r = memchr(p, '\r', n);
	if (q || r)
		*special = (size_t)((q && (!r || q < r) ? q : r) - p);
	for (const char *d = p; (d = memchr(d, c->delimiter, n - (size_t)(d - p))); d++)
		if (!note_delimiter(c, ndelims, (size_t)(d - p)))
			break;
	return n;
}
#endif

/* Parses the line at p: split in place when simple, else through libcsv.
 * Returns where the next line starts; *newline tells whether a '\n' (now
 * perhaps overwritten) ended this one. */
static char *parse_line(struct csv_chunk *c, char *p, char *end, bool *newline)
{
	size_t ndelims = 0, special = SIZE_MAX;
	*newline = false;
	size_t n = scan_line(c, p, (size_t)(end - p), &ndelims, &special, newline);
	char *next = p + n + *newline;
	/* Measured before parsing, so libcsv never buffers more than this. */
	if (c->rc || !record_fits(c, (size_t)(next - p)))
		return next;
	/* A CR right before the newline ends the record as the newline would. */
	if (special == n - 1 && n > 0 && p[n - 1] == '\r')
		special = SIZE_MAX, n--;
	if (special == SIZE_MAX)
		emit_simple(c, p, n, ndelims);
	else if (p[special] != c->quote || !emit_quoted(c, p, n, ndelims))
		csv_parse(&c->parser, p, (size_t)(next - p), on_field, on_record, c);
	return next;
}

static void feed(struct csv_chunk *c, char *p, size_t len)
{
	char *end = p + len;
	while (p < end && !c->rc) {
		char *next;
		bool newline;
		if (c->parser.pstate == CSV_ROW_NOT_BEGUN) {
			c->record_line = c->line;
			c->record_bytes = 0;
			next = parse_line(c, p, end, &newline);
		} else {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			newline = nl != NULL;
			next = nl ? nl + 1 : end;
			if (record_fits(c, (size_t)(next - p)))
				csv_parse(&c->parser, p, (size_t)(next - p), on_field, on_record, c);
		}
		c->line += newline;
		p = next;
	}
}

static int finish(struct csv_chunk *c, bool last, const char *name, dqa_error *err)
{
	/* libcsv only reports an open quote at the end in strict mode, which
	 * would also reject stray quotes mid-field; check its state instead. */
	bool open_quote = c->parser.pstate == CSV_FIELD_BEGUN && c->parser.quoted;
	if (c->rc == 0 && last && (open_quote || csv_fini(&c->parser, on_field, on_record, c) != 0))
		return dqa_fail(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)c->record_line, 1, 1},
				"close the quote, or double a quote inside a quoted field (\"\")",
				"unterminated quoted field: the record starting here runs to the end of the file");
	if (c->failed_alloc)
		return dqa_fail(err, DQA_ENOMEM, name, DQA_NOPOS, NULL, "out of memory");
	if (c->rc == 0 && !last && c->parser.pstate != CSV_ROW_NOT_BEGUN)
		return dqa_fail(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)c->record_line, 1, 1},
				"this is a bug in dqa: please report it with the file",
				"internal error: a chunk did not end at a record boundary");
	return c->rc;
}

int csv_chunk_record_too_large(dqa_error *err, const char *name, uint64_t line, size_t limit)
{
	return dqa_fail(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)line, 1, 1},
			"a quote left open makes the rest of the file one record; check the "
			"quoting, or raise limits: max_record in the rule file",
			"record larger than %zu bytes (limits: max_record)", limit);
}

int csv_chunk_parse(struct csv_chunk *c, char *buf, size_t len, uint64_t line, char delimiter,
		    bool last, record_fn fn, void *ctx, const char *name, dqa_error *err)
{
	if (c->delimiter != delimiter) {
		c->delimiter = delimiter;
		csv_set_delim(&c->parser, (unsigned char)delimiter);
	}
	c->line = c->record_line = line;
	c->record_bytes = 0;
	c->name = name;
	c->err = err;
	c->fn = fn;
	c->ctx = ctx;
	c->rc = 0;
	feed(c, buf, len);
	return finish(c, last, name, err);
}
