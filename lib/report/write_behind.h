/* A stream written by a thread of its own: the caller fills a buffer and
 * hands it over, then fills the next while the thread writes the last (the
 * failed-rows file: its lines are made while the kernel copies the ones
 * before). */
#ifndef DQA_WRITE_BEHIND_H
#define DQA_WRITE_BEHIND_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "../util/strbuf.h"

struct write_behind {
	FILE *f;
	bool durable;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct strbuf slot;           /* handed over: being written */
	bool full, ending, started;
	off_t sent;                   /* bytes flushed to f's descriptor */
	int error;                    /* errno of the first write that failed */
};

/* Starts the thread writing to f (which it alone touches until
 * write_behind_end). durable: f is a regular file to be committed; the
 * thread sends what it wrote to the disk as it goes, and flushes and
 * fsyncs f after the last byte, so that only closing and renaming it
 * remain. 0, or an errno value. */
int write_behind_start(struct write_behind *w, FILE *f, bool durable);
/* Hands sb's bytes over, once the thread has written the last ones, and
 * leaves sb empty (with the buffer the thread is done with). 0, or the
 * errno of a write that failed before. */
int write_behind_put(struct write_behind *w, struct strbuf *sb);
/* Tells the thread that nothing more comes: it writes what it holds (and
 * fsyncs when durable) while the caller goes on. */
void write_behind_finish(struct write_behind *w);
/* Waits for every byte handed over to be written (and fsynced when
 * durable) and stops the thread (nothing when it was not started). 0, or
 * the errno of a failed write. */
int write_behind_end(struct write_behind *w);

#endif
