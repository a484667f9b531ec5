/* The parallel audit scan: the calling thread reads (and inflates) each
 * input and cuts it into blocks at exact record boundaries; workers parse
 * blocks and run the plan, each into its own plan; the plans are merged in
 * worker order afterwards. Results never depend on the thread count. */
#ifndef DQA_SCAN_H
#define DQA_SCAN_H

#include "plan.h"

/* Default bytes per block handed to a worker. */
enum { SCAN_BLOCK_SIZE = 1 << 20 };

/* Scans p->inputs into p (not yet bound: the first input's header binds
 * it). threads 0 means one per online core. block_size 0 means the default. */
int scan_run(struct plan *p, unsigned threads, size_t block_size, dqa_error *err);

#endif
