/* A file as a write_behind sink: its bytes written to f. durable: f is a
 * regular file to be committed; what is written is sent to the disk as it
 * comes, a thread of its own (the flusher) flushes it there (fdatasync)
 * while the rest is written, and f is flushed and fsynced at the end, so
 * that only closing and renaming it remain. */
#ifndef DQA_FILE_SINK_H
#define DQA_FILE_SINK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "write_behind.h"

struct file_sink {
	FILE *f;
	bool durable;
	off_t sent;                   /* bytes flushed to f's descriptor */
	/* the flusher's, under lock: it runs while written moves past flushed */
	pthread_mutex_t lock;
	pthread_cond_t moved;
	pthread_t flusher;
	bool flushing, stopping;
	off_t written, flushed;
	int error;                    /* the first errno the flusher met */
};

struct write_behind_sink file_sink(struct file_sink *fs, FILE *f, bool durable);
/* Stops the flusher (nothing when none runs): before f is closed, whether
 * the sink ended or a write failed. */
void file_sink_stop(struct file_sink *fs);

#endif
