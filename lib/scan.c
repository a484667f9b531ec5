#include "scan.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_boundary.h"
#include "input/csv_chunk.h"
#include "input/json_chunk.h"
#include "input/packed.h"
#include "input/pg.h"
#include "input/xlsx.h"
#include "input/limits.h"
#include "input/newlines.h"
#include "util/parallel.h"
#include "util/strset.h"
#include "input/source.h"
#include "util/utf8_valid.h"

struct block {
	struct block *next;
	char *buf;
	size_t len, cap;
	uint64_t line, seq;
	uint32_t input;
	char delimiter;
	unsigned eol;               /* the input's line end style (EOL_*) */
	bool last;
	bool json, json_array;      /* JSON objects (json_chunk.h), not CSV */
	bool packed;                /* records packed by the reading thread (packed.h) */
};

struct scan;

struct worker {
	struct scan *scan;
	void *sink;                 /* the first sink for worker 0, else a fork */
	struct csv_chunk chunk;
	struct json_chunk json;     /* for JSON inputs, into the bound columns */
	struct packed_reader packed;
	uint32_t input;             /* of the block being parsed */
	pthread_t thread;
	bool chunk_ready, json_ready, started, utf8_blocks;
	uint64_t records;           /* read so far, for cfg->max_records */
	dqa_error err;
};

struct scan {
	pthread_mutex_t lock;
	pthread_cond_t work, room;
	struct block *head, *tail;  /* filled blocks, in input order */
	struct block *spare;
	size_t nblocks, max_blocks, block_size;
	uint64_t next_seq;
	bool done, stop, failed;
	atomic_bool enough;         /* cfg->max_records read: no more blocks */
	uint64_t failed_seq;        /* the earliest failure wins */
	dqa_error err;
	const struct scan_config *cfg;
	const struct scan_sink_ops *ops;
	void *first;                /* the sink the header binds, worker 0's */
	bool bound;
	struct json_columns columns;   /* the bound header's names, for JSON inputs */
	struct strbuf column_names;
	const char **names;         /* inputs as messages show them */
	dqa_progress progress;
	struct worker *workers;
	unsigned nworkers;
};

/* Records a failure in block seq (the earliest one wins). stop also ends
 * the scan at once; without it, the blocks already queued are still
 * parsed, so that an error in them, earlier in the file, is the one
 * reported, whatever the thread count. */
static void fail(struct scan *s, uint64_t seq, const dqa_error *err, bool stop)
{
	pthread_mutex_lock(&s->lock);
	if (!s->failed || seq < s->failed_seq) {
		s->err = *err;
		s->failed_seq = seq;
		s->failed = true;
	}
	s->stop |= stop;
	pthread_cond_broadcast(&s->work);
	pthread_cond_broadcast(&s->room);
	pthread_mutex_unlock(&s->lock);
}

/* An empty block for the producer, waiting while all are in use; NULL when
 * the scan stopped or memory ran out. */
static struct block *take_block(struct scan *s)
{
	pthread_mutex_lock(&s->lock);
	while (!s->spare && s->nblocks >= s->max_blocks && !s->stop)
		pthread_cond_wait(&s->room, &s->lock);
	struct block *b = s->stop ? NULL : s->spare;
	if (b)
		s->spare = b->next;
	else if (!s->stop && (b = calloc(1, sizeof *b)))
		s->nblocks++;
	pthread_mutex_unlock(&s->lock);
	if (b && !b->buf && !(b->buf = malloc(s->block_size + 1))) {
		free(b);
		return NULL;
	}
	if (b) {
		b->cap = b->cap ? b->cap : s->block_size + 1;
		b->len = 0;
		b->next = NULL;
	}
	return b;
}

static void give_back(struct scan *s, struct block *b)
{
	pthread_mutex_lock(&s->lock);
	b->next = s->spare;
	s->spare = b;
	pthread_cond_signal(&s->room);
	pthread_mutex_unlock(&s->lock);
}

static void push(struct scan *s, struct block *b)
{
	pthread_mutex_lock(&s->lock);
	b->seq = s->next_seq++;
	if (s->tail)
		s->tail->next = b;
	else
		s->head = b;
	s->tail = b;
	pthread_cond_signal(&s->work);
	pthread_mutex_unlock(&s->lock);
}

