/* The parallel audit scan: the calling thread reads (and inflates) each
 * input and cuts it into blocks at exact record boundaries; workers parse
 * blocks and hand the records to a sink, each its own (the audit's plan, or
 * a profile); the sinks are merged in worker order afterwards. Results
 * never depend on the thread count. */
#ifndef DQA_SCAN_H
#define DQA_SCAN_H

#include "plan.h"

/* Default bytes per block handed to a worker: small enough that the block
 * stays in a core's L2 cache (1 MiB here) between the UTF-8 validation
 * pass and the parse. With 1 MiB blocks two threads took 5-12% more time
 * than before that pass existed; with 256 KiB they do not
 * (bench/README.md). */
enum { SCAN_BLOCK_SIZE = 1 << 18 };

/* What a scan reads of one input: its header, then the records that start
 * at file offsets in [start, end) (a shard's byte range, always at record
 * boundaries; end SCAN_TO_END: to the end). line is the physical line at
 * start. Offsets count raw file bytes, so a range needs a plain file.
 * A PostgreSQL input is split on the server instead: shard of nshards
 * (nshards 0: all its rows; pg.h). */
struct scan_part {
	uint32_t input;
	uint64_t start, end, line;
	unsigned shard, nshards;
};

#define SCAN_TO_END UINT64_MAX

/* Where a scan's records go: the first sink binds the header, each further
 * worker gets a fork of it, and the forks are merged into the first in
 * worker order after the scan. */
struct scan_sink_ops {
	/* The first input's header; first_row_line is where its records start. */
	int (*bind)(void *first, const struct record *header, const char *input,
		    uint64_t first_row_line, dqa_error *err);
	/* A later input's header, which must equal the bound one. */
	int (*same_header)(const void *first, const struct record *header, const char *input,
			   dqa_error *err);
	/* A worker's sink after binding; NULL with err filled on failure. */
	void *(*fork)(void *first, dqa_error *err);
	int (*row)(void *sink, const struct record *rec, uint32_t input, dqa_error *err);
	int (*merge)(void *into, void *from, dqa_error *err);
	void (*release)(void *fork);
	/* After binding: whether rows read record.utf8_valid (NULL: no). */
	bool (*utf8_blocks)(const void *first);
	/* The workbook sheet an input's rows come from, given with its header
	 * before any of its rows (NULL: not wanted). */
	int (*sheet)(void *first, uint32_t input, const char *sheet, dqa_error *err);
};

/* What a scan reads: the inputs ("-" is stdin) in the dialect, with a
 * progress callback (or NULL). */
struct scan_config {
	const struct dialect *dialect;
	const char *const *inputs;
	size_t ninputs;
	dqa_progress_fn progress;
	void *progress_ctx;
	dqa_holdout holdout;        /* rows outside the asked part are skipped */
	uint64_t max_records;       /* records read at most, in input order (0:
				       all); read by one worker */
};

/* Scans parts of cfg->inputs (parts NULL: every input whole) into first and
 * its forks; threads 0 means one per online core, block_size 0 the
 * default. The results of a sink whose merge is exact never depend on the
 * thread count. */
int scan_records(const struct scan_config *cfg, const struct scan_sink_ops *ops, void *first,
		 const struct scan_part *parts, size_t nparts, unsigned threads, size_t block_size,
		 dqa_error *err);

/* Scans parts of p->inputs into p (not yet bound: the first part's header
 * binds it; later parts' headers must equal it). parts NULL means every
 * input whole. It runs p->opts.threads workers (resolved by plan_init) on
 * blocks of p->opts.block_size bytes (0: the default). */
int scan_run(struct plan *p, const struct scan_part *parts, size_t nparts, dqa_error *err);

#endif
