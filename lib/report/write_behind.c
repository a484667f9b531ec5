/* The thread of write_behind.h: one buffer in flight, handed back and
 * forth under a lock. */
#include "write_behind.h"

#include <errno.h>

#include "../util/parallel.h"

static void *consume_slots(void *arg)
{
	struct write_behind *w = arg;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->full && !w->ending)
			pthread_cond_wait(&w->changed, &w->lock);
		if (!w->full)
			break;
		pthread_mutex_unlock(&w->lock);
		/* the slot is the thread's alone while full */
		int saved = w->error ? 0 : w->sink.write(w->sink.ctx, w->slot.buf, w->slot.len);
		pthread_mutex_lock(&w->lock);
		if (saved && !w->error)
			w->error = saved;
		w->full = false;
		pthread_cond_broadcast(&w->changed);
	}
	bool failed = w->error != 0;
	pthread_mutex_unlock(&w->lock);
	int saved = failed || !w->sink.end ? 0 : w->sink.end(w->sink.ctx);
	pthread_mutex_lock(&w->lock);
	if (saved && !w->error)
		w->error = saved;
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int write_behind_start(struct write_behind *w, struct write_behind_sink sink)
{
	*w = (struct write_behind){.sink = sink, .slot = STRBUF_INIT};
	if (pthread_mutex_init(&w->lock, NULL) != 0)
		return EAGAIN;
	if (pthread_cond_init(&w->changed, NULL) != 0) {
		pthread_mutex_destroy(&w->lock);
		return EAGAIN;
	}
	int rc = parallel_spawn(&w->thread, consume_slots, w);
	if (rc != 0) {
		pthread_cond_destroy(&w->changed);
		pthread_mutex_destroy(&w->lock);
		return rc;
	}
	w->started = true;
	return 0;
}

int write_behind_put(struct write_behind *w, struct strbuf *sb)
{
	pthread_mutex_lock(&w->lock);
	while (w->full)
		pthread_cond_wait(&w->changed, &w->lock);
	int error = w->error;
	if (!error) {
		struct strbuf done = w->slot;
		w->slot = *sb;
		*sb = done;
		w->full = true;
		pthread_cond_broadcast(&w->changed);
	}
	pthread_mutex_unlock(&w->lock);
	strbuf_reset(sb);
	return error;
}

void write_behind_finish(struct write_behind *w)
{
	if (!w->started)
		return;
	pthread_mutex_lock(&w->lock);
	w->ending = true;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
}

int write_behind_end(struct write_behind *w)
{
	if (!w->started)
		return 0;
	write_behind_finish(w);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->changed);
	pthread_mutex_destroy(&w->lock);
	strbuf_release(&w->slot);
	w->started = false;
	return w->error;
}
