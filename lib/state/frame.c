/* The frame of state files (frame.h), and reading and writing them whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "frame.h"
#include "state.h"
#include "suite_state.h"
#include "../util/error.h"
#include "../util/strset.h"

const struct state_kind state_dataset_kind = {
	"DQASTATE", STATE_FORMAT, "dataset", "state file",
	"write it again with dqa audit --shard ... --state",
};

const struct state_kind state_suite_kind = {
	"DQASUITE", SUITE_STATE_FORMAT, "suite", "suite state file",
	"write it again with dqa audit --suite ... --shard ... --state",
};

size_t frame_start(struct strbuf *out)
{
	static const char room[STATE_HEADER];
	size_t start = out->len;
	strbuf_add(out, room, sizeof room);
	return start;
}

static void put_le(unsigned char *at, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
	uint64_t v = 0;
	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void frame_seal(struct strbuf *out, size_t start, const struct state_kind *kind)
{
	if (out->failed)
		return;
	unsigned char *h = (unsigned char *)out->buf + start;
	size_t len = out->len - start - STATE_HEADER;
	memcpy(h, kind->magic, 8);
	put_le(h + 8, kind->format, 4);
	put_le(h + 12, crc32_z(0, h + STATE_HEADER, len), 4);
	put_le(h + 16, len, 8);
}

int frame_corrupt(const struct state_kind *kind, const char *path, const char *what,
		  dqa_error *err)
{
	return error_at(err, DQA_EINPUT, path, DQA_NOPOS, kind->hint, "corrupt %s: %s",
			kind->name, what);
}

/* A state of the other kind: given to the wrong merge, not damaged. */
static int other_kind(const struct state_kind *kind, const char *path, const unsigned char *data,
		      size_t len, dqa_error *err)
{
	const struct state_kind *other = kind == &state_suite_kind ? &state_dataset_kind
								   : &state_suite_kind;
	if (len < 8 || memcmp(data, other->magic, 8) != 0)
		return 0;
	return error_at(err, DQA_EARG, path, DQA_NOPOS,
			"merge the states of one dataset, or the states of one suite",
			"%s state among %s states", other->kind, kind->kind);
}

int frame_open(const struct state_kind *kind, const char *path, const unsigned char *data,
	       size_t len, struct state_in *payload, dqa_error *err)
{
	FORWARD_IF_ERROR(other_kind(kind, path, data, len, err));
	if (len < 8 || memcmp(data, kind->magic, 8) != 0)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS,
				"state files are written by dqa audit --shard I/N --state FILE",
				"not a dqa state file");
	if (len < STATE_HEADER)
		return frame_corrupt(kind, path, "truncated header", err);
	uint64_t version = get_le(data + 8, 4);
	if (version != kind->format)
		return error_at(err, DQA_EARG, path, DQA_NOPOS,
				"audit the shards again with this dqa",
				"%s format %llu, this dqa reads format %u",
				kind == &state_suite_kind ? "suite state" : "state",
				(unsigned long long)version, (unsigned)kind->format);
	uint64_t want = get_le(data + 16, 8), have = len - STATE_HEADER;
	if (have != want) {
		char what[96];
		snprintf(what, sizeof what, "%s: %llu of %llu payload bytes",
			 have < want ? "truncated" : "trailing bytes", (unsigned long long)have,
			 (unsigned long long)want);
		return frame_corrupt(kind, path, what, err);
	}
	if (crc32_z(0, data + STATE_HEADER, have) != get_le(data + 12, 4))
		return frame_corrupt(kind, path, "checksum mismatch", err);
	*payload = (struct state_in){data + STATE_HEADER, data + len, false};
	return 0;
}

int frame_check_dqa_version(const char *path, const char *version, dqa_error *err)
{
	if (strcmp(version, DQA_VERSION) == 0)
		return 0;
	return error_at(err, DQA_EARG, path, DQA_NOPOS,
			"audit the shards and merge them with the same dqa",
			"written by dqa %s, this is dqa %s", version, DQA_VERSION);
}

int state_read_file(const char *path, unsigned char **data, size_t *len, dqa_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, "check the path and its permissions",
				"cannot open: %s", strerror(errno));
	struct strbuf sb = STRBUF_INIT;
	/* One allocation of the file's size: a state of millions of keys is
	 * tens of MB, and growing by doubling copies and page-faults it twice. */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		strbuf_grow(&sb, (size_t)st.st_size);
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		strbuf_release(&sb);
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot read: %s",
				strerror(errno));
	}
	*len = sb.len;
	*data = (unsigned char *)strbuf_detach(&sb);
	if (!*data && !sb.failed)
		*data = calloc(1, 1);
	RETURN_IF_NOMEM(*data, err);
	return 0;
}

int state_save(const char *path, const char *data, size_t len, dqa_error *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return dqa_write_file_atomic(".", path, data, len, err);
	char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	RETURN_IF_NOMEM(dir, err);
	int rc = dqa_write_file_atomic(dir, slash + 1, data, len, err);
	free(dir);
	return rc;
}
