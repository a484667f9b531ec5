/* Running independent pieces of work on several threads: the scan's
 * worker count, and a parallel for-loop for work after the scan (a check
 * resolving its key partitions). */
#ifndef DQA_PARALLEL_H
#define DQA_PARALLEL_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

#include "../dqa.h"

enum { PARALLEL_MAX_THREADS = DQA_THREADS_MAX };

/* The number of threads for a requested count: 0 means one per online
 * core; never more than PARALLEL_MAX_THREADS. plan_init calls it once per
 * audit; everything after uses the plan's resolved count. */
unsigned parallel_threads(unsigned requested);

/* Calls run(ctx, i, worker) once for every i in [0, n), on up to `threads`
 * threads (a resolved count, 1 to PARALLEL_MAX_THREADS), the calling
 * thread among them. worker, below threads, tells which thread runs the
 * item: one thread's items run one after the other, so run may keep
 * scratch memory per worker. Items are taken in increasing order but
 * finish in any order, so run must only write what belongs to item i or
 * to its worker. Helper threads block every signal. When a helper cannot
 * be started, the others (at least the caller) do its share: the loop
 * always completes. */
void parallel_for(unsigned threads, size_t n, void (*run)(void *ctx, size_t i, unsigned worker),
		  void *ctx);

/* Blocks every signal in the calling thread, saving the old mask in old:
 * threads started meanwhile inherit it, so a SIGINT reaches only the
 * thread that reads the input. */
void parallel_block_signals(sigset_t *old);
/* Starts one thread running fn(arg) with every signal blocked (as above),
 * the caller's mask kept: 0, or pthread_create's error. */
int parallel_spawn(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif
