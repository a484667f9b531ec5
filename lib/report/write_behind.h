/* A stream handed to a thread of its own: the caller fills a buffer and
 * hands it over, then fills the next while the thread consumes the last
 * (the failed-rows file: its rows are turned into lines, and the lines
 * written, while the rows after them are read). */
#ifndef DQA_WRITE_BEHIND_H
#define DQA_WRITE_BEHIND_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "../util/strbuf.h"

/* What the thread does with each buffer, in order, and once after the
 * last (end NULL: nothing): 0, or an errno value, which stops it. */
struct write_behind_sink {
	int (*write)(void *ctx, const char *buf, size_t len);
	int (*end)(void *ctx);
	void *ctx;
};

struct write_behind {
	struct write_behind_sink sink;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct strbuf slot;           /* handed over: being consumed */
	bool full, ending, started;
	int error;                    /* the first errno the sink returned */
};

/* Starts the thread (the sink's alone until write_behind_end). 0, or an
 * errno value. */
int write_behind_start(struct write_behind *w, struct write_behind_sink sink);
/* Hands sb's bytes over, once the thread is done with the last ones, and
 * leaves sb empty (with the buffer the thread is done with). 0, or the
 * errno the sink returned before. */
int write_behind_put(struct write_behind *w, struct strbuf *sb);
/* Tells the thread that nothing more comes: it consumes what it holds and
 * ends the sink while the caller goes on. */
void write_behind_finish(struct write_behind *w);
/* Waits for the thread to consume everything handed over and end the
 * sink, and stops it (nothing when it was not started). 0, or the errno
 * the sink returned. */
int write_behind_end(struct write_behind *w);

#endif
