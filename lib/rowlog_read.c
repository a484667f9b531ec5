/* The row log's reading side (rowlog.h): the spools merged back into
 * file order with the late rows, for the row files and for a shard's
 * saved rows. */
#include "rowlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "rowlog_spool.h"
#include "util/error.h"

struct stream {
	const struct rowlog *log;
	const struct rowlog_spool *spool;
	FILE *f;
	struct row_head head;
	const char *row;              /* the current row's bytes after its head */
	char *buf;                    /* a window on the spool: [at, end) not */
	size_t cap, at, end;          /* yet taken */
	bool has_row;
};

struct rowlog_reader {
	const struct rowlog *log;
	struct stream *streams;
	size_t nstreams;
	struct rowlog_late *late;    /* the log's late rows by (where, check) */
	size_t next_late;
	size_t most_failures;        /* a row fails each check at most once,
					in its spool or late */
	/* rowlog_next's: merged rows read ahead, and their decoder */
	struct strbuf ahead;
	size_t ahead_at;
	struct rowlog_rows *rows;
};

struct rowlog_rows {
	const struct rowlog *log;
	struct rowlog_row row;
	size_t failures_cap;
};

static int stream_error(dqa_error *err)
{
	return error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL,
			"cannot read back the failed rows: %s", strerror(errno ? errno : EIO));
}

static int corrupt(dqa_error *err)
{
	return error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL, "the failed rows' spool is corrupt");
}

/* Skips a length-prefixed value, false when it does not fit before end. */
static bool skip_value(const char **at, const char *end)
{
	uint32_t n;
	if ((size_t)(end - *at) < sizeof n)
		return false;
	memcpy(&n, *at, sizeof n);
	*at += sizeof n;
	if ((size_t)(end - *at) < n)
		return false;
	*at += n;
	return true;
}

/* A saved row (rowlog_add_saved) holds exactly its keys and failures, each
 * of a known check, before the reader believes it. */
static bool saved_row_fits(const struct stream *s)
{
	const struct rowlog *log = s->log;
	size_t raw = s->head.raw_len == UINT32_MAX ? 0 : s->head.raw_len;
	const char *at = s->row + raw, *end = at + s->head.body_len;
	if (s->head.unit >= s->spool->nunits || s->head.nfail > 2 * log->nchecks + 2 ||
	    (s->head.raw_len != UINT32_MAX) != log->raw)
		return false;
	for (size_t k = 0; k < log->nkey; k++)
		if (!skip_value(&at, end))
			return false;
	for (uint32_t i = 0; i < s->head.nfail; i++) {
		uint32_t check;
		if ((size_t)(end - at) < sizeof check)
			return false;
		memcpy(&check, at, sizeof check);
		at += sizeof check;
		if (check >= log->nchecks || !skip_value(&at, end))
			return false;
		for (size_t c = 0; c < log->checks[check].ncols; c++)
			if (!skip_value(&at, end))
				return false;
	}
	return at == end;
}

/* Makes the window hold n bytes from its start when the spool has them,
 * reading SPOOL_CHUNK bytes (or n) at a time. */
static int window_fill(struct stream *s, size_t n, dqa_error *err)
{
	size_t have = s->end - s->at;
	if (have >= n)
		return 0;
	if (have)
		memmove(s->buf, s->buf + s->at, have);
	s->at = 0;
	s->end = have;
	size_t want = n > SPOOL_CHUNK ? n : SPOOL_CHUNK;
	if (want > s->cap) {
		char *buf = realloc(s->buf, want);
		RETURN_IF_NOMEM(buf, err);
		s->buf = buf;
		s->cap = want;
	}
	s->end += fread(s->buf + s->end, 1, s->cap - s->end, s->f);
	return ferror(s->f) ? stream_error(err) : 0;
}

static int stream_advance(struct stream *s, dqa_error *err)
{
	s->has_row = false;
	FORWARD_IF_ERROR(window_fill(s, sizeof s->head, err));
	if (s->end == s->at)
		return 0;
	if (s->end - s->at < sizeof s->head)
		return stream_error(err);
	memcpy(&s->head, s->buf + s->at, sizeof s->head);
	size_t raw = s->head.raw_len == UINT32_MAX ? 0 : s->head.raw_len;
	size_t need = sizeof s->head + raw + s->head.body_len;
	FORWARD_IF_ERROR(window_fill(s, need, err));
	if (s->end - s->at < need)
		return stream_error(err);
	s->row = s->buf + s->at + sizeof s->head;
	s->at += need;
	if (s->spool->units) {
		if (!saved_row_fits(s))
			return corrupt(err);
		s->head.unit = (uint32_t)s->spool->units[s->head.unit];
	}
	s->has_row = true;
	return 0;
}

