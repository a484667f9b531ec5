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
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct strbuf slot;           /* handed over: being written */
	bool full, ending, started;
	int error;                    /* errno of the first write that failed */
};

/* Starts the thread writing to f (which it alone touches until
 * write_behind_end). 0, or an errno value. */
int write_behind_start(struct write_behind *w, FILE *f);
/* Hands sb's bytes over, once the thread has written the last ones, and
 * leaves sb empty (with the buffer the thread is done with). 0, or the
 * errno of a write that failed before. */
int write_behind_put(struct write_behind *w, struct strbuf *sb);
/* Waits for every byte handed over to be written and stops the thread
 * (nothing when it was not started). 0, or the errno of a failed write. */
int write_behind_end(struct write_behind *w);

#endif
