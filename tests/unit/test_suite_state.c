/* Suite state files: what the writer puts in reads back exactly, and a
 * state whose datasets are not its shard's (sealed with a good checksum,
 * so only the reader's own checks can catch it) is refused as corrupt. */
#include <stdlib.h>
#include <unistd.h>

#include "state/suite_state.h"
#include "tap.h"

static char path[64];

/* Writes shard index/count of a suite of ndatasets holding the datasets
 * listed (n of them, each with its index as its one-byte state). */
static int write_state(unsigned index, unsigned count, size_t ndatasets, const size_t *list,
		       size_t n, const struct state_kind *kind)
{
	struct suite_state_meta m = {.suite_path = "city.yaml", .suite_hash = 0x0123456789abcdefULL,
				     .index = index, .count = count, .ndatasets = ndatasets,
				     .now = -86400, .samples = 5};
	struct strbuf out = STRBUF_INIT;
	size_t start = suite_state_begin(&out, &m, n);
	for (size_t k = 0; k < n; k++) {
		char name[16], byte = (char)list[k];
		snprintf(name, sizeof name, "set-%zu", list[k]);
		struct strbuf one = STRBUF_INIT;
		strbuf_add(&one, &byte, 1);
		suite_state_add(&out, list[k], name, &one);
		strbuf_release(&one);
	}
	frame_seal(&out, start, kind);
	dqa_error err = {0};
	int rc = state_save(path, out.buf, out.len, &err);
	strbuf_release(&out);
	return rc;
}

/* Opens the state at path: the error code, its message in msg. */
static int open_state(struct suite_state *f, char *msg, size_t size)
{
	dqa_error err = {0};
	int rc = suite_state_open(f, path, &err);
	snprintf(msg, size, "%s", err.message);
	return rc;
}

static void round_trip(void)
{
	const size_t list[] = {1, 4};
	EXPECT(write_state(2, 3, 6, list, 2, &state_suite_kind) == 0);
	struct suite_state f;
	char msg[512];
	EXPECT(open_state(&f, msg, sizeof msg) == 0);
	EXPECT_STR(f.meta.suite_path, "city.yaml");
	EXPECT_STR(f.meta.dqa_version, DQA_VERSION);
	EXPECT(f.meta.suite_hash == 0x0123456789abcdefULL);
	EXPECT(f.meta.index == 2 && f.meta.count == 3 && f.meta.ndatasets == 6);
	EXPECT(f.meta.now == -86400 && f.meta.samples == 5);
	EXPECT(f.n == 2);
	for (size_t k = 0; k < f.n && k < 2; k++) {
		char name[16];
		snprintf(name, sizeof name, "set-%zu", list[k]);
		EXPECT(f.datasets[k].index == list[k]);
		EXPECT_STR(f.datasets[k].name, name);
		EXPECT(f.datasets[k].len == 1 && f.datasets[k].state[0] == (unsigned char)list[k]);
	}
	suite_state_close(&f);
}

/* A shard with no dataset (3 shards of 2 datasets) is a valid state. */
static void empty_shard(void)
{
	EXPECT(write_state(3, 3, 2, NULL, 0, &state_suite_kind) == 0);
	struct suite_state f;
	char msg[512];
	EXPECT(open_state(&f, msg, sizeof msg) == 0 && f.n == 0);
	suite_state_close(&f);
}

static void refused(unsigned index, unsigned count, size_t ndatasets, const size_t *list,
		    size_t n, const struct state_kind *kind, int code, const char *message)
{
	EXPECT(write_state(index, count, ndatasets, list, n, kind) == 0);
	struct suite_state f;
	char msg[512];
	EXPECT(open_state(&f, msg, sizeof msg) == code);
	EXPECT_STR(msg, message);
	suite_state_close(&f);
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/dqa-test-suite-state-%ld", (long)getpid());
	round_trip();
	empty_shard();
	const char *unfit = "corrupt suite state file: its datasets do not fit its shard";
	/* shard 2/3 of 6 holds datasets 1 and 4 (0-based): one missing, one
	 * wrong, one too many, one past the suite's end */
	refused(2, 3, 6, (const size_t[]){1}, 1, &state_suite_kind, DQA_EINPUT, unfit);
	refused(2, 3, 6, (const size_t[]){1, 5}, 2, &state_suite_kind, DQA_EINPUT, unfit);
	refused(2, 3, 6, (const size_t[]){1, 4, 7}, 3, &state_suite_kind, DQA_EINPUT, unfit);
	refused(2, 3, 4, (const size_t[]){1, 4}, 2, &state_suite_kind, DQA_EINPUT, unfit);
	/* the frame of a dataset state: the other kind, not damage */
	refused(1, 1, 1, (const size_t[]){0}, 1, &state_dataset_kind, DQA_EARG,
		"dataset state among suite states");
	unlink(path);
	return TAP_DONE();
}
