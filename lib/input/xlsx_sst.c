#include "xlsx_sst.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "xlsx_part.h"
#include "zip_entry.h"

/* Strings a batch holds: the table is published one batch at a time. */
enum { SST_BATCH = 4096 };

struct batch {
	char *text;                    /* the strings, each followed by NUL */
	size_t at[SST_BATCH + 1];      /* where each starts, then the end */
};

struct xlsx_sst {
	pthread_t thread;
	bool started;
	struct zip_archive archive;
	const char *name;
	const struct limits *limits;
	dqa_error err;
	int rc;
	/* shared with the sheet, under lock */
	pthread_mutex_t lock;
	pthread_cond_t grown;
	struct batch **batches;
	size_t nbatches, cap;
	struct batch ***retired;       /* batch lists outgrown: a reader may hold one */
	size_t nretired;
	size_t published;              /* strings in published batches */
	bool done, abandon;
	/* the reading thread's */
	struct strbuf text;            /* the batch being read */
	size_t at[SST_BATCH + 1], n;
	size_t count;                  /* <si> read by this parse of the part */
	size_t bytes;                  /* text in published batches */
	bool in_si, in_rph, collect, skip;
	/* the sheet's view: a copy of batches and published, taken under lock */
	struct batch **seen;
	size_t nseen;
};

/* Hands the batch read so far to the sheet: 0, 1 when the sheet no longer
 * needs the table, -1 when out of memory. */
static int publish(struct xlsx_sst *t)
{
	struct batch *b = malloc(sizeof *b);
	if (!b || t->text.failed) {
		free(b);
		return -1;
	}
	memcpy(b->at, t->at, (t->n + 1) * sizeof *t->at);
	b->text = t->text.buf ? strbuf_detach(&t->text) : calloc(1, 1);
	if (!b->text) {
		free(b);
		return -1;
	}
	pthread_mutex_lock(&t->lock);
	int rc = 0;
	if (t->nbatches == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct batch **grown = malloc(cap * sizeof *grown);
		struct batch ***retired = realloc(t->retired, (t->nretired + 1) * sizeof *retired);
		if (retired)
			t->retired = retired;
		if (grown && retired) {
			if (t->nbatches) {
				memcpy(grown, t->batches, t->nbatches * sizeof *grown);
				t->retired[t->nretired++] = t->batches;
			}
			t->batches = grown, t->cap = cap;
		} else {
			free(grown);
			rc = -1;
		}
	}
	if (rc == 0 && t->abandon) {
		rc = 1;
	} else if (rc == 0) {
		t->batches[t->nbatches++] = b;
		t->published += t->n;
		t->bytes += t->at[t->n];
		pthread_cond_broadcast(&t->grown);
	}
	if (rc != 0) {
		free(b->text);
		free(b);
	}
	pthread_mutex_unlock(&t->lock);
	t->text = (struct strbuf)STRBUF_INIT;
	t->n = 0;
	t->at[0] = 0;
	return rc;
}

/* --- sharedStrings.xml: the text of each <si>, rich runs joined, phonetic
 * runs (<rPh>) left out ------------------------------------------------------ */

static int si_start(struct xlsx_sst *t, struct xlsx_part *p)
{
	if (t->count >= t->limits->max_shared_strings)
		return xlsx_part_fail(p, "more than %zu shared strings (limits: max_shared_strings)",
				      t->limits->max_shared_strings);
	t->skip = t->count < t->published;   /* published by a parse before */
	t->in_si = true;
	return 0;
}

static int si_end(struct xlsx_sst *t, struct xlsx_part *p)
{
	t->count++;
	t->in_si = false;
	if (t->skip)
		return 0;
	strbuf_putc(&t->text, '\0');
	t->at[++t->n] = t->text.len;
	if (t->text.failed)
		return xlsx_part_fail(p, "out of memory");
	if (t->bytes + t->text.len > t->limits->max_shared_bytes)
		return xlsx_part_fail(p, "shared strings of more than %zu bytes "
				      "(limits: max_shared_bytes)", t->limits->max_shared_bytes);
	int rc = t->n == SST_BATCH ? publish(t) : 0;
	if (rc > 0)
		return xlsx_part_stop(p, 1);
	if (rc < 0)
		return xlsx_part_fail(p, "out of memory");
	return 0;
}

static int sst_start(void *ctx, struct xlsx_part *p, const char *name, const char **attrs)
{
	(void)attrs;
	struct xlsx_sst *t = ctx;
	if (strcmp(name, "si") == 0)
		return si_start(t, p);
	if (strcmp(name, "rPh") == 0)
		t->in_rph = true;
	else if (strcmp(name, "t") == 0)
		t->collect = t->in_si && !t->in_rph && !t->skip;
	return 0;
}

