#include "parallel.h"
#include "error.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct loop {
	atomic_size_t next;
	size_t n;
	void (*run)(void *ctx, size_t i, unsigned worker);
	void *ctx;
};

struct helper {
	struct loop *loop;
	unsigned worker;
	pthread_t thread;
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

int parallel_spawn(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t old;
	parallel_block_signals(&old);
	int rc = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static void *take_items(void *arg)
{
	struct helper *h = arg;
	struct loop *l = h->loop;
	for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < l->n;)
		l->run(l->ctx, i, h->worker);
	return NULL;
}

void parallel_for(unsigned threads, size_t n, void (*run)(void *ctx, size_t i, unsigned worker),
		  void *ctx)
{
	struct loop l = {.n = n, .run = run, .ctx = ctx};
	atomic_init(&l.next, 0);
	ASSERT(threads >= 1 && threads <= PARALLEL_MAX_THREADS);
	if (threads > n)
		threads = n ? (unsigned)n : 1;
	/* helpers[0] is the calling thread */
	struct helper helpers[PARALLEL_MAX_THREADS];
	unsigned started = 1;
	sigset_t old;
	parallel_block_signals(&old);
	for (; started < threads; started++) {
		helpers[started] = (struct helper){&l, started, 0};
		if (pthread_create(&helpers[started].thread, NULL, take_items, &helpers[started]))
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	helpers[0] = (struct helper){&l, 0, 0};
	take_items(&helpers[0]);
	for (unsigned i = 1; i < started; i++)
		pthread_join(helpers[i].thread, NULL);
}
