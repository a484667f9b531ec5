/* Shard state files: one shard's plan after its scan (counts, samples,
 * units, every check's state), written so that `dqa merge` folds the
 * shards into exactly the result of one unsharded audit. The layout is in
 * doc/internals/state.md. */
#ifndef DQA_STATE_H
#define DQA_STATE_H

#include "../plan.h"
#include "codec.h"

/* Bumped whenever the payload changes shape: other versions are refused. */
enum { STATE_FORMAT = 2 };

/* Magic "DQASTATE", format version (u32), CRC-32 of the payload (u32) and
 * the payload's length (u64), little-endian. */
enum { STATE_HEADER = 24 };

/* The most samples per unit and check a state may hold: dqa audit's
 * --samples limit. */
enum { STATE_MAX_SAMPLES = 1000 };

/* What a state says about the audit it belongs to. Strings live in the
 * state_file's arena. */
struct state_meta {
	const char *dqa_version, *rules_path;
	uint64_t rules_hash;          /* of the rule file's bytes */
	const char **inputs;
	size_t ninputs;
	unsigned index, count;        /* shard index (1-based) of count */
	int64_t now;
	unsigned samples;
	const char *unit;             /* --unit, or NULL */
	const char **header;
	size_t nheader;
	const char **check_ids;       /* id then kind, 2 per check */
	size_t nchecks;
};

struct state_file {
	const char *path;
	unsigned char *data;          /* the whole file */
	size_t len;
	struct state_in plan_part;    /* the payload after the meta */
	struct state_meta meta;
	struct arena arena;
};

/* 64-bit hash of the rule file's bytes (rules fingerprint). */
int state_rules_hash(const char *path, uint64_t *out, dqa_error *err);

/* Writes p (scanned, merged across threads, plan_merge_done called, no
 * dataset checks run yet) to path atomically, as shard index of count. */
int state_write(struct plan *p, unsigned index, unsigned count, const char *path,
		dqa_error *err);

/* Reads path whole and checks it: a file that is not a state, is cut
 * short or fails its checksum is DQA_EINPUT; a state of another format
 * version or dqa version is DQA_EARG. Fills f->meta. */
int state_open(struct state_file *f, const char *path, dqa_error *err);
/* Loads the counts, samples and check states of f into w (a plan forked
 * from the merge's plan). DQA_EINPUT when the contents do not fit. */
int state_load(struct state_file *f, struct plan *w, dqa_error *err);
void state_close(struct state_file *f);

#endif