/* The next filled block, or NULL when there will be none. */
static struct block *next_block(struct scan *s)
{
	pthread_mutex_lock(&s->lock);
	while (!s->head && !s->done && !s->stop)
		pthread_cond_wait(&s->work, &s->lock);
	struct block *b = s->stop ? NULL : s->head;
	if (b && !(s->head = b->next))
		s->tail = NULL;
	pthread_mutex_unlock(&s->lock);
	return b;
}

/* Whether the record at (input, line) is one h reads. */
static bool holdout_keeps(const dqa_holdout *h, uint32_t input, uint64_t line)
{
	if (h->share <= 0)
		return true;
	uint64_t key[3] = {h->seed, input, line};
	double at = (double)(strset_hash(key, sizeof key) >> 11) / (double)(1ULL << 53);
	return (at < h->share) == h->held;
}

static int on_row(void *ctx, const struct record *rec)
{
	struct worker *w = ctx;
	if (!holdout_keeps(&w->scan->cfg->holdout, w->input, rec->line))
		return 0;
	uint64_t cap = w->scan->cfg->max_records;
	if (cap && w->records++ >= cap) {
		atomic_store(&w->scan->enough, true);
		return 1;
	}
	return w->scan->ops->row(w->sink, rec, w->input, &w->err);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct scan *s = w->scan;
	struct block *b;
	while ((b = next_block(s))) {
		w->input = b->input;
		w->chunk.eol = b->eol;
		/* Once per block instead of once per value: a block of valid
		 * UTF-8 starts and ends on character boundaries, so every field
		 * in it (cut at ASCII delimiters and quotes) is valid too. */
		w->chunk.utf8_valid = !b->json && w->utf8_blocks && utf8_valid(b->buf, b->len);
		size_t records;
		w->json.array = b->json_array;
		int rc = b->packed ? packed_parse(&w->packed, b->buf, b->len, on_row, w, &w->err)
			 : b->json ? json_chunk_parse(&w->json, b->buf, b->len, b->line, b->last, 0,
						    on_row, w, s->names[b->input], &records, &w->err)
			 : csv_chunk_parse(&w->chunk, b->buf, b->len, b->line, b->delimiter, b->last,
					   on_row, w, s->names[b->input], &w->err);
		if (rc < 0)
			fail(s, b->seq, &w->err, true);
		give_back(s, b);
	}
	return NULL;
}

static int start_worker(struct scan *s, unsigned i, dqa_error *err)
{
	struct worker *w = &s->workers[i];
	w->scan = s;
	const struct dialect *d = s->cfg->dialect;
	FORWARD_IF_ERROR(csv_chunk_init(&w->chunk, d->quote, d->limits, err));
	w->chunk_ready = true;
	FORWARD_IF_ERROR(json_chunk_init(&w->json, &s->columns, false, d->limits, err));
	w->json_ready = true;
	w->sink = i == 0 ? s->first : s->ops->fork(s->first, err);
	if (!w->sink)
		return err->code;
	w->utf8_blocks = s->ops->utf8_blocks && s->ops->utf8_blocks(s->first);
	if (pthread_create(&w->thread, NULL, work, w) != 0)
		return error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
				"cannot start a worker thread");
	w->started = true;
	return 0;
}

/* Workers block every signal (they inherit the mask they are created
 * with), so a SIGINT interrupts the reading thread's blocking read. */