/* Opens the n spools of log as streams, each at its first row. */
static int streams_open(const struct rowlog *log, struct stream *streams, dqa_error *err)
{
	for (size_t i = 0; i < log->nspools; i++) {
		streams[i] = (struct stream){.log = log, .spool = &log->spools[i],
					     .f = log->spools[i].f};
		if (fflush(streams[i].f) != 0 || fseek(streams[i].f, 0, SEEK_SET) != 0)
			return stream_error(err);
		FORWARD_IF_ERROR(stream_advance(&streams[i], err));
	}
	return 0;
}

/* The stream whose next row comes first in file order, or NULL. */
static struct stream *first_stream(struct stream *streams, size_t n)
{
	struct stream *first = NULL;
	for (size_t i = 0; i < n; i++)
		if (streams[i].has_row && (!first || streams[i].head.where < first->head.where))
			first = &streams[i];
	return first;
}

static void streams_free(struct stream *streams, size_t n)
{
	for (size_t i = 0; streams && i < n; i++)
		free(streams[i].buf);
	free(streams);
}

int rowlog_save(const struct rowlog *log, FILE *out, uint32_t *crc, uint64_t *len,
		dqa_error *err)
{
	*crc = 0;
	*len = 0;
	struct stream *streams = calloc(log->nspools + 1, sizeof *streams);
	RETURN_IF_NOMEM(streams, err);
	int rc = streams_open(log, streams, err);
	for (struct stream *s; rc == 0 && (s = first_stream(streams, log->nspools));) {
		size_t raw = s->head.raw_len == UINT32_MAX ? 0 : s->head.raw_len;
		size_t body = raw + s->head.body_len;
		if (fwrite(&s->head, 1, sizeof s->head, out) != sizeof s->head ||
		    fwrite(s->row, 1, body, out) != body) {
			rc = error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL,
				      "cannot save the failed rows: %s", strerror(errno ? errno : EIO));
			break;
		}
		*crc = (uint32_t)crc32_z(*crc, (const unsigned char *)&s->head, sizeof s->head);
		*crc = (uint32_t)crc32_z(*crc, (const unsigned char *)s->row, body);
		*len += sizeof s->head + body;
		rc = stream_advance(s, err);
	}
	streams_free(streams, log->nspools);
	return rc;
}

static int late_before(const void *a, const void *b)
{
	const struct rowlog_late *x = a, *y = b;
	if (x->where != y->where)
		return x->where < y->where ? -1 : 1;
	return x->check < y->check ? -1 : x->check > y->check;
}

/* The most failures a row can have: each check at most once in its spool
 * and once late. */
static size_t most_failures(const struct rowlog *log)
{
	return 2 * log->nchecks + 2;
}

struct rowlog_rows *rowlog_rows_new(const struct rowlog *log)
{
	struct rowlog_rows *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->log = log;
	size_t most = most_failures(log), widest = 1;
	for (size_t i = 0; i < log->nchecks; i++)
		widest = log->checks[i].ncols > widest ? log->checks[i].ncols : widest;
	d->row.failures = calloc(most, sizeof *d->row.failures);
	d->row.keys = calloc(log->nkey + 1, sizeof *d->row.keys);
	d->row.key_lens = calloc(log->nkey + 1, sizeof *d->row.key_lens);
	d->failures_cap = d->row.failures ? most : 0;
	bool ok = d->row.failures && d->row.keys && d->row.key_lens;
	for (size_t i = 0; ok && i < most; i++) {
		d->row.failures[i].values = calloc(widest, sizeof *d->row.failures[i].values);
		d->row.failures[i].lens = calloc(widest, sizeof *d->row.failures[i].lens);
		ok = d->row.failures[i].values && d->row.failures[i].lens;
	}
	if (!ok) {
		rowlog_rows_free(d);
		return NULL;
	}
	return d;
}

void rowlog_rows_free(struct rowlog_rows *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->failures_cap; i++) {
		free(d->row.failures[i].values);
		free(d->row.failures[i].lens);
	}
	free(d->row.failures);
	free(d->row.keys);
	free(d->row.key_lens);
	free(d);
}

