/* Differential test of the chunked parser on random input, against two
 * references: the slow line-by-line model of Python's csv.reader in
 * csv_model.h (every input: fields, start lines and flaws), and libcsv, the
 * parser dqa used before, on every input whose records are well-formed RFC
 * 4180 but for their line ends (the fields of its non-blank records:
 * libcsv skips blank lines, and takes any mix of line ends). The input is
 * cut at the boundary csv_last_boundary finds below a random point, as the
 * parallel scan cuts it, and that boundary must be the model's last record
 * start at or below the point. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>

#include "input/csv_boundary.h"
#include "input/csv_chunk.h"
#include "csv_model.h"
#include "util/strbuf.h"
#include "tap.h"

enum { ROUNDS = 40000, MAX_LEN = 240 };

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* --- libcsv, for well-formed input: fields joined by '|', one record a line --- */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

struct lib_out {
	struct strbuf out;
	bool field_open;
};

static void lib_field(void *data, size_t len, void *opaque)
{
	struct lib_out *r = opaque;
	if (r->field_open)
		strbuf_putc(&r->out, '|');
	r->field_open = true;
	strbuf_add(&r->out, data ? data : "", len);
}

static void lib_record(int t, void *opaque)
{
	(void)t;
	struct lib_out *r = opaque;
	strbuf_putc(&r->out, '\n');
	r->field_open = false;
}

static void libcsv_records(const char *buf, size_t len, char delim, struct strbuf *out)
{
	struct csv_parser p;
	csv_init(&p, 0);
	csv_set_space_func(&p, no_space);
	csv_set_delim(&p, (unsigned char)delim);
	struct lib_out r = {STRBUF_INIT, false};
	csv_parse(&p, buf, len, lib_field, lib_record, &r);
	csv_fini(&p, lib_field, lib_record, &r);
	csv_free(&p);
	*out = r.out;
}

/* --- the chunked parser, cut at a boundary found below a random point --- */
struct got {
	struct strbuf model_form, lib_form;   /* every record; non-blank ones */
	bool flawed;
};

static int collect(void *ctx, const struct record *rec)
{
	struct got *g = ctx;
	model_record(&g->model_form, rec);
	g->flawed |= rec->flaw != FLAW_NONE && rec->flaw != FLAW_LINE_ENDING;
	for (size_t i = 0; i < rec->n; i++) {
		if (i)
			strbuf_putc(&g->lib_form, '|');
		strbuf_add(&g->lib_form, rec->fields[i], rec->lens[i]);
	}
	if (rec->n)
		strbuf_putc(&g->lib_form, '\n');
	return 0;
}

static int chunked(const char *data, size_t len, char delim, size_t cut_below, struct got *g,
		   size_t *cut)
{
	char *buf = malloc(len + 1);
	memcpy(buf, data, len);
	*cut = csv_last_boundary(buf, cut_below, delim, '"');
	struct csv_chunk c;
	dqa_error err = {0};
	int rc = csv_chunk_init(&c, '"', NULL, &err);
	if (rc == 0 && *cut)
		rc = csv_chunk_parse(&c, buf, *cut, 1, delim, false, collect, g, "t", &err);
	char *rest = malloc(len - *cut + 1);
	memcpy(rest, data + *cut, len - *cut);
	if (rc == 0)
		rc = csv_chunk_parse(&c, rest, len - *cut, *cut ? c.line : 1, delim, true,
				     collect, g, "t", &err);
	csv_chunk_release(&c);
	free(buf);
	free(rest);
	return rc;
}

/* The model's records of data[0..n) with a line end after them: how many
 * bytes of data its complete records take, found by parsing every prefix
 * that ends after a line end and keeping the longest whose records all end
 * there (the model's own state, not the boundary finder's). */
static size_t model_last_boundary(const char *data, size_t below, char delim)
{
	for (size_t n = below; n > 0; n--) {
		char ch = data[n - 1];
		if (ch != '\n' && ch != '\r')
			continue;
		if (ch == '\r' && (n == below || data[n] == '\n'))
			continue;   /* a CRLF may follow: not known to end here */
		/* Records that end here leave the model at a record start: the
		 * same records come out with one more line appended. */
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		model_parse(data, n, delim, '"', &a, NULL);
		char *more = malloc(n + 2);
		memcpy(more, data, n);
		more[n] = 'x', more[n + 1] = '\n';
		model_parse(more, n + 2, delim, '"', &b, NULL);
		bool ends = b.len > a.len && memcmp(a.buf, b.buf, a.len) == 0;
		free(more);
		strbuf_release(&a);
		strbuf_release(&b);
		if (ends)
			return n;
	}
	return 0;
}

static void fail_case(int round, const char *data, size_t len, const char *what,
		      const struct strbuf *want, const struct strbuf *got)
{
	fprintf(stderr, "input %d: \"%.*s\" (%s)\n want: %.*s\n got: %.*s\n", round, (int)len,
		data, what, (int)want->len, want->buf, (int)got->len, got->buf);
	tap_failures++;
}

static bool same(const struct strbuf *a, const struct strbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

int main(void)
{
	static const char alphabet[] = "ab,;\"\"\n\n\r  ";
	/* Long lines too, so the 16-byte scan meets every byte class at
	 * every offset of a block. */
	static const char long_lines[] = "abcdefgh,,,;;  \"\n\r";
	char data[MAX_LEN];
	int well_formed = 0;
	for (int round = 0; round < ROUNDS && tap_failures <= 5; round++) {
		bool long_round = round % 2;
		size_t len = next(long_round ? MAX_LEN : 80);
		for (size_t i = 0; i < len; i++)
			data[i] = long_round ? long_lines[next(sizeof long_lines - 1)]
					     : alphabet[next(sizeof alphabet - 1)];
		char delim = round % 3 ? ',' : ';';
		struct strbuf want = STRBUF_INIT;
		model_parse(data, len, delim, '"', &want, NULL);

		size_t cut_below = len ? next((unsigned)len + 1) : 0, cut;
		struct got got = {STRBUF_INIT, STRBUF_INIT, false};
		int rc = chunked(data, len, delim, cut_below, &got, &cut);
		EXPECT(rc == 0);
		if (round % 16 == 0)
			EXPECT(cut == model_last_boundary(data, cut_below, delim));
		if (!same(&want, &got.model_form))
			fail_case(round, data, len, "model", &want, &got.model_form);
		if (!got.flawed) {
			struct strbuf lib;
			libcsv_records(data, len, delim, &lib);
			well_formed++;
			if (!same(&lib, &got.lib_form))
				fail_case(round, data, len, "libcsv", &lib, &got.lib_form);
			strbuf_release(&lib);
		}
		strbuf_release(&want);
		strbuf_release(&got.model_form);
		strbuf_release(&got.lib_form);
	}
	/* The random input must reach both references. */
	EXPECT(well_formed > ROUNDS / 20);
	return TAP_DONE();
}
