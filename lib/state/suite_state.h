/* Suite state files: one shard of a suite (`dqa audit --suite FILE --shard
 * I/N --state STATE`), holding each dataset it audited as that dataset's
 * own 1/1 state, so `dqa merge` finishes every dataset with the dataset
 * merge. The layout is in docs/internals/state.md. */
#ifndef DQA_SUITE_STATE_H
#define DQA_SUITE_STATE_H

#include "../util/arena.h"
#include "codec.h"
#include "frame.h"

/* Bumped whenever the payload changes shape: other versions are refused.
 * The datasets' states inside carry their own STATE_FORMAT. */
enum { SUITE_STATE_FORMAT = 1 };

/* What a suite state says about the run it belongs to. */
struct suite_state_meta {
	const char *dqa_version, *suite_path;
	uint64_t suite_hash;          /* of the suite file's bytes */
	unsigned index, count;        /* shard index (1-based) of count */
	size_t ndatasets;             /* in the suite */
	int64_t now;
	unsigned samples;
};

/* One dataset the shard audited. */
struct suite_state_dataset {
	size_t index;                 /* 0-based, in suite order */
	const char *name;
	const unsigned char *state;   /* a whole dataset state (state_open_buffer) */
	size_t len;
};

struct suite_state {
	const char *path;
	unsigned char *data;          /* the whole file */
	struct suite_state_meta meta;
	struct suite_state_dataset *datasets;
	size_t n;
	struct arena arena;
};

/* Appends the frame and meta of a suite state that will hold n datasets to
 * out; returns where its frame starts, for suite_state_end. */
size_t suite_state_begin(struct strbuf *out, const struct suite_state_meta *m, size_t n);
/* Appends one dataset: its index, name and state (as state_encode wrote it). */
void suite_state_add(struct strbuf *out, size_t index, const char *name,
		     const struct strbuf *state);
/* Seals the frame begun at start. */
void suite_state_end(struct strbuf *out, size_t start);

/* Reads path whole and checks it as frame_open does (a dataset state is
 * DQA_EARG); the datasets' states are checked when opened. Fills f. */
int suite_state_open(struct suite_state *f, const char *path, dqa_error *err);
void suite_state_close(struct suite_state *f);

#endif