static int start_workers(struct scan *s, dqa_error *err)
{
	sigset_t old;
	parallel_block_signals(&old);
	int rc = 0;
	for (unsigned i = 0; i < s->nworkers && rc == 0; i++)
		rc = start_worker(s, i, err);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* Reading one input. */
struct producer {
	struct scan *s;
	uint32_t input;
	struct source src;
	struct block *b;
	size_t target;              /* read until the block holds this much */
	uint64_t offset;            /* bytes read from the source so far */
	uint64_t end;               /* stop reading at this offset */
	bool eof, started, header_done, header_seen;
	bool json, json_array;      /* the input's format, sniffed from its first bytes */
	char json_last;             /* a JSON array's last non-space byte read so far */
	char delimiter;
	unsigned eol;               /* learned from the header's line end */
	uint64_t line;
	uint64_t first_row_line;    /* where the record after the header starts */
	dqa_error *err;
};

static int fill(struct producer *pr)
{
	struct block *b = pr->b;
	while (!pr->eof && b->len < pr->target) {
		size_t room = b->cap - 1 - b->len;
		if (pr->end - pr->offset < room)
			room = (size_t)(pr->end - pr->offset);
		ssize_t n = room ? source_read(&pr->src, b->buf + b->len, room, pr->err) : 0;
		if (n < 0)
			return (int)n;
		pr->eof = n == 0;
		pr->offset += (uint64_t)n;
		b->len += (size_t)n;
		if (!pr->started && b->len > 0) {
			pr->started = true;
			pr->offset += pr->src.skipped;   /* offsets count the file's bytes */
		}
	}
	return 0;
}

/* Doubles the block when a record does not fit in it, up to the record
 * size limit. */
static int grow(struct producer *pr)
{
	struct block *b = pr->b;
	const struct limits *limits = pr->s->cfg->dialect->limits;
	size_t max_record = limits ? limits->max_record : limits_default.max_record;
	if (b->len > max_record)
		return csv_chunk_record_too_large(pr->err, pr->s->names[pr->input], pr->line,
						  max_record);
	char *buf = realloc(b->buf, b->cap * 2);
	RETURN_IF_NOMEM(buf, pr->err);
	b->buf = buf;
	b->cap *= 2;
	pr->target = b->cap - 1;
	return 0;
}

/* The bound header's names, into which JSON inputs read their records. */
static int keep_columns(struct scan *s, const struct record *header, dqa_error *err)
{
	size_t n = header->n;
	const char **names = calloc(n ? n : 1, sizeof *names);
	size_t *lens = calloc(n ? n : 1, sizeof *lens);
	for (size_t i = 0; i < n; i++) {
		strbuf_add(&s->column_names, header->fields[i], header->lens[i]);
		strbuf_putc(&s->column_names, '\0');
	}
	if (!names || !lens || s->column_names.failed) {
		free(names);
		free(lens);
		return error_nomem(err);
	}
	for (size_t i = 0, at = 0; i < n; at += header->lens[i++] + 1) {
		names[i] = s->column_names.buf + at;
		lens[i] = header->lens[i];
	}
	s->columns = (struct json_columns){names, lens, n};
	return 0;
}

static int on_header(void *ctx, const struct record *rec)
{
	struct producer *pr = ctx;
	struct scan *s = pr->s;
	if (rec->n == 0)
		return 0;   /* blank lines before the header */
	pr->header_seen = true;
	if (s->bound)
		FORWARD_IF_ERROR(s->ops->same_header(s->first, rec, s->names[pr->input], pr->err));
	else
		FORWARD_IF_ERROR(s->ops->bind(s->first, rec, s->names[0], pr->first_row_line,
					      pr->err));
	if (rec->sheet && s->ops->sheet)
		FORWARD_IF_ERROR(s->ops->sheet(s->first, pr->input, rec->sheet, pr->err));
	if (s->bound)
		return 0;
	s->bound = true;
	FORWARD_IF_ERROR(keep_columns(s, rec, pr->err));
	FORWARD_IF_ERROR(start_workers(pr->s, pr->err));
	return 0;
}

/* Drops the first `cut` bytes of the block (they have been handed on). */
static void shift(struct block *b, size_t cut)
{
	memmove(b->buf, b->buf + cut, b->len - cut);
	b->len -= cut;
}

/* Lines before dataset: header_row are dropped, and the header is checked
 * for a title above it, before the delimiter is sniffed from it. */
static int skip_to_header(struct producer *pr)
{
	const struct dialect *d = pr->s->cfg->dialect;
	struct block *b = pr->b;
	size_t skip;
	for (;;) {
		FORWARD_IF_ERROR(fill(pr));
		if ((skip = reader_header_start(b->buf, b->len, d, pr->eof)) != SIZE_MAX)
			break;
		FORWARD_IF_ERROR(grow(pr));
	}
	shift(b, skip);
	pr->line = dialect_header_line(d);
	FORWARD_IF_ERROR(reader_title_row(b->buf, b->len, d->delimiter, d->quote,
					  pr->s->names[pr->input], dialect_header_line(d), pr->err));
	pr->delimiter = d->delimiter ? d->delimiter : reader_sniff_delimiter(b->buf, b->len, d->quote);
	return 0;
}

/* Parses the header here, on the reading thread: it binds the plan. Blank
 * lines before it are skipped (records with no fields). */
static int read_header(struct producer *pr)
{
	const struct dialect *d = pr->s->cfg->dialect;
	FORWARD_IF_ERROR(skip_to_header(pr));
	struct csv_chunk chunk;
	FORWARD_IF_ERROR(csv_chunk_init(&chunk, d->quote, d->limits, pr->err));
	int rc = 0;
	while (rc == 0 && !pr->header_seen) {
		struct block *b = pr->b;
		if ((rc = fill(pr)) < 0)
			break;
		size_t cut = csv_first_boundary(b->buf, b->len, pr->delimiter, d->quote);
		if (!cut && !pr->eof) {
			rc = grow(pr);
			continue;
		}
		if (!cut && b->len == 0)
			break;
		bool last = !cut;
		cut = cut ? cut : b->len;
		uint64_t lines = count_line_ends(b->buf, cut);
		pr->first_row_line = pr->line + lines;
		rc = csv_chunk_parse(&chunk, b->buf, cut, pr->line, pr->delimiter, last, on_header,
				     pr, pr->s->names[pr->input], pr->err);
		pr->line += lines;
		shift(b, cut);
	}
	pr->eol = chunk.eol;
	csv_chunk_release(&chunk);
	if (rc == 0 && !pr->header_seen)
		return error_at(pr->err, DQA_EINPUT, pr->s->names[pr->input], DQA_NOPOS,
				"an extract starts with a header row naming its columns",
				"empty input: no header row");
	return rc < 0 ? rc : 0;
}

/* The columns of JSON records with no header bound yet: the keys of the
 * first JSON_HEADER_RECORDS objects, in the order they first appear. */
static int json_keys(struct producer *pr, struct json_chunk *c)
{
	const struct dialect *d = pr->s->cfg->dialect;
	const char *name = pr->s->names[pr->input];
	for (;;) {
		size_t records;
		FORWARD_IF_ERROR(json_chunk_init(c, NULL, pr->json_array, d->limits, pr->err));
		int rc = json_chunk_parse(c, pr->b->buf, pr->b->len, pr->line, pr->eof,
					  JSON_HEADER_RECORDS, NULL, NULL, name, &records, pr->err);
		if (rc < 0)
			json_chunk_release(c);
		if (rc < 0 || records >= JSON_HEADER_RECORDS || pr->eof)
			return rc;
		json_chunk_release(c);
		FORWARD_IF_ERROR(grow(pr));
		FORWARD_IF_ERROR(fill(pr));
	}
}

/* A JSON input: its opening bracket, if an array, is dropped; the first
 * input's keys bind the plan as a header would. */
static int read_json_header(struct producer *pr)
{
	struct block *b = pr->b;
	uint64_t lines;
	size_t skip = json_array_start(b->buf, b->len, &lines);
	pr->json_array = skip > 0;
	pr->json_last = pr->json_array ? '[' : 0;
	shift(b, skip);
	pr->line = 1 + lines;
	if (pr->s->bound)
		return 0;
	struct json_chunk c;
	FORWARD_IF_ERROR(json_keys(pr, &c));
	const char **names = calloc(c.nkeys ? c.nkeys : 1, sizeof *names);
	size_t *lens = calloc(c.nkeys ? c.nkeys : 1, sizeof *lens);
	int rc = names && lens ? 0 : error_nomem(pr->err);
	for (size_t i = 0, at = 0; rc == 0 && i < c.nkeys; at += lens[i++] + 1) {
		names[i] = c.keys.buf + at;
		lens[i] = strlen(names[i]);
	}
	struct record header = {.fields = names, .lens = lens, .n = c.nkeys, .line = pr->line,
				.delimiter = ',', .quote = '"', .utf8_valid = true, .eol = EOL_LF};
	pr->first_row_line = pr->line;
	if (rc == 0 && c.nkeys == 0)
		rc = error_at(pr->err, DQA_EINPUT, pr->s->names[pr->input], DQA_NOPOS,
			      "a JSON input holds one object per record, whose keys are the columns",
			      "no JSON objects: nothing names the columns");
	if (rc == 0)
		rc = on_header(pr, &header);
	free(names);
	free(lens);
	json_chunk_release(&c);
	return rc;
}

static void report_progress(struct producer *pr, size_t text_bytes, uint64_t lines)
{
	const struct scan_config *cfg = pr->s->cfg;
	if (!cfg->progress)
		return;
	dqa_progress *p = &pr->s->progress;
	p->input = pr->input;
	p->ninputs = cfg->ninputs;
	p->bytes = source_position(&pr->src);
	p->total_bytes = pr->src.size;
	p->text_bytes += text_bytes;
	p->lines += lines;
	cfg->progress(cfg->progress_ctx, p);
}

/* Notes the last byte of a JSON array's text that is not white space; at
 * the end of the input it must close the array. */
static int json_array_closed(struct producer *pr, const char *buf, size_t len)
{
	if (!pr->json_array)
		return 0;
	while (len && strchr(" \t\r\n", buf[len - 1]))
		len--;
	if (len)
		pr->json_last = buf[len - 1];
	if (!pr->eof || pr->json_last == ']')
		return 0;
	return error_at(pr->err, DQA_EINPUT, pr->s->names[pr->input], DQA_NOPOS,
			"the file is truncated, or its array lacks the closing ']'",
			"JSON array not closed at the end of the file");
}

static int read_blocks(struct producer *pr)
{
	const struct dialect *d = pr->s->cfg->dialect;
	for (;;) {
		RETURN_IF_CANCELLED(pr->err);
		if (atomic_load(&pr->s->enough))
			return 0;
		struct block *b = pr->b;
		FORWARD_IF_ERROR(fill(pr));
		size_t cut = pr->eof ? b->len
			   : pr->json ? json_last_boundary(b->buf, b->len)
				      : csv_last_boundary(b->buf, b->len, pr->delimiter, d->quote);
		if (!cut && !pr->eof) {
			FORWARD_IF_ERROR(grow(pr));
			continue;
		}
		b->eol = pr->eol;
		b->json = pr->json, b->json_array = pr->json_array, b->packed = false;
		if (pr->eof) {
			FORWARD_IF_ERROR(json_array_closed(pr, b->buf, b->len));
			b->line = pr->line, b->input = pr->input, b->delimiter = pr->delimiter;
			b->last = true;
			push(pr->s, b);
			pr->b = NULL;
			return 0;
		}
		struct block *next = take_block(pr->s);
		if (!next)
			return 0;   /* stopped: the failure is already recorded */
		if (next->cap < b->len - cut + 1) {
			char *buf = realloc(next->buf, b->len - cut + 1);
			RETURN_IF_NOMEM(buf, pr->err);
			next->buf = buf;
			next->cap = b->len - cut + 1;
		}
		FORWARD_IF_ERROR(json_array_closed(pr, b->buf, cut));
		memcpy(next->buf, b->buf + cut, b->len - cut);
		next->len = b->len - cut;
		b->len = cut;
		b->line = pr->line, b->input = pr->input, b->delimiter = pr->delimiter;
		b->last = false;
		uint64_t lines = count_line_ends(b->buf, cut);
		pr->line += lines;
		report_progress(pr, cut, lines);
		push(pr->s, b);
		pr->b = next;
		pr->target = pr->s->block_size;
	}
}

/* After the header: goes to the part's first record and reads no further
 * than its end. A part starting at (or before) the data reads on. */
static int seek_part(struct producer *pr, const struct scan_part *part)
{
	uint64_t data_start = pr->offset - pr->b->len;
	if (part->start > data_start) {
		if (source_seek(&pr->src, part->start) < 0)
			return error_at(pr->err, DQA_EINPUT, pr->s->names[pr->input], DQA_NOPOS, NULL,
					"cannot seek to byte %llu", (unsigned long long)part->start);
		pr->b->len = 0;
		pr->offset = part->start;
		pr->line = part->line;
		pr->eof = false;
	}
	pr->end = part->end > pr->offset - pr->b->len ? part->end : pr->offset - pr->b->len;
	if (pr->offset > pr->end) {
		pr->b->len -= (size_t)(pr->offset - pr->end);
		pr->offset = pr->end;
	}
	pr->eof = pr->eof || pr->offset == pr->end;
	return 0;
}

/* A shard's part that reads only the input's header (to bind the plan). */
static bool header_only(const struct scan_part *part)
{
	return part->start == 0 && part->end == 0;
}

/* Hands a block of packed records to the workers and takes the next one. */
static int push_packed(struct producer *pr, bool last)
{
	struct block *b = pr->b;
	b->line = pr->line, b->input = pr->input, b->last = last;
	b->packed = true, b->json = false;
	push(pr->s, b);
	pr->b = last ? NULL : take_block(pr->s);
	return pr->b || last ? 0 : 1;   /* 1: the scan stopped */
}

/* A record found by the reading thread: the header binds, the others are
 * packed into blocks. */
static int pack_row(void *ctx, const struct record *rec)
{
	struct producer *pr = ctx;
	if (!pr->header_seen) {
		pr->first_row_line = rec->line + 1;
		FORWARD_IF_ERROR(on_header(pr, rec));
		return pr->end == 0 ? 1 : 0;
	}
	struct block *b = pr->b;
	if (packed_put(&b->buf, &b->len, &b->cap, rec) < 0)
		return error_nomem(pr->err);
	pr->line = rec->line;
	return b->len >= pr->s->block_size ? push_packed(pr, false) : 0;
}

/* A table shard's row (pg.h): its first field is the line the row starts
 * on in the unsharded read, the rest are the table's. */
static int on_table_row(void *ctx, const struct record *rec)
{
	struct producer *pr = ctx;
	char *end;
	uint64_t line = rec->n ? strtoull(rec->fields[0], &end, 10) : 0;
	if (!pr->header_seen ? rec->n == 0 : line == 0 || *end)
		return error_at(pr->err, DQA_EINPUT, pr->s->names[pr->input], DQA_NOPOS, NULL,
				"the server sent a row without its line number");
	struct record row = *rec;
	row.fields++, row.lens++, row.n--;
	row.line = pr->header_seen ? line : rec->line;
	row.raw = "", row.raw_len = 0;
	return pack_row(pr, &row);
}

/* One shard of a PostgreSQL input, split on the server: its rows are
 * read on this thread, numbered as the whole table's, and packed. */
static int read_table_shard(struct producer *pr, const struct scan_part *part)
{
	const struct dialect *d = pr->s->cfg->dialect;
	const struct pg_select sel = {d->query, d->shard_by, part->shard, part->nshards};
	int rc = reader_scan_select(pr->s->cfg->inputs[pr->input], d, &sel, on_table_row, pr,
				    pr->err);
	if (rc == 0 && pr->b)
		rc = push_packed(pr, true);
	return rc < 0 ? rc : 0;
}

/* A workbook, read on this thread by xlsx.h, its rows checked by the
 * workers. */
static int read_workbook(struct producer *pr, const struct scan_part *part)
{
	struct scan *s = pr->s;
	pr->end = part->end;
	if (!header_only(part) && (part->start > 0 || part->end != SCAN_TO_END))
		return error_at(pr->err, DQA_EARG, s->names[pr->input], DQA_NOPOS,
				"give the dataset as several workbooks to shard it, one or more per shard",
				"--shard cannot split one workbook");
	const struct dialect *d = s->cfg->dialect;
	int rc = xlsx_scan(s->cfg->inputs[pr->input], d->sheet, d, pack_row, pr, pr->err);
	if (rc == 0 && !pr->header_seen)
		rc = error_at(pr->err, DQA_EINPUT, s->names[pr->input], DQA_NOPOS,
			      "an extract starts with a header row naming its columns",
			      "empty sheet: no header row");
	if (rc == 0 && pr->b && pr->end != 0)
		rc = push_packed(pr, true);
	return rc < 0 ? rc : 0;
}

static int read_input(struct scan *s, const struct scan_part *part, dqa_error *err)
{
	struct producer pr = {.s = s, .input = part->input, .line = 1, .target = s->block_size,
			      .end = SCAN_TO_END, .err = err};
	const char *path = s->cfg->inputs[part->input];
	unsigned char format = s->cfg->dialect->format;
	bool table_shard = part->nshards > 1 && pg_is_uri(path);
	if (table_shard || format == INPUT_XLSX || (!format && xlsx_named(path))) {
		int rc = !(pr.b = take_block(s)) ? 0
			 : table_shard ? read_table_shard(&pr, part) : read_workbook(&pr, part);
		if (pr.b)
			give_back(s, pr.b);
		return rc;
	}
	const struct pg_select sel = {.query = s->cfg->dialect->query};
	FORWARD_IF_ERROR(source_open(&pr.src, s->cfg->inputs[part->input],
				     s->cfg->dialect->encoding, &sel, err));
	pr.src.want = s->cfg->dialect->format;
	pr.b = take_block(s);
	int rc = pr.b ? fill(&pr) : 0;
	pr.json = pr.src.format == INPUT_JSON;
	if (rc == 0 && pr.src.format == INPUT_XLSX)
		rc = error_at(err, DQA_EINPUT, s->names[part->input], DQA_NOPOS,
			      pr.src.z ? "decompress it: a workbook is read from its own ZIP archive"
				       : "name it .xlsx, or give --input-format xlsx",
			      "is %s", pr.src.z ? "a gzip-compressed Excel workbook"
						 : "an Excel workbook not named .xlsx");
	if (rc == 0 && pr.b)
		rc = pr.json ? read_json_header(&pr) : read_header(&pr);
	if (rc == 0 && pr.b && pr.json && header_only(part)) {
		give_back(s, pr.b);
		pr.b = NULL;
	}
	if (rc == 0 && pr.b && pr.json && (part->start > 0 || part->end != SCAN_TO_END))
		rc = error_at(err, DQA_EARG, s->names[part->input], DQA_NOPOS,
			      "give a JSON dataset as several files to shard it, one or more per shard",
			      "--shard cannot split one JSON file");
	if (rc == 0 && pr.b && (part->start > 0 || part->end != SCAN_TO_END))
		rc = seek_part(&pr, part);
	if (rc == 0 && pr.b)
		rc = read_blocks(&pr);
	if (pr.b)
		give_back(s, pr.b);
	source_close(&pr.src);
	return rc;
}

static void stop_workers(struct scan *s)
{
	pthread_mutex_lock(&s->lock);
	s->done = true;
	pthread_cond_broadcast(&s->work);
	pthread_mutex_unlock(&s->lock);
	for (unsigned i = 0; i < s->nworkers; i++)
		if (s->workers[i].started)
			pthread_join(s->workers[i].thread, NULL);
}

static int merge_workers(struct scan *s, dqa_error *err)
{
	for (unsigned i = 1; i < s->nworkers; i++)
		if (s->workers[i].sink)
			FORWARD_IF_ERROR(s->ops->merge(s->first, s->workers[i].sink, err));
	return 0;
}

static void release(struct scan *s)
{
	for (unsigned i = 0; i < s->nworkers; i++) {
		struct worker *w = &s->workers[i];
		if (i > 0 && w->sink)
			s->ops->release(w->sink);
		if (w->chunk_ready)
			csv_chunk_release(&w->chunk);
		if (w->json_ready)
			json_chunk_release(&w->json);
		packed_release(&w->packed);
	}
	free(s->workers);
	/* Blocks left queued when the scan stopped early, then the spare ones. */
	for (struct block **list = &s->head; list; list = list == &s->head ? &s->spare : NULL) {
		while (*list) {
			struct block *b = *list;
			*list = b->next;
			free(b->buf);
			free(b);
		}
	}
	free(s->names);
	free((void *)s->columns.names);
	free((void *)s->columns.lens);
	strbuf_release(&s->column_names);
	pthread_cond_destroy(&s->work);
	pthread_cond_destroy(&s->room);
	pthread_mutex_destroy(&s->lock);
}

int scan_records(const struct scan_config *cfg, const struct scan_sink_ops *ops, void *first,
		 const struct scan_part *parts, size_t nparts, unsigned threads, size_t block_size,
		 dqa_error *err)
{
	struct scan s = {.cfg = cfg, .ops = ops, .first = first,
			 .block_size = block_size ? block_size : SCAN_BLOCK_SIZE,
			 .nworkers = parallel_threads(cfg->max_records ? 1 : threads)};
	s.max_blocks = 2 * (size_t)s.nworkers + 2;
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.work, NULL);
	pthread_cond_init(&s.room, NULL);
	s.workers = calloc(s.nworkers, sizeof *s.workers);
	s.names = calloc(cfg->ninputs + 1, sizeof *s.names);
	int rc = s.workers && s.names ? 0 : error_nomem(err);
	for (size_t i = 0; rc == 0 && i < cfg->ninputs; i++)
		s.names[i] = strcmp(cfg->inputs[i], "-") ? cfg->inputs[i] : "<stdin>";
	size_t n = parts ? nparts : cfg->ninputs;
	for (size_t i = 0; rc == 0 && i < n && !s.stop; i++) {
		struct scan_part whole = {(uint32_t)i, 0, SCAN_TO_END, 1, 0, 0};
		if ((rc = read_input(&s, parts ? &parts[i] : &whole, err)) < 0)
			fail(&s, s.next_seq, err, rc != DQA_EINPUT);
	}
	stop_workers(&s);
	if (s.failed) {
		*err = s.err;
		rc = s.err.code ? s.err.code : DQA_EINPUT;
	} else if (rc == 0) {
		rc = merge_workers(&s, err);
	}
	release(&s);
	return rc;
}

