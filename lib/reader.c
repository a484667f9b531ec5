/* Feeds libcsv one physical line at a time. Before each line, libcsv's state
 * tells whether a record is open; when none is, the next record starts on
 * this line, which gives every record its starting line cheaply. */
#include "reader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"

enum { READ_CHUNK = 256 * 1024 };

/* libcsv's parser states (libcsv.c): before any field of a record, and
 * inside a field. */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2 };

struct scan {
	struct csv_parser parser;
	struct strbuf bytes;       /* field bytes, each followed by NUL */
	size_t *offsets, *lens;
	const char **fields;
	size_t nfields, cap;
	uint64_t line, record_line;
	record_fn fn;
	void *ctx;
	int rc;                    /* first non-zero callback result */
	bool failed_alloc;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;   /* keep every byte: trimming is the clean criterion's job */
}

static void on_field(void *data, size_t len, void *opaque)
{
	struct scan *s = opaque;
	if (s->rc)
		return;
	if (s->nfields == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		size_t *offsets = realloc(s->offsets, cap * sizeof *offsets);
		if (offsets)
			s->offsets = offsets;
		size_t *lens = realloc(s->lens, cap * sizeof *lens);
		if (lens)
			s->lens = lens;
		const char **fields = realloc(s->fields, cap * sizeof *fields);
		if (fields)
			s->fields = fields;
		if (!offsets || !lens || !fields) {
			s->failed_alloc = true;
			s->rc = DQA_ENOMEM;
			return;
		}
		s->cap = cap;
	}
	s->offsets[s->nfields] = s->bytes.len;
	s->lens[s->nfields] = len;
	strbuf_add(&s->bytes, data ? data : "", len);
	strbuf_putc(&s->bytes, '\0');
	s->nfields++;
}

static void on_record(int terminator, void *opaque)
{
	(void)terminator;
	struct scan *s = opaque;
	if (s->rc)
		return;
	if (s->bytes.failed) {
		s->failed_alloc = true;
		s->rc = DQA_ENOMEM;
		return;
	}
	for (size_t i = 0; i < s->nfields; i++)
		s->fields[i] = s->bytes.buf + s->offsets[i];
	struct record rec = {s->fields, s->lens, s->nfields, s->record_line};
	s->rc = s->fn(s->ctx, &rec);
	s->nfields = 0;
	strbuf_reset(&s->bytes);
}

/* The candidate delimiter seen most often outside quotes on the first line. */
static char sniff_delimiter(const char *buf, size_t len, char quote)
{
	static const char candidates[] = {',', ';', '\t', '|'};
	size_t counts[sizeof candidates] = {0};
	bool quoted = false;
	for (size_t i = 0; i < len && (quoted || buf[i] != '\n'); i++) {
		if (buf[i] == quote)
			quoted = !quoted;
		else if (!quoted)
			for (size_t k = 0; k < sizeof candidates; k++)
				counts[k] += buf[i] == candidates[k];
	}
	size_t best = 0;
	bool tie = false;
	for (size_t k = 1; k < sizeof candidates; k++) {
		if (counts[k] > counts[best])
			best = k, tie = false;
		else if (counts[k] == counts[best])
			tie = true;
	}
	/* A tie between two others is no evidence for either: comma. */
	return tie ? ',' : candidates[best];
}

static void feed(struct scan *s, const char *p, size_t len)
{
	const char *end = p + len;
	while (p < end && !s->rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl + 1 : end;
		if (s->parser.pstate == CSV_ROW_NOT_BEGUN)
			s->record_line = s->line;
		csv_parse(&s->parser, p, (size_t)(stop - p), on_field, on_record, s);
		if (nl)
			s->line++;
		p = stop;
	}
}

static int finish(struct scan *s, const char *name, dqa_error *err)
{
	/* libcsv only reports an open quote at the end in strict mode, which
	 * would also reject stray quotes mid-field; check its state instead. */
	bool open_quote = s->parser.pstate == CSV_FIELD_BEGUN && s->parser.quoted;
	if (s->rc == 0 && (open_quote || csv_fini(&s->parser, on_field, on_record, s) != 0))
		return dqa_fail(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)s->record_line, 1, 1},
				"close the quote, or double a quote inside a quoted field (\"\")",
				"unterminated quoted field: the record starting here runs to the end of the file");
	if (s->failed_alloc)
		return dqa_fail(err, DQA_ENOMEM, name, DQA_NOPOS, NULL, "out of memory");
	return s->rc < 0 ? s->rc : 0;
}

int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err)
{
	struct source src;
	FORWARD_IF_ERROR(source_open(&src, path, err));
	struct scan s = {.line = 1, .record_line = 1, .fn = fn, .ctx = ctx,
			 .bytes = STRBUF_INIT};
	if (csv_init(&s.parser, 0) != 0) {
		source_close(&src);
		return dqa_fail(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	}
	csv_set_space_func(&s.parser, no_space);
	csv_set_quote(&s.parser, (unsigned char)dialect->quote);
	char *buf = malloc(READ_CHUNK);
	int rc = buf ? 0 : dqa_fail(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	bool first = true;
	while (rc == 0 && !s.rc) {
		ssize_t n = source_read(&src, buf, READ_CHUNK, err);
		if (n <= 0) {
			rc = (int)n;
			break;
		}
		const char *p = buf;
		size_t len = (size_t)n;
		if (first) {
			first = false;
			if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
				p += 3, len -= 3;
			char delimiter = dialect->delimiter ? dialect->delimiter
							    : sniff_delimiter(p, len, dialect->quote);
			csv_set_delim(&s.parser, (unsigned char)delimiter);
		}
		feed(&s, p, len);
	}
	if (rc == 0)
		rc = finish(&s, src.name, err);
	free(buf);
	csv_free(&s.parser);
	strbuf_release(&s.bytes);
	free(s.offsets);
	free(s.lens);
	free(s.fields);
	source_close(&src);
	return rc < 0 ? rc : 0;
}
