/* libFuzzer target: the CSV reader. The chunked parser (fast path for
 * simple lines, libcsv for the rest), cut at the boundary csv_last_boundary
 * finds below a point the input chooses, must give exactly plain libcsv's
 * records and line numbers, and must stop at the field, record and column
 * limits with an error instead of growing. Input: byte 0 picks the
 * delimiter, byte 1 the cut point, the rest is the CSV text. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_boundary.h"
#include "csv_chunk.h"
#include "limits.h"
#include "strbuf.h"

/* Small limits, so the fuzzer reaches them with small inputs. */
static const struct limits fuzz_limits = {.max_field = 64, .max_record = 256, .max_columns = 16};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Records serialised as "len:bytes" per field and "@line\n" per record. */
struct ref {
	struct strbuf out;
	uint64_t line, record_line;
};

static void ref_field(void *data, size_t len, void *opaque)
{
	struct ref *r = opaque;
	strbuf_printf(&r->out, "%zu:", len);
	strbuf_add(&r->out, data ? data : "", len);
}

static void ref_record(int t, void *opaque)
{
	(void)t;
	struct ref *r = opaque;
	strbuf_printf(&r->out, "@%llu\n", (unsigned long long)r->record_line);
}

/* Plain libcsv fed byte by byte; *open_quote tells whether a quoted field
 * was still open at the end (dqa refuses that, libcsv completes it), and
 * *widest_span the most bytes between two lines that start records: what
 * max_record bounds. */
static void reference(const char *buf, size_t len, char delim, struct strbuf *out,
		      bool *open_quote, size_t *widest_span)
{
	size_t span_start = 0;
	*widest_span = 0;
	struct csv_parser p;
	if (csv_init(&p, 0) != 0)
		abort();
	csv_set_space_func(&p, no_space);
	csv_set_delim(&p, (unsigned char)delim);
	struct ref r = {STRBUF_INIT, 1, 1};
	for (size_t i = 0; i < len; i++) {
		if (p.pstate == 0 && (i == 0 || buf[i - 1] == '\n'))
			r.record_line = r.line;
		csv_parse(&p, buf + i, 1, ref_field, ref_record, &r);
		if (buf[i] == '\n' && p.pstate == 0) {
			if (i + 1 - span_start > *widest_span)
				*widest_span = i + 1 - span_start;
			span_start = i + 1;
		}
		r.line += buf[i] == '\n';
	}
	if (len - span_start > *widest_span)
		*widest_span = len - span_start;
	*open_quote = p.pstate == 2 && p.quoted;
	csv_fini(&p, ref_field, ref_record, &r);
	csv_free(&p);
	*out = r.out;
}

struct got {
	struct strbuf out;
	size_t widest_field, most_columns;
};

static bool same(const struct strbuf *a, const struct strbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

static int collect(void *ctx, const struct record *rec)
{
	struct got *g = ctx;
	for (size_t i = 0; i < rec->n; i++) {
		if (rec->fields[i][rec->lens[i]] != '\0')
			abort();   /* fields are NUL-terminated */
		strbuf_printf(&g->out, "%zu:", rec->lens[i]);
		strbuf_add(&g->out, rec->fields[i], rec->lens[i]);
		if (rec->lens[i] > g->widest_field)
			g->widest_field = rec->lens[i];
	}
	if (rec->n > g->most_columns)
		g->most_columns = rec->n;
	strbuf_printf(&g->out, "@%llu\n", (unsigned long long)rec->line);
	return 0;
}

/* Two chunks: [0, cut) and [cut, len), each in its own buffer with the
 * spare byte csv_chunk_parse may write. */
static int chunked(const char *data, size_t len, char delim, size_t cut_below,
		   const struct limits *limits, struct got *g, dqa_error *err)
{
	size_t cut = csv_last_boundary(data, cut_below, delim, '"');
	struct csv_chunk c;
	int rc = csv_chunk_init(&c, '"', limits, err);
	char *head = malloc(cut + 1), *rest = malloc(len - cut + 1);
	if (!head || !rest)
		abort();
	memcpy(head, data, cut);
	memcpy(rest, data + cut, len - cut);
	if (rc == 0 && cut)
		rc = csv_chunk_parse(&c, head, cut, 1, delim, false, collect, g, "t", err);
	if (rc == 0)
		rc = csv_chunk_parse(&c, rest, len - cut, cut ? c.line : 1, delim, true, collect, g,
				     "t", err);
	csv_chunk_release(&c);
	free(head);
	free(rest);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
	static const char delimiters[] = {',', ';', '\t', '|'};
	if (size < 2)
		return 0;
	char delim = delimiters[input[0] % sizeof delimiters];
	const char *data = (const char *)input + 2;
	size_t len = size - 2;
	size_t cut_below = len ? (size_t)input[1] * (len + 1) / 256 : 0;

	struct strbuf want;
	bool open_quote;
	size_t widest_span;
	reference(data, len, delim, &want, &open_quote, &widest_span);

	dqa_error err = {0};
	struct got got = {STRBUF_INIT, 0, 0};
	int rc = chunked(data, len, delim, cut_below, NULL, &got, &err);
	if (rc != 0 && !(rc == DQA_EINPUT && open_quote && err.line > 0))
		abort();   /* only an open quote at the end may fail */
	if (rc == 0 && !same(&want, &got.out))
		abort();   /* the chunked parser disagrees with libcsv */

	/* Within the limits the same records come out; beyond them an input
	 * error with a position, never a record that breaks them. */
	bool fits = got.widest_field <= fuzz_limits.max_field &&
		    widest_span <= fuzz_limits.max_record &&
		    got.most_columns <= fuzz_limits.max_columns;
	struct got limited = {STRBUF_INIT, 0, 0};
	dqa_error lerr = {0};
	int lrc = chunked(data, len, delim, cut_below, &fuzz_limits, &limited, &lerr);
	if (lrc == 0 && (limited.widest_field > fuzz_limits.max_field ||
			 widest_span > fuzz_limits.max_record ||
			 limited.most_columns > fuzz_limits.max_columns))
		abort();
	if (rc == 0 && fits && (lrc != 0 || !same(&limited.out, &got.out)))
		abort();
	if (lrc != 0 && (lrc != DQA_EINPUT || lerr.line == 0))
		abort();
	strbuf_release(&want);
	strbuf_release(&got.out);
	strbuf_release(&limited.out);
	return 0;
}