/* The audit's sink: a plan per worker, each with its own result arena. */
struct plan_worker {
	struct plan plan;
	struct arena out;
};

static int plan_sink_bind(void *first, const struct record *header, const char *input,
			  uint64_t first_row_line, dqa_error *err)
{
	struct plan *p = first;
	p->first_row_line = first_row_line;
	return plan_bind(p, header, input, err);
}

static int plan_sink_same_header(const void *first, const struct record *header,
				 const char *input, dqa_error *err)
{
	return plan_same_header(first, header, input, err);
}

static void *plan_sink_fork(void *first, dqa_error *err)
{
	struct plan_worker *w = calloc(1, sizeof *w);
	if (!w) {
		error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
		return NULL;
	}
	if (plan_fork(&w->plan, first, &w->out, err) < 0) {
		plan_release(&w->plan);
		arena_release(&w->out);
		free(w);
		return NULL;
	}
	return w;
}

static int plan_sink_row(void *sink, const struct record *rec, uint32_t input, dqa_error *err)
{
	return plan_row(sink, rec, input, err);
}

static int plan_sink_merge(void *into, void *from, dqa_error *err)
{
	struct plan *p = into;
	struct plan_worker *w = from;
	FORWARD_IF_ERROR(plan_merge(p, &w->plan, err));
	arena_adopt(p->out, &w->out);
	return 0;
}

