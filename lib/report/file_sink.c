/* The file sink of file_sink.h and its flusher.
 *
 * Why a flusher: on the virtual disks measured, an fsync's time grows with
 * the bytes written since the last one (the host's cache is flushed too),
 * whether or not their writeback was started: 28 MiB written at the pace
 * of the failed-row lines, each MiB's writeback started at once
 * (sync_file_range), still took 17 to 18 ms to fsync. With a thread
 * calling fdatasync while they were written, the writes took as long and
 * the fsync after them 0.1 ms. The flusher runs only while new bytes are
 * there, one fdatasync at a time, each covering all bytes written before
 * it. */
#include "file_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../util/parallel.h"

static int errno_or_eio(void)
{
	return errno ? errno : EIO;
}

static void *flush_written(void *arg)
{
	struct file_sink *fs = arg;
	int fd = fileno(fs->f);
	pthread_mutex_lock(&fs->lock);
	for (;;) {
		while (fs->written == fs->flushed && !fs->stopping)
			pthread_cond_wait(&fs->moved, &fs->lock);
		if (fs->stopping)
			break;
		off_t target = fs->written;
		pthread_mutex_unlock(&fs->lock);
		int saved = fdatasync(fd) == 0 ? 0 : errno_or_eio();
		pthread_mutex_lock(&fs->lock);
		if (saved && !fs->error)
			fs->error = saved;
		fs->flushed = target;
	}
	pthread_mutex_unlock(&fs->lock);
	return NULL;
}

/* Starts the flusher at the first write; without one (no thread to be
 * had), the fsync at the end does it all. */
static void flusher_start(struct file_sink *fs)
{
	if (pthread_mutex_init(&fs->lock, NULL) != 0)
		return;
	if (pthread_cond_init(&fs->moved, NULL) != 0) {
		pthread_mutex_destroy(&fs->lock);
		return;
	}
	if (parallel_spawn(&fs->flusher, flush_written, fs) != 0) {
		pthread_cond_destroy(&fs->moved);
		pthread_mutex_destroy(&fs->lock);
		return;
	}
	fs->flushing = true;
}

/* Writes buf; when durable, flushes it to the descriptor, starts the
 * disk's writeback of it and tells the flusher. */
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
	if (fs->sent == 0)
		flusher_start(fs);
	fs->sent += (off_t)len;
	if (fs->flushing) {
		pthread_mutex_lock(&fs->lock);
		fs->written = fs->sent;
		pthread_cond_signal(&fs->moved);
		pthread_mutex_unlock(&fs->lock);
	}
	return 0;
}

void file_sink_stop(struct file_sink *fs)
{
	if (!fs->flushing)
		return;
	pthread_mutex_lock(&fs->lock);
	fs->stopping = true;
	pthread_cond_signal(&fs->moved);
	pthread_mutex_unlock(&fs->lock);
	pthread_join(fs->flusher, NULL);
	pthread_cond_destroy(&fs->moved);
	pthread_mutex_destroy(&fs->lock);
	fs->flushing = false;
}

static int file_end(void *ctx)
{
	struct file_sink *fs = ctx;
	if (!fs->durable)
		return 0;
	file_sink_stop(fs);
	/* an fdatasync's error may be reported to that call only */
	if (fs->error)
		return fs->error;
	return fflush(fs->f) == 0 && fsync(fileno(fs->f)) == 0 ? 0 : errno_or_eio();
}

struct write_behind_sink file_sink(struct file_sink *fs, FILE *f, bool durable)
{
	*fs = (struct file_sink){.f = f, .durable = durable};
	return (struct write_behind_sink){file_write, file_end, fs};
}
