#include "zip_pipe.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "zip_entry.h"
#include "../util/parallel.h"

enum { PIPE_SLOTS = 4, PIPE_SLOT = 256 * 1024 };

struct slot {
	char buf[PIPE_SLOT];
	long len;                  /* bytes, or zip_entry_read's error */
};

struct zip_pipe {
	struct zip_entry *e;
	pthread_t thread;
	bool threaded;
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;
	size_t head, tail;         /* slots filled by the thread, given back by the reader */
	bool abandon;
	/* the reader's */
	size_t at;                 /* in slot tail, while taken */
	bool taken, ended;
	struct slot slots[PIPE_SLOTS];
};

static void *inflate_ahead(void *arg)
{
	struct zip_pipe *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->head - p->tail == PIPE_SLOTS && !p->abandon)
			pthread_cond_wait(&p->emptied, &p->lock);
		bool abandon = p->abandon;
		pthread_mutex_unlock(&p->lock);
		if (abandon)
			return NULL;
		struct slot *s = &p->slots[p->head % PIPE_SLOTS];
		s->len = zip_entry_read(p->e, s->buf, PIPE_SLOT);
		pthread_mutex_lock(&p->lock);
		p->head++;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->lock);
		if (s->len < PIPE_SLOT)   /* the end, or an error */
			return NULL;
	}
}

struct zip_pipe *zip_pipe_start(struct zip_entry *e)
{
	struct zip_pipe *p = malloc(sizeof *p);
	if (!p)
		return NULL;
	p->e = e;
	p->head = p->tail = p->at = 0;
	p->abandon = p->taken = p->ended = p->threaded = false;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	if (e->want_size <= PIPE_SLOT)   /* a small part: not worth a thread */
		return p;
	p->threaded = parallel_spawn(&p->thread, inflate_ahead, p) == 0;
	return p;
}

/* The slot to read from, waiting for the thread to fill it. */
static struct slot *take(struct zip_pipe *p)
{
	if (!p->taken) {
		pthread_mutex_lock(&p->lock);
		while (p->head == p->tail)
			pthread_cond_wait(&p->filled, &p->lock);
		pthread_mutex_unlock(&p->lock);
		p->taken = true;
		p->at = 0;
	}
	return &p->slots[p->tail % PIPE_SLOTS];
}

/* The thread, waiting on a full ring, is woken once half of it is free:
 * one wake for every two buffers rather than every one. */
static void give_back(struct zip_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->tail++;
	if (p->head - p->tail == PIPE_SLOTS / 2)
		pthread_cond_signal(&p->emptied);
	pthread_mutex_unlock(&p->lock);
	p->taken = false;
}

long zip_pipe_read(struct zip_pipe *p, char *out, size_t cap)
{
	if (!p->threaded)
		return zip_entry_read(p->e, out, cap);
	size_t done = 0;
	while (done < cap && !p->ended) {
		struct slot *s = take(p);
		if (s->len < 0)
			return s->len;
		size_t n = (size_t)s->len - p->at < cap - done ? (size_t)s->len - p->at : cap - done;
		memcpy(out + done, s->buf + p->at, n);
		done += n;
		p->at += n;
		if (p->at == (size_t)s->len) {
			p->ended = s->len < PIPE_SLOT;
			give_back(p);
		}
	}
	return (long)done;
}

void zip_pipe_stop(struct zip_pipe *p)
{
	if (p->threaded) {
		pthread_mutex_lock(&p->lock);
		p->abandon = true;
		pthread_cond_signal(&p->emptied);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
	free(p);
}
