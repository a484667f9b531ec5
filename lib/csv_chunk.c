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

/* A line with no quote and no CR but a final one: its fields are the runs
 * between delimiters, NUL-terminated in place. An empty line is no record,
 * as in libcsv. */
static void split_simple(struct csv_chunk *c, char *s, size_t n)
{
	if (n == 0)
		return;
	s[n] = '\0';
	char *end = s + n;
	c->nfields = 0;
	for (;;) {
		char *d = memchr(s, c->delimiter, (size_t)(end - s));
		char *stop = d ? d : end;
		if (!field_fits(c, (size_t)(stop - s)) || (c->nfields == c->cap && !grow_fields(c)))
			return;
		*stop = '\0';
		c->fields[c->nfields] = s;
		c->lens[c->nfields++] = (size_t)(stop - s);
		if (!d)
			break;
		s = d + 1;
	}
	emit(c);
}

static bool is_simple(const struct csv_chunk *c, const char *s, size_t *n)
{
	if (c->parser.pstate != CSV_ROW_NOT_BEGUN || memchr(s, c->quote, *n))
		return false;
	if (*n && s[*n - 1] == '\r')
		(*n)--;
	return !memchr(s, '\r', *n);
}

static void feed(struct csv_chunk *c, char *p, size_t len)
{
	char *end = p + len;
	while (p < end && !c->rc) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl + 1 : end;
		size_t n = (size_t)((nl ? nl : end) - p);
		if (c->parser.pstate == CSV_ROW_NOT_BEGUN) {
			c->record_line = c->line;
			c->record_bytes = 0;
		}
		/* Measured before parsing, so libcsv never buffers more than this. */
		c->record_bytes += (size_t)(stop - p);
		if (c->record_bytes > c->limits->max_record) {
			csv_chunk_record_too_large(c->err, c->name, c->record_line,
						   c->limits->max_record);
			c->rc = DQA_EINPUT;
			break;
		}
		if (is_simple(c, p, &n))
			split_simple(c, p, n);
		else
			csv_parse(&c->parser, p, (size_t)(stop - p), on_field, on_record, c);
		if (nl)
			c->line++;
		p = stop;
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
