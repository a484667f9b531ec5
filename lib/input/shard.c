/* Cutting one input into shards at exact record boundaries. Whether a
 * newline ends a record depends on every quote before it, so cut points
 * are found by scanning from the start of the file with the boundary
 * finder of the parallel scan (csv_boundary.h: memchr speed over lines
 * without quotes), never by guessing from the bytes near the cut. */
#include "shard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_boundary.h"
#include "newlines.h"
#include "pg.h"
#include "transcode.h"

/* Bytes read at a time while looking for a cut; doubled for longer records. */
enum { CUT_WINDOW = 1 << 20 };

struct cutter {
	int fd;
	const char *name;
	uint64_t size;
	char delimiter, quote;
	char *buf;
	size_t cap;
	uint64_t pos, lines;      /* a record boundary, and the newlines before it */
	dqa_error *err;
};

static int read_at(struct cutter *c, uint64_t from, size_t len)
{
	if (len > c->cap) {
		char *buf = realloc(c->buf, len);
		RETURN_IF_NOMEM(buf, c->err);
		c->buf = buf;
		c->cap = len;
	}
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(c->fd, c->buf + done, len - done, (off_t)(from + done));
		if (n <= 0)
			return error_at(c->err, DQA_EINPUT, c->name, DQA_NOPOS, NULL,
					"cannot read: %s", n ? strerror(errno) : "file shrank");
		done += (size_t)n;
	}
	return 0;
}

static void move_to(struct cutter *c, size_t cut)
{
	c->lines += count_line_ends(c->buf, cut);
	c->pos += cut;
}

/* Moves c->pos to the first record boundary at or after target, or to the
 * end of the file. */
static int advance(struct cutter *c, uint64_t target)
{
	/* The last boundary at or before target... */
	for (size_t window = CUT_WINDOW; c->pos < target;) {
		uint64_t left = target - c->pos;
		size_t len = left < window ? (size_t)left : window;
		FORWARD_IF_ERROR(read_at(c, c->pos, len));
		size_t cut = csv_last_boundary(c->buf, len, c->delimiter, c->quote);
		move_to(c, cut);
		if (len == left)
			break;
		if (!cut)
			window *= 2;   /* one record longer than the window */
	}
	/* ...and when it falls short, the first one after it. */
	for (size_t window = CUT_WINDOW; c->pos < target; window *= 2) {
		uint64_t left = c->size - c->pos;
		size_t len = left < window ? (size_t)left : window;
		FORWARD_IF_ERROR(read_at(c, c->pos, len));
		size_t cut = csv_first_boundary(c->buf, len, c->delimiter, c->quote);
		if (cut || len == left) {
			move_to(c, cut ? cut : len);
			break;
		}
	}
	return 0;
}

/* floor(size * k / n) without overflow. */
static uint64_t share(uint64_t size, unsigned k, unsigned n)
{
	return size / n * k + size % n * k / n;
}

/* The delimiter the scan will use: declared, or sniffed from the start. */
static int find_delimiter(struct cutter *c, const struct dialect *d)
{
	if (d->delimiter) {
		c->delimiter = d->delimiter;
		return 0;
	}
	size_t len = c->size < CUT_WINDOW ? (size_t)c->size : CUT_WINDOW;
	FORWARD_IF_ERROR(read_at(c, 0, len));
	len = reader_skip_bom(c->buf, len);
	c->delimiter = reader_sniff_delimiter(c->buf, len, d->quote);
	return 0;
}

static int open_plain(struct cutter *c)
{
	c->fd = open(c->name, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (c->fd < 0 || fstat(c->fd, &st) < 0)
		return error_at(c->err, DQA_EINPUT, c->name, DQA_NOPOS,
				"check the path and its permissions", "cannot open: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error_at(c->err, DQA_EARG, c->name, DQA_NOPOS,
				"give a regular file, or several files (each shard takes whole files)",
				"cannot be split into shards: not a regular file");
	c->size = (uint64_t)st.st_size;
	unsigned char magic[2];
	if (c->size >= 2 && pread(c->fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
		return error_at(c->err, DQA_EARG, c->name, DQA_NOPOS,
				"give the data as several files (each shard takes whole files), or "
				"audit it in one shard",
				"a single gzip file cannot be split into shards by bytes");
	return 0;
}

/* Shard index of count of one plain file: records from the first boundary
 * at or after (index-1)/count of its size to the first at or after
 * index/count. */
static int byte_range(const char *path, const struct dialect *d, unsigned index,
		      unsigned count, struct scan_part *part, dqa_error *err)
{
	struct cutter c = {.fd = -1, .name = path, .quote = d->quote, .err = err};
	/* Byte offsets of a transcoded file are not those of its text. */
	if (!encoding_is_utf8(d->encoding))
		return error_at(err, DQA_EARG, path, DQA_NOPOS,
				"give the data as several files (each shard takes whole files), or "
				"audit it in one shard",
				"a single file in %s cannot be split into shards by bytes",
				encoding_name(d->encoding));
	int rc = open_plain(&c);
	if (rc == 0)
		rc = find_delimiter(&c, d);
	if (rc == 0)
		rc = advance(&c, share(c.size, index - 1, count));
	*part = (struct scan_part){0, c.pos, SCAN_TO_END, c.lines + 1, 0, 0};
	if (rc == 0 && index < count) {
		rc = advance(&c, share(c.size, index, count));
		part->end = c.pos;
	}
	if (c.fd >= 0)
		close(c.fd);
	free(c.buf);
	return rc;
}

int shard_parts(const char *const *inputs, size_t ninputs, const struct dialect *dialect,
		unsigned index, unsigned count, struct scan_part **out, size_t *nparts,
		dqa_error *err)
{
	*out = NULL;
	*nparts = 0;
	if (index < 1 || index > count)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"shard %u/%u does not exist: shards are numbered 1 to %u", index,
				count, count);
	for (size_t i = 0; i < ninputs && count > 1; i++)
		if (strcmp(inputs[i], "-") == 0)
			return error_at(err, DQA_EARG, "<stdin>", DQA_NOPOS,
					"save it to a file first, or audit it in one shard",
					"standard input cannot be split into shards");
	if (ninputs == 1 && count > 1 && pg_is_uri(inputs[0]) && !dialect->shard_by)
		return error_at(err, DQA_EARG, inputs[0], DQA_NOPOS,
				"name a column to hash in the rule file (dataset: {shard_by: COLUMN}), "
				"or shard a dataset of several inputs by input",
				"a PostgreSQL table is split into shards only by dataset: shard_by");
	struct scan_part *parts = calloc(ninputs + 1, sizeof *parts);
	RETURN_IF_NOMEM(parts, err);
	*out = parts;
	if (ninputs == 1 && count > 1 && pg_is_uri(inputs[0])) {
		parts[(*nparts)++] = (struct scan_part){0, 0, SCAN_TO_END, 1, index, count};
		return 0;
	}
	if (ninputs == 1 && count > 1)
		return byte_range(inputs[0], dialect, index, count, &parts[(*nparts)++], err);
	/* Input 0 comes first, with its records or without: its header binds. */
	if (index - 1 != 0)
		parts[(*nparts)++] = (struct scan_part){0, 0, 0, 1, 0, 0};
	for (size_t i = index - 1; i < ninputs; i += count)
		parts[(*nparts)++] = (struct scan_part){(uint32_t)i, 0, SCAN_TO_END, 1, 0, 0};
	return 0;
}