static void plan_sink_release(void *sink)
{
	struct plan_worker *w = sink;
	plan_release(&w->plan);
	arena_release(&w->out);
	free(w);
}

static bool plan_sink_utf8_blocks(const void *first)
{
	return ((const struct plan *)first)->wants_utf8_blocks;
}

static int plan_sink_sheet(void *first, uint32_t input, const char *sheet, dqa_error *err)
{
	return plan_sheet(first, input, sheet, err);
}

static const struct scan_sink_ops plan_sink = {
	.bind = plan_sink_bind, .same_header = plan_sink_same_header, .fork = plan_sink_fork,
	.row = plan_sink_row, .merge = plan_sink_merge, .release = plan_sink_release,
	.utf8_blocks = plan_sink_utf8_blocks, .sheet = plan_sink_sheet,
};

int scan_run(struct plan *p, const struct scan_part *parts, size_t nparts, dqa_error *err)
{
	struct dialect dialect = p->rules->dialect;
	enum input_format forced;
	if (p->opts.input_format && input_format_parse(p->opts.input_format, &forced) < 0)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, "formats: csv, ndjson, xlsx",
				"unknown input format '%s'", p->opts.input_format);
	if (p->opts.input_format)
		dialect.format = (unsigned char)forced;
	const struct scan_config cfg = {
		.dialect = &dialect, .inputs = p->inputs, .ninputs = p->ninputs,
		.progress = p->opts.progress, .progress_ctx = p->opts.progress_ctx,
		.holdout = p->opts.holdout, .max_records = p->opts.max_records,
	};
	return scan_records(&cfg, &plan_sink, p, parts, nparts, p->opts.threads, p->opts.block_size,
			    err);
}
