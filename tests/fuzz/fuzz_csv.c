/* libFuzzer target: the CSV reader's state machine. The chunked parser
 * (fast path for simple lines, the state machine for the rest), cut at the
 * boundary csv_last_boundary finds below a point the input chooses, must
 * give exactly the records, start lines and flaws of the slow line-by-line
 * model of Python's csv.reader (tests/unit/csv_model.h), and must stop at
 * the field, record and column limits with an error instead of growing.
 * Input: byte 0 picks the delimiter, byte 1 the cut point, the rest is the
 * CSV text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_boundary.h"
#include "input/csv_chunk.h"
#include "../unit/csv_model.h"
#include "input/limits.h"
#include "util/strbuf.h"

/* Small limits, so the fuzzer reaches them with small inputs. */
static const struct limits fuzz_limits = {.max_field = 64, .max_record = 256, .max_columns = 16};

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
		if (rec->lens[i] > g->widest_field)
			g->widest_field = rec->lens[i];
	}
	if (rec->n > g->most_columns)
		g->most_columns = rec->n;
	model_record(&g->out, rec);
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

	struct strbuf want = STRBUF_INIT;
	size_t widest_span;
	model_parse(data, len, delim, '"', &want, &widest_span);

	dqa_error err = {0};
	struct got got = {STRBUF_INIT, 0, 0};
	int rc = chunked(data, len, delim, cut_below, NULL, &got, &err);
	if (rc != 0)
		abort();   /* without limits, every input reads */
	if (!same(&want, &got.out))
		abort();   /* the chunked parser disagrees with the model */

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