struct rowlog_reader *rowlog_read(const struct rowlog *log, dqa_error *err)
{
	struct rowlog_reader *r = calloc(1, sizeof *r);
	if (!r) {
		error_nomem(err);
		return NULL;
	}
	r->log = log;
	r->most_failures = most_failures(log);
	r->streams = calloc(log->nspools + 1, sizeof *r->streams);
	r->late = calloc(log->nlate + 1, sizeof *r->late);
	r->rows = rowlog_rows_new(log);
	if (!r->streams || !r->late || !r->rows) {
		rowlog_read_end(r);
		error_nomem(err);
		return NULL;
	}
	if (log->nlate)
		memcpy(r->late, log->late, log->nlate * sizeof *r->late);
	qsort(r->late, log->nlate, sizeof *r->late, late_before);
	r->nstreams = log->nspools;
	if (streams_open(log, r->streams, err) < 0) {
		rowlog_read_end(r);
		return NULL;
	}
	return r;
}

static const char *take(const char **at, size_t *len)
{
	uint32_t n;
	memcpy(&n, *at, sizeof n);
	const char *s = *at + sizeof n;
	*at = s + n;
	*len = n;
	return s;
}

/* The bytes of a late row's key values, before its failure. */
static size_t late_keys_len(const struct rowlog *log, const struct rowlog_late *late)
{
	const char *start = log->late_data.buf + late->at, *at = start;
	size_t skipped;
	for (size_t k = 0; k < log->nkey; k++)
		take(&at, &skipped);
	return (size_t)(at - start);
}

static uint64_t late_where(const struct rowlog_reader *r)
{
	return r->next_late < r->log->nlate ? r->late[r->next_late].where
					    : UINT64_MAX;
}

/* The row at where, in a spool's layout: first's (NULL: none) with the
 * failures found late for it after its own; a row only found late takes
 * its unit and keys from the last of them. */
static int put_row(struct rowlog_reader *r, struct strbuf *out, const struct stream *first,
		   uint64_t where, dqa_error *err)
{
	const struct rowlog *log = r->log;
	size_t from = r->next_late, to = from, late_bytes = 0, keys_len = 0;
	for (; to < log->nlate && r->late[to].where == where; to++) {
		keys_len = late_keys_len(log, &r->late[to]);
		late_bytes += r->late[to].len - keys_len;
	}
	const struct rowlog_late *last = to > from ? &r->late[to - 1] : NULL;
	struct row_head head = first ? first->head
				     : (struct row_head){where, last->unit, 0, UINT32_MAX,
							 (uint32_t)keys_len};
	if (head.nfail + (to - from) > r->most_failures)
		return corrupt(err);
	head.nfail += (uint32_t)(to - from);
	head.body_len += (uint32_t)late_bytes;
	strbuf_add(out, &head, sizeof head);
	if (first) {
		size_t raw = first->head.raw_len == UINT32_MAX ? 0 : first->head.raw_len;
		strbuf_add(out, first->row, raw + first->head.body_len);
	} else {
		strbuf_add(out, log->late_data.buf + last->at, keys_len);
	}
	for (size_t i = from; i < to; i++) {
		size_t skip = late_keys_len(log, &r->late[i]);
		strbuf_add(out, log->late_data.buf + r->late[i].at + skip, r->late[i].len - skip);
	}
	r->next_late = to;
	return 0;
}

/* The first row in file order among the other streams and the late rows,
 * for a run of s's rows before it. */
static uint64_t next_elsewhere(const struct rowlog_reader *r, const struct stream *s)
{
	uint64_t limit = late_where(r);
	for (size_t i = 0; i < r->nstreams; i++)
		if (&r->streams[i] != s && r->streams[i].has_row && r->streams[i].head.where < limit)
			limit = r->streams[i].head.where;
	return limit;
}

/* Copies s's current row and the rows after it that come before limit in
 * file order and are whole in its window to out, in one copy, while out
 * holds less than want bytes (a worker's spool is already in the layout
 * rowlog_read_rows writes; a saved spool's rows are checked one by one). */
static int put_run(struct stream *s, struct strbuf *out, uint64_t limit, size_t want,
		   dqa_error *err)
{
	const char *start = s->row - sizeof s->head;
	size_t len = (size_t)(s->buf + s->at - start);
	struct row_head head;
	while (s->end - s->at >= sizeof head && out->len + len < want) {
		memcpy(&head, s->buf + s->at, sizeof head);
		size_t raw = head.raw_len == UINT32_MAX ? 0 : head.raw_len;
		size_t need = sizeof head + raw + head.body_len;
		if (head.where >= limit || s->end - s->at < need)
			break;
		s->at += need;
		len += need;
	}
	strbuf_add(out, start, len);
	return stream_advance(s, err);
}