static int sst_end(void *ctx, struct xlsx_part *p, const char *name)
{
	struct xlsx_sst *t = ctx;
	if (strcmp(name, "t") == 0)
		t->collect = false;
	else if (strcmp(name, "rPh") == 0)
		t->in_rph = false;
	else if (strcmp(name, "si") == 0)
		return si_end(t, p);
	return 0;
}

/* A whole <si><t>TEXT</t></si> from the scanner's direct path, unless an
 * element around it would change what its start and end do. */
static int sst_string(void *ctx, struct xlsx_part *p, const char *text, size_t len)
{
	struct xlsx_sst *t = ctx;
	if (t->in_si || t->in_rph || t->collect)
		return 1;
	FORWARD_IF_ERROR(si_start(t, p));
	if (!t->skip)
		strbuf_add(&t->text, text, len);
	return si_end(t, p);
}

static void sst_restart(void *ctx)
{
	struct xlsx_sst *t = ctx;
	strbuf_release(&t->text);
	t->n = 0;
	t->at[0] = 0;
	t->count = 0;
	t->in_si = t->in_rph = t->collect = t->skip = false;
}

static void *load(void *arg)
{
	struct xlsx_sst *t = arg;
	const struct xlsx_handlers h = {sst_start, sst_end, &t->text, &t->collect, sst_restart,
					NULL, sst_string};
	int rc = xlsx_part_parse(&t->archive, "xl/sharedStrings.xml", true, t->name, t->limits, &h, t,
				 &t->err);
	if (rc == 1)      /* no shared strings, or abandoned */
		rc = 0;
	if (rc == 0 && t->n && publish(t) < 0)
		rc = error_nomem(&t->err);
	pthread_mutex_lock(&t->lock);
	t->rc = rc;
	t->done = true;
	pthread_cond_broadcast(&t->grown);
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

int xlsx_sst_start(struct xlsx_sst **out, const char *file, const char *name,
		   const struct limits *limits, dqa_error *err)
{
	struct xlsx_sst *t = calloc(1, sizeof *t);
	RETURN_IF_NOMEM(t, err);
	t->archive.fd = -1;
	t->name = name;
	t->limits = limits;
	t->text = (struct strbuf)STRBUF_INIT;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->grown, NULL);
	if (zip_archive_open(&t->archive, file) < 0) {
		xlsx_sst_finish(t, true, err);
		return error_at(err, DQA_EINPUT, name, DQA_NOPOS,
				"the workbook is damaged or truncated; fetch it again",
				"cannot read the workbook: not a readable ZIP archive");
	}
	if (pthread_create(&t->thread, NULL, load, t) != 0) {
		xlsx_sst_finish(t, true, err);
		return error_nomem(err);
	}
	t->started = true;
	*out = t;
	return 0;
}

int xlsx_sst_get(struct xlsx_sst *t, size_t i, const char **s, size_t *len, size_t *count)
{
	if (i >= t->nseen) {
		pthread_mutex_lock(&t->lock);
		while (i >= t->published && !t->done)
			pthread_cond_wait(&t->grown, &t->lock);
		t->seen = t->batches;
		t->nseen = t->published;
		bool failed = t->done && t->rc != 0;
		pthread_mutex_unlock(&t->lock);
		if (i >= t->nseen) {
			*count = t->nseen;
			return failed ? -1 : 1;
		}
	}
	const struct batch *b = t->seen[i / SST_BATCH];
	size_t k = i % SST_BATCH;
	*s = b->text + b->at[k];
	*len = b->at[k + 1] - b->at[k] - 1;
	return 0;
}

int xlsx_sst_finish(struct xlsx_sst *t, bool abandon, dqa_error *err)
{
	pthread_mutex_lock(&t->lock);
	t->abandon = abandon;
	pthread_mutex_unlock(&t->lock);
	if (t->started)
		pthread_join(t->thread, NULL);
	int rc = t->rc;
	if (rc < 0)
		*err = t->err;
	zip_archive_close(&t->archive);
	for (size_t i = 0; i < t->nbatches; i++) {
		free(t->batches[i]->text);
		free(t->batches[i]);
	}
	free(t->batches);
	for (size_t i = 0; i < t->nretired; i++)
		free(t->retired[i]);
	free(t->retired);
	strbuf_release(&t->text);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->grown);
	free(t);
	return rc < 0 ? rc : 0;
}
