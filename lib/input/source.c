/* Input bytes from a file descriptor. The first two bytes tell gzip (1f 8b)
 * from anything else, so gzip is known by content alone; gzip members are
 * inflated one after another (inflate.h), and bytes after the last member
 * are ignored, as zlib's gzread does. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inflate.h"
#include "pg.h"
#include "sniff.h"
#include "transcode.h"

enum { SOURCE_BUFFER = 256 * 1024 };

static int read_error(struct source *src, dqa_error *err)
{
	return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS, NULL, "cannot read: %s",
			strerror(errno));
}

/* read(2), retried when a signal interrupts it, unless the signal
 * cancelled the audit (dqa_cancel). */
static ssize_t read_some(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	ssize_t n;
	while ((n = read(src->fd, buf, cap)) < 0 && errno == EINTR)
		RETURN_IF_CANCELLED(err);
	return n < 0 ? read_error(src, err) : n;
}

/* Moves unused bytes to the front and reads more after them. */
static int fill(struct source *src, dqa_error *err)
{
	memmove(src->in, src->in + src->in_at, src->in_len - src->in_at);
	src->in_len -= src->in_at;
	src->in_at = 0;
	ssize_t n = read_some(src, src->in + src->in_len, SOURCE_BUFFER - src->in_len, err);
	if (n < 0)
		return (int)n;
	src->eof = n == 0;
	src->in_len += (size_t)n;
	src->position += (uint64_t)n;
	return 0;
}

static int ensure(struct source *src, size_t want, dqa_error *err)
{
	while (src->in_len - src->in_at < want && !src->eof)
		FORWARD_IF_ERROR(fill(src, err));
	return 0;
}

static bool gzip_magic(const struct source *src)
{
	return src->in_len - src->in_at >= 2 && src->in[src->in_at] == 0x1f &&
	       src->in[src->in_at + 1] == 0x8b;
}

int source_open(struct source *src, const char *path, const struct encoding *encoding,
		const struct pg_select *sel, dqa_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	*src = (struct source){.name = is_stdin ? "<stdin>" : path, .fd = -1,
			       .encoding = encoding_is_utf8(encoding) ? NULL : encoding};
	if (pg_is_uri(path)) {
		FORWARD_IF_ERROR(pg_open(&src->pg, path, sel, err));
		RETURN_IF_NOMEM(src->in = malloc(SOURCE_BUFFER), err);
		return 0;
	}
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS,
				is_stdin ? NULL : "check the path and its permissions",
				"cannot open: %s", strerror(errno));
	src->fd = fd;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		source_close(src);
		return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS,
				"give the CSV files inside it", "is a directory");
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		src->size = (uint64_t)st.st_size;
	int rc = (src->in = malloc(SOURCE_BUFFER)) ? ensure(src, 2, err)
		: error_at(err, DQA_ENOMEM, src->name, DQA_NOPOS, NULL, "out of memory");
	if (rc == 0 && gzip_magic(src) && !(src->z = inflater_new()))
		rc = error_at(err, DQA_ENOMEM, src->name, DQA_NOPOS, NULL, "out of memory");
	src->in_member = src->z != NULL;
	if (rc < 0)
		source_close(src);
	return rc;
}

static ssize_t read_plain(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	if (src->in_at < src->in_len) {
		size_t n = src->in_len - src->in_at < cap ? src->in_len - src->in_at : cap;
		memcpy(buf, src->in + src->in_at, n);
		src->in_at += n;
		return (ssize_t)n;
	}
	ssize_t n = read_some(src, buf, cap, err);
	if (n > 0)
		src->position += (uint64_t)n;
	return n;
}

static int corrupt(struct source *src, const char *why, dqa_error *err)
{
	return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS,
			"the gzip file is truncated or damaged; fetch it again",
			"corrupt gzip data: %s", why);
}

static ssize_t read_gzip(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	while (!src->done) {
		if (!src->in_member) {
			FORWARD_IF_ERROR(ensure(src, 2, err));
			if (!gzip_magic(src)) {
				src->done = true;
				break;
			}
			inflater_reset(src->z);
			src->in_member = true;
		}
		size_t used, made;
		bool end;
		const char *why;
		if (inflater_run(src->z, src->in + src->in_at, src->in_len - src->in_at, &used, buf,
				 cap, &made, &end, &why) < 0)
			return corrupt(src, why, err);
		src->in_at += used;
		src->in_member = !end;
		if (made)
			return (ssize_t)made;
		if (end || used)
			continue;
		if (src->eof)
			return corrupt(src, "unexpected end of file", err);
		FORWARD_IF_ERROR(fill(src, err));
	}
	return 0;
}

/* The file's bytes, inflated. */
static ssize_t read_bytes(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	if (src->pg)
		return pg_read(src->pg, buf, cap, err);
	return src->z ? read_gzip(src, buf, cap, err) : read_plain(src, buf, cap, err);
}

