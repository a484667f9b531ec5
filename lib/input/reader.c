/* The sequential reader: text from a source cut at record boundaries and
 * parsed chunk by chunk, on the calling thread. The parallel audit scan
 * (scan.c) cuts input the same way and hands chunks to workers. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "csv_boundary.h"
#include "csv_chunk.h"
#include "limits.h"
#include "pg.h"
#include "source.h"
#include "xlsx.h"

enum { READ_CHUNK = 256 * 1024 };

/* The candidate delimiter seen most often outside quotes on the first line. */
char reader_sniff_delimiter(const char *buf, size_t len, char quote)
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

size_t record_raw_text(const struct record *rec, char *out, size_t cap)
{
	size_t n = rec->raw_len < cap - 1 ? rec->raw_len : cap - 1;
	memcpy(out, rec->raw, n);
	out[n] = '\0';
	if (!rec->in_place)
		return n;
	/* Split in place, each field's end became NUL: it was the closing
	 * quote of a quoted field (one that follows a quote), else the
	 * delimiter. */
	for (size_t i = 0; i < rec->n; i++) {
		size_t at = (size_t)(rec->fields[i] - rec->raw) + rec->lens[i];
		bool quoted = rec->fields[i] > rec->raw && rec->fields[i][-1] == rec->quote;
		if (at < n)
			out[at] = quoted ? rec->quote : rec->delimiter;
	}
	return n;
}

const char *record_flaw_name(unsigned flaw)
{
	static const char *const names[] = {
		[FLAW_NONE] = "well-formed",
		[FLAW_TEXT_AFTER_QUOTE] = "text after a closing quote",
		[FLAW_SPACE_AFTER_QUOTE] = "whitespace after a closing quote",
		[FLAW_QUOTE_IN_FIELD] = "quote inside an unquoted field",
		[FLAW_SPACE_BEFORE_QUOTE] = "whitespace before a quoted field",
		[FLAW_OPEN_QUOTE] = "quoted field open at the end of the file",
		[FLAW_LINE_ENDING] = "line ending unlike the first line's",
	};
	return flaw < sizeof names / sizeof *names ? names[flaw] : "?";
}

size_t reader_skip_bom(char *buf, size_t len)
{
	if (len < 3 || memcmp(buf, "\xEF\xBB\xBF", 3) != 0)
		return len;
	memmove(buf, buf + 3, len - 3);
	return len - 3;
}

/* The offset just after the `lines`-th '\n' of buf[0, len), or SIZE_MAX. */
static size_t lines_end(const char *buf, size_t len, unsigned lines)
{
	size_t at = 0;
	for (unsigned i = 0; i < lines; i++) {
		const char *nl = memchr(buf + at, '\n', len - at);
		if (!nl)
			return SIZE_MAX;
		at = (size_t)(nl - buf) + 1;
	}
	return at;
}

/* Bytes of the line after the header enough to tell a title row. */
enum { TITLE_PEEK = 4096 };

size_t reader_header_start(const char *buf, size_t len, const struct dialect *dialect,
			   bool eof)
{
	size_t start = lines_end(buf, len, dialect_header_line(dialect) - 1);
	size_t header_end = start == SIZE_MAX ? SIZE_MAX : lines_end(buf + start, len - start, 1);
	if (header_end == SIZE_MAX)
		return eof ? (start == SIZE_MAX ? len : start) : SIZE_MAX;
	bool next_seen = lines_end(buf + start + header_end, len - start - header_end, 1) != SIZE_MAX;
	return eof || next_seen || len - start - header_end >= TITLE_PEEK ? start : SIZE_MAX;
}

/* Fields and non-empty fields of the line at buf (to its first line end
 * outside quotes); returns the offset after it. */
