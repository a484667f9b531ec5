/* Transcoding to UTF-8 (transcode.c, source.c): the same text whatever the
 * split of the input between reads, and however small the reads; a UTF-8
 * byte order mark dropped when stdin delivers it a byte at a time. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input/source.h"
#include "tap.h"
#include "input/transcode.h"

/* "Nguyễn Đức Hoà," in each encoding, with the expected UTF-8. */
static const char expected[] = "Nguy\xE1\xBB\x85n \xC4\x90\xE1\xBB\xA9" "c Ho\xC3\xA0,";
#define INPUT(name, bytes) {name, bytes, sizeof bytes - 1}
static const struct {
	const char *encoding;
	const char *bytes;
	size_t len;
} inputs[] = {
	/* iconv -t WINDOWS-1258: "ễ" is "ê" and a combining tilde */
	INPUT("windows-1258", "Nguy\xEA\xDEn \xD0\xFD\xEC" "c Ho\xE0,"),
	INPUT("tcvn3", "Nguy\xD4n \xA7\xF8" "c Ho\xB5,"),
	/* VNI: a base letter, then one mark byte */
	INPUT("vni", "Nguye\xE3n \xD1\xF6\xF9" "c Hoa\xF8,"),
	INPUT("utf-16", "\xFF\xFEN\0g\0u\0y\0\xC5\x1En\0 \0\x10\x01\xE9\x1E" "c\0 \0H\0o\0\xE0\0,\0"),
};

/* Converts bytes in two calls split at `at`, as source.c feeds the
 * transcoder: what the first call leaves is given again with more. */
static char *convert_split(const struct encoding *e, const char *bytes, size_t len, size_t at)
{
	struct transcoder *t = transcoder_new(e);
	char *out = calloc(1, 256);
	size_t start = 0, made_total = 0;
	for (size_t end = at; ; end = len) {
		bool last = end == len;
		size_t used, made;
		enum transcode_status st;
		do {
			st = transcode_run(t, (const unsigned char *)bytes + start, end - start, last,
					   &used, out + made_total, 255 - made_total, &made);
			start += used;
			made_total += made;
		} while (made && st == TRANSCODE_OK);
		EXPECT(st == TRANSCODE_OK);
		if (last)
			break;
	}
	transcoder_free(t);
	return out;
}

static void test_split_points(void)
{
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		const struct encoding *e = encoding_find(inputs[i].encoding);
		EXPECT(e != NULL);
		for (size_t at = 0; at <= inputs[i].len; at++) {
			char *got = convert_split(e, inputs[i].bytes, inputs[i].len, at);
			if (strcmp(got, expected) != 0)
				fprintf(stderr, "%s split at %zu:\n", inputs[i].encoding, at);
			EXPECT_STR(got, expected);
			free(got);
		}
	}
}

static char path[] = "/tmp/dqa-transcode-XXXXXX";

/* Reading the whole file through source_read, cap bytes at a time. */
static char *read_all(const char *file, const struct encoding *e, size_t cap, int *rc)
{
	struct source src;
	dqa_error err = {0};
	char *out = calloc(1, 4096);
	size_t len = 0;
	ssize_t n = 0;
	*rc = source_open(&src, file, e, NULL, &err);
	while (*rc == 0 && (n = source_read(&src, out + len, cap, &err)) > 0)
		len += (size_t)n;
	if (*rc == 0)
		*rc = (int)n;
	source_close(&src);
	return out;
}

static void test_small_reads(void)
{
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		FILE *f = fopen(path, "wb");
		fwrite(inputs[i].bytes, 1, inputs[i].len, f);
		fclose(f);
		for (size_t cap = 1; cap <= 8; cap++) {
			int rc;
			char *got = read_all(path, encoding_find(inputs[i].encoding), cap, &rc);
			EXPECT(rc == 0);
			EXPECT_STR(got, expected);
			free(got);
		}
	}
}

static void test_invalid_byte(void)
{
	FILE *f = fopen(path, "wb");
	fputs("id\n\x81x\n", f);   /* 0x81 is not in Windows-1258 */
	fclose(f);
	int rc;
	char *got = read_all(path, encoding_find("windows-1258"), 64, &rc);
	EXPECT(rc == DQA_EINPUT);
	EXPECT_STR(got, "id\n");
	free(got);
}

/* stdin delivering a byte order mark as 1 byte, then 2: still dropped. */
static void test_bom_split_on_stdin(void)
{
	static const char *const pieces[] = {"\xEF", "\xBB\xBF", "id\n1\n"};
	int fds[2];
	EXPECT(pipe(fds) == 0);
	pid_t child = fork();
	if (child == 0) {
		close(fds[0]);
		for (size_t i = 0; i < 3; i++) {
			if (write(fds[1], pieces[i], strlen(pieces[i])) < 0)
				_exit(1);
			usleep(50000);
		}
		_exit(0);
	}
	close(fds[1]);
	int saved = dup(STDIN_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	int rc;
	char *got = read_all("-", NULL, 4096, &rc);
	dup2(saved, STDIN_FILENO);
	close(saved);
	waitpid(child, NULL, 0);
	EXPECT(rc == 0);
	EXPECT_STR(got, "id\n1\n");
	free(got);
}

int main(void)
{
	close(mkstemp(path));
	test_split_points();
	test_small_reads();
	test_invalid_byte();
	test_bom_split_on_stdin();
	unlink(path);
	return TAP_DONE();
}
