/* Shard state files: one shard's plan after its scan (counts, samples,
 * units, every check's state), written so that `dqa merge` folds the
 * shards into exactly the result of one unsharded audit. The layout is in
 * docs/internals/state.md. */
#ifndef DQA_STATE_H
#define DQA_STATE_H

#include "../plan.h"
#include "codec.h"
#include "frame.h"

/* Bumped whenever the payload changes shape or meaning: other versions
 * are refused. 3: sample values keep their NUL bytes (a format 2 reader
 * would cut them). 4: samples keep their workbook cell, and the rows a shard kept
 * (STATE.rows) are described. 5: with kept rows, each input's workbook
 * sheet, for the cells of the failed rows. */
enum { STATE_FORMAT = 5 };

/* What rows a shard kept beside its state, for dqa merge's row files. */
enum state_rows_kept { STATE_ROWS_NONE, STATE_ROWS_FAILED, STATE_ROWS_RECORDS };

/* The file of a shard's kept rows (rowlog_save): STATE_PATH.rows. */
#define STATE_ROWS_SUFFIX ".rows"

/* The kept rows as the state describes them. */
struct state_rows {
	uint64_t len;                 /* bytes of STATE.rows */
	uint32_t crc;                 /* their CRC-32 */
};

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
	enum state_rows_kept rows_kept;
	bool unmasked;                /* kept rows show pii values as read */
	/* with kept rows: the header line the split files start with, the
	 * line end of a last record without one, and the rows file's */
	const char *header_line;
	size_t header_len;
	const char *eol;
	struct state_rows rows;
	const char **sheets;          /* with kept rows: per input, its workbook
					 sheet or NULL */
};

struct state_file {
	const char *path;
	unsigned char *owned;         /* the whole file, when read by state_open */
	struct state_in plan_part;    /* the payload after the meta */
	struct state_meta meta;
	size_t *units, nunits;        /* after state_load: the state's unit
					 numbers as the loading plan's */
	struct arena arena;
};

/* Appends p (scanned, merged across threads, plan_merge_done called, no
 * dataset checks run yet) to out as the state file of shard index of count,
 * frame included: what state_save writes, or a suite state holds per
 * dataset. With p->log, rows describes the rows saved beside it
 * (state_save_rows); NULL otherwise. */
int state_encode(struct plan *p, unsigned index, unsigned count, const struct state_rows *rows,
		 struct strbuf *out, dqa_error *err);
/* Saves the rows of p->log (every spool adopted) to state_path's rows file
 * atomically, their length and CRC-32 into *rows. */
int state_save_rows(const struct plan *p, const char *state_path, struct state_rows *rows,
		    dqa_error *err);
/* Adds the rows file of the loaded state f to log (rowlog_add_saved),
 * after checking it is the one f describes (DQA_EINPUT otherwise). */
int state_add_rows(const struct state_file *f, struct rowlog *log, dqa_error *err);

/* Reads path whole and checks it: a file that is not a state, is cut
 * short or fails its checksum is DQA_EINPUT; a state of another kind,
 * format version or dqa version is DQA_EARG. Fills f->meta. */
int state_open(struct state_file *f, const char *path, dqa_error *err);
/* The same for a state held in memory (data must outlive f); path names it
 * in messages. */
int state_open_buffer(struct state_file *f, const char *path, const unsigned char *data,
		      size_t len, dqa_error *err);
/* Loads the counts, samples and check states of f into w (a plan forked
 * from the merge's plan). DQA_EINPUT when the contents do not fit. */
int state_load(struct state_file *f, struct plan *w, dqa_error *err);
void state_close(struct state_file *f);

/* A shard as the merge checks it: its index and count, its file, its
 * place in the caller's list, and what differs from the first shard's run
 * (NULL: the same run). */
struct shard_ref {
	unsigned index, count;
	const char *path;
	size_t at;
	const char *differs;
};

/* The shard_ref of item, compared with first (at is filled by the caller). */
typedef struct shard_ref (*shard_ref_fn)(const void *first, const void *item);

/* Checks the n items (of `size` bytes; ref_of describes each) are shards of
 * one run (DQA_EARG naming the first that differs, with hint) and every
 * shard 1..count is among them once (DQA_EARG naming a repeated or missing
 * shard), then sorts them by shard index. */
int state_check_shards(void *items, size_t n, size_t size, shard_ref_fn ref_of,
		       const char *hint, dqa_error *err);

/* Checks the n opened states are every shard of one audit (same rule set,
 * inputs, options), each once, and sorts them by shard index: DQA_EARG
 * naming the file that differs. */
int state_check_set(struct state_file *files, size_t n, dqa_error *err);

/* Merges the states of every shard of one audit (files, n of them, passed
 * by state_check_set) into *out, finished and scored, after checking that
 * rules (loaded by the caller from the path they name) has the bytes and
 * the checks they were audited with. */
int state_merge(dqa_result **out, const dqa_rules *rules, struct state_file *files, size_t n,
		const dqa_merge_options *opts, dqa_error *err);

#endif
