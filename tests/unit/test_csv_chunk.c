/* Differential test of the chunked parser against plain libcsv on random
 * input: the boundary finder must agree with libcsv's own state at every
 * newline, and records parsed chunk by chunk (fast path for simple lines)
 * must equal libcsv's, line numbers included. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>

#include "csv_boundary.h"
#include "csv_chunk.h"
#include "strbuf.h"
#include "tap.h"

enum { ROUNDS = 40000, MAX_LEN = 240 };

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* --- the reference: libcsv fed line by line, as the first reader did --- */
struct ref {
	struct strbuf out;
	uint64_t line, record_line;
	bool field_open;
};

static void ref_field(void *data, size_t len, void *opaque)
{
	struct ref *r = opaque;
	if (r->field_open)
		strbuf_putc(&r->out, '|');
	r->field_open = true;
	strbuf_add(&r->out, data ? data : "", len);
}

static void ref_record(int t, void *opaque)
{
	(void)t;
	struct ref *r = opaque;
	strbuf_printf(&r->out, "@%llu\n", (unsigned long long)r->record_line);
	r->field_open = false;
}

static void reference(const char *buf, size_t len, char delim, struct strbuf *out,
		      bool *boundary_after)
{
	struct csv_parser p;
	csv_init(&p, 0);
	csv_set_space_func(&p, no_space);
	csv_set_delim(&p, (unsigned char)delim);
	struct ref r = {STRBUF_INIT, 1, 1, false};
	for (size_t i = 0; i < len; i++) {
		if (p.pstate == 0 && (i == 0 || buf[i - 1] == '\n'))
			r.record_line = r.line;
		csv_parse(&p, buf + i, 1, ref_field, ref_record, &r);
		if (buf[i] == '\n') {
			r.line++;
			boundary_after[i] = p.pstate == 0;
		}
	}
	csv_fini(&p, ref_field, ref_record, &r);
	csv_free(&p);
	*out = r.out;
}

/* --- the chunked parser, cut at a boundary found below a random point --- */
static int collect(void *ctx, const struct record *rec)
{
	struct strbuf *out = ctx;
	for (size_t i = 0; i < rec->n; i++) {
		if (i)
			strbuf_putc(out, '|');
		strbuf_add(out, rec->fields[i], rec->lens[i]);
	}
	strbuf_printf(out, "@%llu\n", (unsigned long long)rec->line);
	return 0;
}

static int chunked(const char *data, size_t len, char delim, size_t cut_below,
		   struct strbuf *out, size_t *cut)
{
	char *buf = malloc(len + 1);
	memcpy(buf, data, len);
	*cut = csv_last_boundary(buf, cut_below, delim, '"');
	struct csv_chunk c;
	dqa_error err = {0};
	int rc = csv_chunk_init(&c, '"', NULL, &err);
	if (rc == 0 && *cut)
		rc = csv_chunk_parse(&c, buf, *cut, 1, delim, false, collect, out, "t", &err);
	char *rest = malloc(len - *cut + 1);
	memcpy(rest, data + *cut, len - *cut);
	if (rc == 0)
		rc = csv_chunk_parse(&c, rest, len - *cut, c.line ? c.line : 1, delim, true,
				     collect, out, "t", &err);
	csv_chunk_release(&c);
	free(buf);
	free(rest);
	return rc;
}

int main(void)
{
	static const char alphabet[] = "ab,;\"\"\n\n\r  ";
	/* Long lines too, so the 16-byte scan meets every byte class at
	 * every offset of a block. */
	static const char long_lines[] = "abcdefgh,,,;;  \"\n\r";
	char data[MAX_LEN];
	bool boundary_after[MAX_LEN];
	for (int round = 0; round < ROUNDS; round++) {
		bool long_round = round % 2;
		size_t len = next(long_round ? MAX_LEN : 80);
		for (size_t i = 0; i < len; i++)
			data[i] = long_round ? long_lines[next(sizeof long_lines - 1)]
					     : alphabet[next(sizeof alphabet - 1)];
		char delim = round % 3 ? ',' : ';';
		memset(boundary_after, 0, sizeof boundary_after);
		struct strbuf want;
		reference(data, len, delim, &want, boundary_after);

		size_t cut_below = len ? next((unsigned)len + 1) : 0;
		size_t expect_last = 0, expect_first = 0;
		for (size_t i = 0; i < len; i++)
			if (data[i] == '\n' && boundary_after[i]) {
				if (i + 1 <= cut_below)
					expect_last = i + 1;
				if (!expect_first)
					expect_first = i + 1;
			}
		struct strbuf got = STRBUF_INIT;
		size_t cut;
		int rc = chunked(data, len, delim, cut_below, &got, &cut);
		EXPECT(cut == expect_last);
		EXPECT(csv_first_boundary(data, len, delim, '"') == expect_first);
		/* An open quote at the end is an error in dqa, not a record. */
		if (rc == 0) {
			strbuf_putc(&want, '\0');
			strbuf_putc(&got, '\0');
			if (strcmp(want.buf, got.buf) != 0) {
				fprintf(stderr, "input %d: \"%.*s\"\n want: %s\n got: %s\n", round,
					(int)len, data, want.buf, got.buf);
				tap_failures++;
			}
		}
		strbuf_release(&want);
		strbuf_release(&got);
		if (tap_failures > 5)
			break;
	}
	return TAP_DONE();
}
