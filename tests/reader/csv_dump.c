/* Prints the records dqa's reader finds in a file, one a line, for the
 * differential test against Python's csv module (differential.py):
 *   LINE FLAW FLAW_LINE N FIELD...   fields hex-encoded, '-' when empty
 * then a line '#' after each file. Each input is cut into blocks of at
 * most BLOCK bytes at the record boundaries csv_boundary.h finds, as the
 * parallel scan cuts it.
 *   csv_dump BLOCK FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_boundary.h"
#include "input/csv_chunk.h"

static int print_record(void *ctx, const struct record *rec)
{
	(void)ctx;
	printf("%llu %u %llu %zu", (unsigned long long)rec->line, rec->flaw,
	       (unsigned long long)rec->flaw_line, rec->n);
	for (size_t i = 0; i < rec->n; i++) {
		putchar(' ');
		if (!rec->lens[i])
			putchar('-');
		for (size_t k = 0; k < rec->lens[i]; k++)
			printf("%02x", (unsigned char)rec->fields[i][k]);
	}
	putchar('\n');
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	*len = 0;
	for (size_t n; buf && (n = fread(buf + *len, 1, cap - *len - 1, f)) > 0;) {
		*len += n;
		if (cap - *len < 2 && !(buf = realloc(buf, cap *= 2)))
			break;
	}
	fclose(f);
	return buf;
}

static int dump(const char *path, size_t block)
{
	size_t len;
	char *buf = slurp(path, &len);
	if (!buf)
		return fprintf(stderr, "csv_dump: cannot read %s\n", path), 2;
	struct csv_chunk c;
	dqa_error err = {0};
	csv_chunk_init(&c, '"', NULL, &err);
	size_t pos = 0;
	uint64_t line = 1;
	int rc = 0;
	while (rc == 0 && pos < len) {
		size_t window = block, cut = 0;
		while (pos + window < len && !(cut = csv_last_boundary(buf + pos, window, ',', '"')))
			window *= 2;
		bool last = pos + window >= len;
		cut = last ? len - pos : cut;
		/* The parser writes one byte past a chunk: give it a copy. */
		char *chunk = malloc(cut + 1);
		memcpy(chunk, buf + pos, cut);
		rc = csv_chunk_parse(&c, chunk, cut, line, ',', last, print_record, NULL, "t", &err);
		free(chunk);
		line = c.line;
		pos += cut;
	}
	puts("#");
	csv_chunk_release(&c);
	free(buf);
	if (rc)
		fprintf(stderr, "csv_dump: %s: %s\n", path, err.message);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	size_t block = argc > 2 ? strtoul(argv[1], NULL, 10) : 0;
	if (!block)
		return fprintf(stderr, "usage: csv_dump BLOCK FILE...\n"), 2;
	int rc = 0;
	for (int i = 2; i < argc && rc == 0; i++)
		rc = dump(argv[i], block);
	return rc;
}
