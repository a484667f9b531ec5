#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct loop {
	atomic_size_t next;
	size_t n;
	void (*run)(void *ctx, size_t i);
	void *ctx;
};

unsigned parallel_threads(unsigned requested)
{
	if (requested == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		requested = cores > 0 ? (unsigned)cores : 1;
	}
	return requested < PARALLEL_MAX_THREADS ? requested : PARALLEL_MAX_THREADS;
}

void parallel_block_signals(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, old);
}

static void *take_items(void *arg)
{
	struct loop *l = arg;
	for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < l->n;)
		l->run(l->ctx, i);
	return NULL;
}

void parallel_for(unsigned threads, size_t n, void (*run)(void *ctx, size_t i), void *ctx)
{
	struct loop l = {.n = n, .run = run, .ctx = ctx};
	atomic_init(&l.next, 0);
	threads = parallel_threads(threads);
	if (threads > n)
		threads = n ? (unsigned)n : 1;
	pthread_t helpers[PARALLEL_MAX_THREADS];
	unsigned started = 0;
	sigset_t old;
	parallel_block_signals(&old);
	while (started + 1 < threads &&
	       pthread_create(&helpers[started], NULL, take_items, &l) == 0)
		started++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	take_items(&l);
	for (unsigned i = 0; i < started; i++)
		pthread_join(helpers[i], NULL);
}
