/* The thread of write_behind.h: one buffer in flight, handed back and
 * forth under a lock; and the file sink. */
#include "write_behind.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

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
	sigset_t old;
	parallel_block_signals(&old);
	int rc = pthread_create(&w->thread, NULL, consume_slots, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
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

/* --- the file sink -------------------------------------------------------- */

static int errno_or_eio(void)
{
	return errno ? errno : EIO;
}

/* Writes buf; when durable, flushes it to the descriptor and starts the
 * disk's writeback of it, so that the fsync at the end finds little left
 * to write (the lines after it are made meanwhile). */
static int file_write(void *ctx, const char *buf, size_t len)
{
	struct file_sink *fs = ctx;
	if (fwrite(buf, 1, len, fs->f) != len)
		return errno_or_eio();
	if (!fs->durable)
		return 0;
	if (fflush(fs->f) != 0)
		return errno_or_eio();
	/* a hint: a failure shows again in the fsync */
	(void)sync_file_range(fileno(fs->f), fs->sent, (off_t)len, SYNC_FILE_RANGE_WRITE);
	fs->sent += (off_t)len;
	return 0;
}

static int file_end(void *ctx)
{
	struct file_sink *fs = ctx;
	if (!fs->durable)
		return 0;
	return fflush(fs->f) == 0 && fsync(fileno(fs->f)) == 0 ? 0 : errno_or_eio();
}

struct write_behind_sink file_sink(struct file_sink *fs, FILE *f, bool durable)
{
	*fs = (struct file_sink){.f = f, .durable = durable};
	return (struct write_behind_sink){file_write, file_end, fs};
}
