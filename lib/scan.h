/* The parallel audit scan: the calling thread reads (and inflates) each
 * input and cuts it into blocks at exact record boundaries; workers parse
 * blocks and run the plan, each into its own plan; the plans are merged in
 * worker order afterwards. Results never depend on the thread count. */
#ifndef DQA_SCAN_H
#define DQA_SCAN_H

#include "plan.h"

/* Default bytes per block handed to a worker. */
enum { SCAN_BLOCK_SIZE = 1 << 20 };

/* What a scan reads of one input: its header, then the records that start
 * at file offsets in [start, end) (a shard's byte range, always at record
 * boundaries; end SCAN_TO_END: to the end). line is the physical line at
 * start. Offsets count raw file bytes, so a range needs a plain file. */
struct scan_part {
	uint32_t input;
	uint64_t start, end, line;
};

#define SCAN_TO_END UINT64_MAX

/* Scans parts of p->inputs into p (not yet bound: the first part's header
 * binds it; later parts' headers must equal it). parts NULL means every
 * input whole. It runs p->opts.threads workers (resolved by plan_init) on
 * blocks of p->opts.block_size bytes (0: the default). */
int scan_run(struct plan *p, const struct scan_part *parts, size_t nparts, dqa_error *err);

#endif