int rowlog_read_rows(struct rowlog_reader *r, struct strbuf *out, size_t want, dqa_error *err)
{
	while (out->len < want && !out->failed) {
		struct stream *first = first_stream(r->streams, r->nstreams);
		uint64_t where = first ? first->head.where : UINT64_MAX;
		if (late_where(r) < where) {
			first = NULL;
			where = late_where(r);
		}
		if (where == UINT64_MAX)
			break;
		if (first && !first->spool->units && late_where(r) != where) {
			FORWARD_IF_ERROR(put_run(first, out, next_elsewhere(r, first), want, err));
			continue;
		}
		FORWARD_IF_ERROR(put_row(r, out, first, where, err));
		if (first)
			FORWARD_IF_ERROR(stream_advance(first, err));
	}
	RETURN_NOMEM_UNLESS(!out->failed, err);
	return 0;
}

/* Decodes a failure at *at into f (its value arrays are the decoder's). */
static bool decode_failure(const struct rowlog_check *checks, size_t nchecks, const char **at,
			   struct rowlog_failure *f)
{
	uint32_t check;
	memcpy(&check, *at, sizeof check);
	*at += sizeof check;
	if (check >= nchecks)
		return false;
	f->check = check;
	f->note = take(at, &f->note_len);
	size_t ncols = checks[check].ncols;
	for (size_t i = 0; i < ncols; i++)
		f->values[i] = take(at, &f->lens[i]);
	return true;
}

/* Sorts a row's failures by check, keeping the order of equal ones (its
 * spool's before the late): an insertion sort, as a row has few failures,
 * mostly in order already, where qsort cost a call per comparison. */
static void sort_by_check(struct rowlog_failure *f, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (f[i - 1].check <= f[i].check)
			continue;
		struct rowlog_failure x = f[i];
		size_t j = i;
		for (; j > 0 && f[j - 1].check > x.check; j--)
			f[j] = f[j - 1];
		f[j] = x;
	}
}

const struct rowlog_row *rowlog_rows_next(struct rowlog_rows *d, const char **at, dqa_error *err)
{
	const struct rowlog *log = d->log;
	struct row_head head;
	memcpy(&head, *at, sizeof head);
	const char *p = *at + sizeof head;
	struct rowlog_row *row = &d->row;
	row->line = head.where & ((1ULL << ROWLOG_INPUT_SHIFT) - 1);
	row->input = (uint32_t)(head.where >> ROWLOG_INPUT_SHIFT);
	row->unit = head.unit;
	row->raw = NULL;
	row->raw_len = 0;
	if (head.raw_len != UINT32_MAX) {
		row->raw = p;
		row->raw_len = head.raw_len;
		p += head.raw_len;
	}
	*at = p + head.body_len;
	/* the log's fields read once: the row's stores could alias them */
	size_t nkey = log->nkey, nchecks = log->nchecks;
	const struct rowlog_check *checks = log->checks;
	for (size_t k = 0; k < nkey; k++)
		row->keys[k] = take(&p, &row->key_lens[k]);
	if (head.nfail > d->failures_cap) {
		corrupt(err);
		return NULL;
	}
	row->nfailures = head.nfail;
	for (uint32_t i = 0; i < head.nfail; i++)
		if (!decode_failure(checks, nchecks, &p, &row->failures[i])) {
			corrupt(err);
			return NULL;
		}
	sort_by_check(row->failures, row->nfailures);
	return row;
}

/* Rows rowlog_next reads ahead at a time. */
enum { READ_AHEAD = 1 << 16 };

const struct rowlog_row *rowlog_next(struct rowlog_reader *r, dqa_error *err)
{
	if (r->ahead_at == r->ahead.len) {
		strbuf_reset(&r->ahead);
		r->ahead_at = 0;
		if (rowlog_read_rows(r, &r->ahead, READ_AHEAD, err) < 0 || !r->ahead.len)
			return NULL;
	}
	const char *at = r->ahead.buf + r->ahead_at;
	const struct rowlog_row *row = rowlog_rows_next(r->rows, &at, err);
	r->ahead_at = (size_t)(at - r->ahead.buf);
	return row;
}

void rowlog_read_end(struct rowlog_reader *r)
{
	if (!r)
		return;
	streams_free(r->streams, r->nstreams);
	free(r->late);
	rowlog_rows_free(r->rows);
	strbuf_release(&r->ahead);
	free(r);
}