static size_t line_fields(const char *buf, size_t len, char delimiter, char quote,
			  size_t *fields, size_t *nonempty)
{
	bool quoted = false, filled = false;
	size_t i = 0;
	*fields = 1;
	*nonempty = 0;
	for (; i < len && (quoted || (buf[i] != '\n' && buf[i] != '\r')); i++) {
		if (buf[i] == quote)
			quoted = !quoted;
		if (!quoted && buf[i] == delimiter) {
			*nonempty += filled;
			filled = false;
			++*fields;
		} else if (buf[i] != ' ') {
			filled = true;
		}
	}
	*nonempty += filled;
	while (i < len && (buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i;
}

int reader_title_row(const char *buf, size_t len, char delimiter, char quote,
		     const char *name, unsigned line, dqa_error *err)
{
	size_t fields, nonempty, wide_fields, wide_nonempty;
	char d = delimiter ? delimiter : reader_sniff_delimiter(buf, len, quote);
	size_t next = line_fields(buf, len, d, quote, &fields, &nonempty);
	if (nonempty != 1 || fields == 2 || next >= len)
		return 0;
	/* A title has no delimiter to sniff: the next line's tells. */
	if (!delimiter && fields == 1)
		d = reader_sniff_delimiter(buf + next, len - next, quote);
	line_fields(buf + next, len - next, d, quote, &wide_fields, &wide_nonempty);
	if (wide_nonempty < 2)
		return 0;
	return error_at(err, DQA_EINPUT, name, (struct dqa_pos){line, 1, 1},
			"if the header is on a later line, set dataset: {header_row: N}",
			"line %u looks like a title, not a header: one name above a line of %zu fields",
			line, wide_fields);
}

struct fill {
	char *buf;
	size_t len, cap;
};

/* Reads more bytes after the ones held, keeping one spare byte at the end
 * for csv_chunk_parse. Returns bytes read (0 at the end) or a negative code. */
static ssize_t fill_more(struct fill *f, struct source *src, dqa_error *err)
{
	if (f->cap - f->len < READ_CHUNK / 2 + 1) {
		size_t cap = f->cap ? f->cap * 2 : READ_CHUNK;
		char *buf = realloc(f->buf, cap);
		if (!buf)
			return error_at(err, DQA_ENOMEM, src->name, DQA_NOPOS, NULL, "out of memory");
		f->buf = buf;
		f->cap = cap;
	}
	ssize_t n = source_read(src, f->buf + f->len, f->cap - f->len - 1, err);
	if (n > 0)
		f->len += (size_t)n;
	return n;
}

struct skip_blank {
	record_fn fn;
	void *ctx;
};

static int unless_blank(void *ctx, const struct record *rec)
{
	const struct skip_blank *s = ctx;
	return rec->n ? s->fn(s->ctx, rec) : 0;
}

static int scan_source(struct source *src, const struct dialect *dialect, record_fn fn,
		       void *fn_ctx, dqa_error *err)
{
	struct skip_blank skip = {fn, fn_ctx};
	void *ctx = &skip;
	fn = unless_blank;
	struct csv_chunk chunk;
	FORWARD_IF_ERROR(csv_chunk_init(&chunk, dialect->quote, dialect->limits, err));
	const struct limits *limits = dialect->limits ? dialect->limits : &limits_default;
	struct fill f = {0};
	char delimiter = dialect->delimiter;
	uint64_t line = 1;
	bool first = true;
	int rc = 0;
	for (;;) {
		if (dqa_cancelled()) {
			rc = error_at(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "interrupted");
			break;
		}
		ssize_t n = fill_more(&f, src, err);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		if (first && f.len > 0 && src->format != INPUT_CSV) {
			rc = error_at(err, DQA_EINPUT, NULL, DQA_NOPOS,
				      src->format == INPUT_JSON
				      ? "convert it to CSV UTF-8 (dqa audit and dqa profile read JSON)"
				      : "name it .xlsx, or give --input-format xlsx",
				      "%s is %s, not CSV", src->name,
				      src->format == INPUT_JSON ? "JSON or NDJSON" : "an Excel workbook");
			break;
		}
		if (first && f.len > 0) {
			size_t skip = reader_header_start(f.buf, f.len, dialect,
							  n == 0 || f.len > limits->max_record);
			if (skip == SIZE_MAX)
				continue;   /* the header and the start of the next line are not here */
			first = false;
			memmove(f.buf, f.buf + skip, f.len - skip);
			f.len -= skip;
			line = dialect_header_line(dialect);
			rc = reader_title_row(f.buf, f.len, delimiter, dialect->quote, src->name,
					      (unsigned)line, err);
			if (rc)
				break;
			if (!delimiter)
				delimiter = reader_sniff_delimiter(f.buf, f.len, dialect->quote);
		}
		if (n == 0) {
			rc = csv_chunk_parse(&chunk, f.buf, f.len, line, delimiter ? delimiter : ',',
					     true, fn, ctx, src->name, err);
			break;
		}
		size_t cut = csv_last_boundary(f.buf, f.len, delimiter, dialect->quote);
		if (!cut && f.len > limits->max_record) {
			rc = csv_chunk_record_too_large(err, src->name, line, limits->max_record);
			break;
		}
		if (!cut)
			continue;
		rc = csv_chunk_parse(&chunk, f.buf, cut, line, delimiter, false, fn, ctx,
				     src->name, err);
		if (rc)
			break;
		line = chunk.line;
		memmove(f.buf, f.buf + cut, f.len - cut);
		f.len -= cut;
	}
	free(f.buf);
	csv_chunk_release(&chunk);
	return rc;
}

int reader_scan(const char *path, const struct dialect *dialect, record_fn fn,
		void *ctx, dqa_error *err)
{
	const struct pg_select sel = {.query = dialect->query};
	return reader_scan_select(path, dialect, &sel, fn, ctx, err);
}

int reader_scan_select(const char *path, const struct dialect *dialect,
		       const struct pg_select *sel, record_fn fn, void *ctx, dqa_error *err)
{
	if (dialect->format == INPUT_XLSX || (!dialect->format && xlsx_named(path)))
		return xlsx_scan(path, dialect->sheet, dialect, fn, ctx, err);
	struct source src;
	FORWARD_IF_ERROR(source_open(&src, path, dialect->encoding, sel, err));
	src.want = dialect->format;
	int rc = scan_source(&src, dialect, fn, ctx, err);
	source_close(&src);
	return rc < 0 ? rc : 0;
}
