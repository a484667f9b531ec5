/* The CSV reader: quoting, line numbers, line endings, BOM, delimiter
 * sniffing, gzip by content, and errors. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "input/reader.h"
#include "util/strbuf.h"
#include "tap.h"

/* Records rendered as "LINE:field|field\n" for easy comparison. */
static int collect(void *ctx, const struct record *rec)
{
	struct strbuf *out = ctx;
	strbuf_printf(out, "%llu:", (unsigned long long)rec->line);
	for (size_t i = 0; i < rec->n; i++) {
		if (i)
			strbuf_putc(out, '|');
		strbuf_add(out, rec->fields[i], rec->lens[i]);
	}
	strbuf_putc(out, '\n');
	return 0;
}

static char path[] = "/tmp/dqa-reader-XXXXXX";

static void write_file(const char *data, size_t len, int gzip)
{
	if (gzip) {
		gzFile gz = gzopen(path, "wb");
		gzwrite(gz, data, (unsigned)len);
		gzclose(gz);
		return;
	}
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Parses data (written to a temp file) and returns the rendering. */
static char *scan(const char *data, int gzip, int *rc, dqa_error *err)
{
	write_file(data, strlen(data), gzip);
	struct strbuf out = STRBUF_INIT;
	struct dialect d = DIALECT_INIT;
	*rc = reader_scan(path, &d, collect, &out, err);
	strbuf_putc(&out, '\0');
	return strbuf_detach(&out);
}

static void expect_scan(const char *data, int gzip, const char *expected)
{
	int rc;
	dqa_error err = {0};
	char *got = scan(data, gzip, &rc, &err);
	EXPECT(rc == 0);
	EXPECT_STR(got, expected);
	free(got);
}

int main(void)
{
	int fd = mkstemp(path);
	close(fd);
	expect_scan("a,b\n1,2\n", 0, "1:a|b\n2:1|2\n");
	expect_scan("a,b\r\n1,2\r\n", 0, "1:a|b\n2:1|2\n");
	expect_scan("\xEF\xBB\xBF" "a,b\n1,2", 0, "1:a|b\n2:1|2\n");
	expect_scan("a,b\n\"x\ny\",2\n3,4\n", 0, "1:a|b\n2:x\ny|2\n4:3|4\n");
	expect_scan("a,b\n\"he said \"\"hi\"\", ok\",2\n", 0, "1:a|b\n2:he said \"hi\", ok|2\n");
	expect_scan("a,b\n\n1,2\n\n\n3,4\n", 0, "1:a|b\n3:1|2\n6:3|4\n");
	expect_scan("a;b\n1;2,5\n", 0, "1:a|b\n2:1|2,5\n");
	expect_scan("a\tb\n1\t2\n", 0, "1:a|b\n2:1|2\n");
	expect_scan("a|b|c\n1|2|3\n", 0, "1:a|b|c\n2:1|2|3\n");
	expect_scan("\"a;x\",b\n1,2\n", 0, "1:a;x|b\n2:1|2\n");
	expect_scan("a,b\n  x , y\n", 0, "1:a|b\n2:  x | y\n");
	expect_scan("a,b\n1\n1,2,3\n", 0, "1:a|b\n2:1\n3:1|2|3\n");
	expect_scan("a,b\n1,2\n", 1, "1:a|b\n2:1|2\n");

	/* Python's reading of records that are not RFC 4180, line ends of
	 * every style (a bare CR ends a record, with its own line number), and
	 * a quote open at the end: the record runs to the end of the file. */
	expect_scan("a,b\n1,\"GAM MODEL\" DI X\n2,3\n", 0, "1:a|b\n2:1|GAM MODEL DI X\n3:2|3\n");
	expect_scan("a,b\n1,\"x\" \n2,3\n", 0, "1:a|b\n2:1|x \n3:2|3\n");
	expect_scan("a,b\nx\"y,z\n", 0, "1:a|b\n2:x\"y|z\n");
	expect_scan("a,b\r1,2\r3,4\r", 0, "1:a|b\n2:1|2\n3:3|4\n");
	expect_scan("a,b\n1,2\r3,4\n5,6\n", 0, "1:a|b\n2:1|2\n3:3|4\n4:5|6\n");
	expect_scan("a,b\n1,2\n\"open,3\n4,5\n", 0, "1:a|b\n2:1|2\n3:open,3\n4,5\n\n");
	expect_scan("a,b\n1,2\n\"open,3\n4,5\n", 1, "1:a|b\n2:1|2\n3:open,3\n4,5\n\n");

	int rc;
	dqa_error err = {0};

	/* A gzip stream cut short is an error, not a silently short file. */
	write_file("a,b\n1,2\n", 8, 1);
	FILE *f = fopen(path, "rb");
	unsigned char buf[256];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	f = fopen(path, "wb");
	fwrite(buf, 1, n - 6, f);
	fclose(f);
	struct strbuf out = STRBUF_INIT;
	struct dialect d = DIALECT_INIT;
	rc = reader_scan(path, &d, collect, &out, &err);
	EXPECT(rc == DQA_EINPUT);
	strbuf_release(&out);

	rc = reader_scan("/nonexistent/x.csv", &d, collect, &out, &err);
	EXPECT(rc == DQA_EINPUT && strstr(err.message, "cannot open") != NULL);
	rc = reader_scan("/tmp", &d, collect, &out, &err);
	EXPECT(rc == DQA_EINPUT && strstr(err.message, "is a directory") != NULL);
	unlink(path);
	return TAP_DONE();
}
