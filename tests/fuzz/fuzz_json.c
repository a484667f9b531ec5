/* libFuzzer target: the JSON reader (json_chunk.h). The keys of the first
 * objects become the columns; the records read from the whole input must
 * equal those read from two chunks cut at the boundary json_last_boundary
 * finds below a point the input chooses (as the parallel scan cuts), and
 * the small limits must end the read with an error instead of growing.
 * Input: byte 0 picks the cut point and the array mode, the rest is the
 * JSON text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/json_chunk.h"
#include "input/limits.h"
#include "util/strbuf.h"

static const struct limits fuzz_limits = {.max_field = 64, .max_record = 256, .max_columns = 16};

static int collect(void *ctx, const struct record *rec)
{
	struct strbuf *out = ctx;
	strbuf_printf(out, "%llu:", (unsigned long long)rec->line);
	for (size_t i = 0; i < rec->n; i++) {
		if (rec->fields[i][rec->lens[i]] != '\0' || rec->lens[i] > fuzz_limits.max_field)
			abort();
		strbuf_printf(out, "%zu=", rec->lens[i]);
		strbuf_add(out, rec->fields[i], rec->lens[i]);
	}
	strbuf_putc(out, '\n');
	return 0;
}

/* The records of buf[0, len) cut at `cut` (0: whole), into out; the parse's
 * return code. */
static int read_records(const struct json_columns *cols, bool array, const char *buf,
			size_t len, size_t cut, struct strbuf *out)
{
	struct json_chunk c;
	dqa_error err = {0};
	size_t records;
	if (json_chunk_init(&c, cols, array, &fuzz_limits, &err) < 0)
		abort();
	int rc = 0;
	uint64_t line = 1;
	if (cut) {
		rc = json_chunk_parse(&c, buf, cut, 1, false, 0, collect, out, "fuzz", &records, &err);
		for (size_t i = 0; i < cut; i++)
			line += buf[i] == '\n';
	}
	if (rc == 0)
		rc = json_chunk_parse(&c, buf + cut, len - cut, line, true, 0, collect, out, "fuzz",
				      &records, &err);
	json_chunk_release(&c);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool array = data[0] & 1;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	struct json_chunk keys;
	dqa_error err = {0};
	size_t records;
	if (json_chunk_init(&keys, NULL, array, &fuzz_limits, &err) < 0)
		abort();
	int rc = json_chunk_parse(&keys, text, len, 1, true, JSON_HEADER_RECORDS, NULL, NULL,
				  "fuzz", &records, &err);
	if (keys.nkeys > fuzz_limits.max_columns)
		abort();
	const char *names[16];
	size_t lens[16];
	const char *at = keys.keys.buf;
	for (size_t i = 0; i < keys.nkeys; at += lens[i++] + 1) {
		names[i] = at;
		lens[i] = strlen(at);
	}
	struct json_columns cols = {names, lens, keys.nkeys};
	if (rc == 0) {
		struct strbuf whole = STRBUF_INIT, parts = STRBUF_INIT;
		size_t cut = json_last_boundary(text, len * (data[0] >> 1) / 127);
		int rc_whole = read_records(&cols, array, text, len, 0, &whole);
		int rc_parts = read_records(&cols, array, text, len, cut, &parts);
		/* An error may come from either chunk; records before it agree. */
		if (rc_whole == 0 && rc_parts == 0 &&
		    (whole.len != parts.len || (whole.len && memcmp(whole.buf, parts.buf, whole.len))))
			abort();
		strbuf_release(&whole);
		strbuf_release(&parts);
	}
	json_chunk_release(&keys);
	return 0;
}