/* Moves the bytes not handed on to the front of raw and reads more. */
static int raw_fill(struct source *src, dqa_error *err)
{
	memmove(src->raw, src->raw + src->raw_at, src->raw_len - src->raw_at);
	src->raw_len -= src->raw_at;
	src->raw_at = 0;
	ssize_t n = read_bytes(src, src->raw + src->raw_len, SOURCE_BUFFER - src->raw_len, err);
	if (n < 0)
		return (int)n;
	src->raw_eof = n == 0;
	src->raw_len += (size_t)n;
	return 0;
}

/* Before the first byte is handed on: the head is gathered, whatever size
 * the reads come in (stdin may deliver one byte at a time), sniffed, and
 * a UTF-8 byte order mark dropped. */
static int start(struct source *src, dqa_error *err)
{
	src->started = true;
	RETURN_IF_NOMEM(src->raw = malloc(SOURCE_BUFFER), err);
	while (src->raw_len < SNIFF_BYTES && !src->raw_eof)
		FORWARD_IF_ERROR(raw_fill(src, err));
	FORWARD_IF_ERROR(sniff_text(src->raw, src->raw_len, src->name,
				    encoding_is_utf16(src->encoding), src->want, &src->format, err));
	if (!src->encoding && src->raw_len >= 3 && memcmp(src->raw, "\xEF\xBB\xBF", 3) == 0)
		src->raw_at = src->skipped = 3;
	if (src->encoding && !(src->tc = transcoder_new(src->encoding)))
		return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS, NULL,
				"cannot convert from %s on this system", encoding_name(src->encoding));
	return 0;
}

static int not_in_encoding(struct source *src, dqa_error *err)
{
	return error_at(err, DQA_EINPUT, src->name, DQA_NOPOS,
			"check dataset: encoding, or save the file as CSV UTF-8",
			"byte 0x%02X at offset %llu is not valid %s", src->raw[src->raw_at],
			(unsigned long long)src->decoded, encoding_name(src->encoding));
}

static ssize_t decode(struct source *src, char *buf, size_t cap, dqa_error *err)
{
	for (;;) {
		size_t used, made;
		enum transcode_status st = transcode_run(src->tc, src->raw + src->raw_at,
							 src->raw_len - src->raw_at, src->raw_eof,
							 &used, buf, cap, &made);
		src->raw_at += used;
		src->decoded += used;
		if (made)
			return (ssize_t)made;   /* an invalid byte after them fails next time */
		if (st == TRANSCODE_INVALID)
			return not_in_encoding(src, err);
		if (src->raw_eof)
			return 0;
		FORWARD_IF_ERROR(raw_fill(src, err));
	}
}

/* Decoded text; a read too small for one character takes it from spill. */
static ssize_t read_decoded(struct source *src, char *buf, size_t cap, dqa_error *err)
{
	if (src->spill_at == src->spill_len && cap < sizeof src->spill) {
		ssize_t n = decode(src, src->spill, sizeof src->spill, err);
		if (n <= 0)
			return n;
		src->spill_at = 0;
		src->spill_len = (size_t)n;
	}
	if (src->spill_at == src->spill_len)
		return decode(src, buf, cap, err);
	size_t n = src->spill_len - src->spill_at < cap ? src->spill_len - src->spill_at : cap;
	memcpy(buf, src->spill + src->spill_at, n);
	src->spill_at += n;
	return (ssize_t)n;
}

ssize_t source_read(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	if (!src->started)
		FORWARD_IF_ERROR(start(src, err));
	if (src->tc)
		return read_decoded(src, buf, cap, err);
	if (src->raw_at == src->raw_len)
		return read_bytes(src, buf, cap, err);
	size_t n = src->raw_len - src->raw_at < cap ? src->raw_len - src->raw_at : cap;
	memcpy(buf, src->raw + src->raw_at, n);
	src->raw_at += n;
	return (ssize_t)n;
}

int source_seek(struct source *src, uint64_t offset)
{
	if (src->z || src->tc || lseek(src->fd, (off_t)offset, SEEK_SET) < 0)
		return -1;
	src->in_at = src->in_len = 0;
	src->raw_at = src->raw_len = 0;
	src->eof = src->raw_eof = false;
	src->position = offset;
	return 0;
}

uint64_t source_position(struct source *src)
{
	return src->position;
}

void source_close(struct source *src)
{
	if (src->fd >= 0)
		close(src->fd);
	inflater_free(src->z);
	pg_close(src->pg);
	src->pg = NULL;
	transcoder_free(src->tc);
	free(src->in);
	free(src->raw);
	src->fd = -1;
	src->z = NULL;
	src->tc = NULL;
	src->in = NULL;
	src->raw = NULL;
}
