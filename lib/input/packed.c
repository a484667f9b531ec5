/* A packed record: its line (8 bytes), field count (4), then each field's
 * length (4) and bytes followed by NUL; integers in host order, copied
 * with memcpy since records are not aligned. */
#include "packed.h"

#include <stdlib.h>
#include <string.h>

static int reserve(char **buf, size_t len, size_t *cap, size_t more)
{
	if (len + more + 1 <= *cap)
		return 0;
	size_t want = *cap * 2 > len + more + 1 ? *cap * 2 : len + more + 1;
	char *grown = realloc(*buf, want);
	if (!grown)
		return -1;
	*buf = grown;
	*cap = want;
	return 0;
}

int packed_put(char **buf, size_t *len, size_t *cap, const struct record *rec)
{
	size_t need = sizeof(uint64_t) + sizeof(uint32_t);
	for (size_t i = 0; i < rec->n; i++)
		need += sizeof(uint32_t) + rec->lens[i] + 1;
	if (reserve(buf, *len, cap, need) < 0)
		return -1;
	char *p = *buf + *len;
	uint64_t line = rec->line;
	uint32_t n = (uint32_t)rec->n;
	memcpy(p, &line, sizeof line);
	memcpy(p + sizeof line, &n, sizeof n);
	p += sizeof line + sizeof n;
	for (size_t i = 0; i < rec->n; i++) {
		uint32_t flen = (uint32_t)rec->lens[i];
		memcpy(p, &flen, sizeof flen);
		memcpy(p + sizeof flen, rec->fields[i], flen);
		p[sizeof flen + flen] = '\0';
		p += sizeof flen + flen + 1;
	}
	*len += need;
	return 0;
}

int packed_parse(struct packed_reader *r, const char *buf, size_t len, record_fn fn,
		 void *ctx, dqa_error *err)
{
	for (size_t at = 0; at < len;) {
		uint64_t line;
		uint32_t n;
		memcpy(&line, buf + at, sizeof line);
		memcpy(&n, buf + at + sizeof line, sizeof n);
		at += sizeof line + sizeof n;
		if (n > r->cap) {
			const char **fields = realloc(r->fields, n * sizeof *fields);
			if (fields)
				r->fields = fields;
			size_t *lens = realloc(r->lens, n * sizeof *lens);
			if (lens)
				r->lens = lens;
			if (!fields || !lens)
				return error_nomem(err);
			r->cap = n;
		}
		for (uint32_t i = 0; i < n; i++) {
			uint32_t flen;
			memcpy(&flen, buf + at, sizeof flen);
			r->fields[i] = buf + at + sizeof flen;
			r->lens[i] = flen;
			at += sizeof flen + flen + 1;
		}
		struct record rec = {.fields = r->fields, .lens = r->lens, .n = n, .line = line,
				     .raw = "", .delimiter = ',', .quote = '"', .utf8_valid = true,
				     .eol = EOL_LF};
		int rc = fn(ctx, &rec);
		if (rc)
			return rc;
	}
	return 0;
}

void packed_release(struct packed_reader *r)
{
	free(r->fields);
	free(r->lens);
	*r = (struct packed_reader){0};
}
