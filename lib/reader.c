/* The sequential reader: bytes from a source cut at record boundaries and
 * parsed chunk by chunk, on the calling thread. The parallel audit scan
 * (scan.c) cuts input the same way and hands chunks to workers. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "csv_boundary.h"
#include "csv_chunk.h"
#include "limits.h"
#include "source.h"

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
			return dqa_fail(err, DQA_ENOMEM, src->name, DQA_NOPOS, NULL, "out of memory");
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
			rc = dqa_fail(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "interrupted");
			break;
		}
		ssize_t n = fill_more(&f, src, err);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		if (first && f.len > 0) {
			first = false;
			f.len = reader_skip_bom(f.buf, f.len);
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
	struct source src;
	FORWARD_IF_ERROR(source_open(&src, path, err));
	int rc = scan_source(&src, dialect, fn, ctx, err);
	source_close(&src);
	return rc < 0 ? rc : 0;
}
