/* dqa history import: CSV histories (the long layout appended before the
 * store) into the store. Lines that do not parse are skipped and counted; a
 * last line without a newline is what an interrupted append left, so it is
 * dropped. Consecutive lines with the same time, rules, dataset,
 * fingerprint and rules hash are one run. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "store_write.h"
#include "../input/reader.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"
#include "../util/values.h"

/* A parsed line, its texts pointing into the record. */
struct line {
	struct store_run run;
	struct store_row row;
};

struct import_ctx {
	struct store_writer *w;
	const char *path;
	bool header_seen, partial, last_parsed;
	size_t nfields;                      /* of the header's layout */
	uint64_t skipped, first_skipped;
	struct strbuf run_key;               /* the current run's identity */
	struct line pending;                 /* the last parsed line, not yet written */
	struct strbuf pending_text;          /* its texts, NUL-separated */
	bool has_pending;
	size_t runs;
	dqa_error *err;
};

static bool parse_score(const char *s, size_t len, double *out)
{
	*out = NAN;
	if (!len)
		return true;
	return value_number(s, len, out) && *out >= 0 && *out <= 100;
}

static bool parse_rows(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return *s >= '0' && *s <= '9' && !*end && !errno;
}

static bool parse_line(const struct import_ctx *c, const struct record *rec, struct line *l)
{
	const char *const *f = rec->fields;
	unsigned criterion;
	dqa_status status;
	if (rec->n != c->nfields ||
	    (strcmp(f[3], "dataset") != 0 && strcmp(f[3], "unit") != 0) ||
	    !history_criterion_parse(f[5], &criterion) ||
	    !parse_score(f[6], rec->lens[6], &l->row.score) || !history_status_parse(f[7], &status) ||
	    !parse_rows(f[8], &l->row.rows) || !time_parse_iso(f[0], rec->lens[0], &l->run.run_at))
		return false;
	bool v2 = c->nfields == HISTORY_FIELDS;
	l->run.rules = f[1];
	l->run.dataset = f[2];
	l->run.fingerprint = f[9];
	l->run.rules_hash = v2 ? f[11] : "";
	l->row.dataset_scope = strcmp(f[3], "dataset") == 0;
	l->row.unit = f[4];
	l->row.criterion = f[5];
	l->row.status = f[7];
	l->row.marker = f[10];
	l->row.checks = v2 ? f[12] : "";
	return true;
}

/* The texts of l copied into text (NUL-separated), l pointed at them: the
 * record's buffers do not outlive the callback. */
static void keep_line(struct line *l, struct strbuf *text)
{
	const char **fields[] = {&l->run.rules, &l->run.dataset, &l->run.fingerprint,
				 &l->run.rules_hash, &l->row.unit, &l->row.criterion,
				 &l->row.status, &l->row.marker, &l->row.checks};
	enum { N = sizeof fields / sizeof *fields };
	size_t offsets[N];
	strbuf_reset(text);
	for (size_t i = 0; i < N; i++) {
		offsets[i] = text->len;
		strbuf_puts(text, *fields[i]);
		strbuf_putc(text, '\0');
	}
	for (size_t i = 0; !text->failed && i < N; i++)
		*fields[i] = text->buf + offsets[i];
}

static void put_key(struct strbuf *key, const struct store_run *run)
{
	strbuf_reset(key);
	strbuf_printf(key, "%lld", (long long)run->run_at);
	const char *parts[] = {run->rules, run->dataset, run->fingerprint, run->rules_hash};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		strbuf_putc(key, '\0');
		strbuf_puts(key, parts[i]);
	}
}

/* Writes the pending line, starting a run when its identity changed. */
static int flush_pending(struct import_ctx *c)
{
	if (!c->has_pending)
		return 0;
	c->has_pending = false;
	struct strbuf key = STRBUF_INIT;
	put_key(&key, &c->pending.run);
	bool same = !key.failed && key.len == c->run_key.len && c->run_key.buf &&
		    memcmp(key.buf, c->run_key.buf, key.len) == 0;
	int rc = key.failed ? error_nomem(c->err) : 0;
	if (rc == 0 && !same) {
		strbuf_release(&c->run_key);
		c->run_key = key;
		key = (struct strbuf)STRBUF_INIT;
		rc = store_writer_run(c->w, &c->pending.run, c->err);
		c->runs += rc == 0;
	}
	strbuf_release(&key);
	return rc < 0 ? rc : store_writer_row(c->w, &c->pending.row, c->err);
}

static int check_header(struct import_ctx *c, const struct record *rec)
{
	size_t len = 0;
	char line[256] = "";
	for (size_t i = 0; i < rec->n && len < sizeof line; i++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? "," : "",
					rec->fields[i]);
	c->nfields = strcmp(line, HISTORY_HEADER) == 0	  ? HISTORY_FIELDS
		   : strcmp(line, HISTORY_HEADER_V1) == 0 ? HISTORY_FIELDS_V1 : 0;
	if (c->nfields)
		return 0;
	return error_at(c->err, DQA_EINPUT, c->path, (struct dqa_pos){1, 1, 1},
			"a CSV history was written by 'dqa audit --history FILE.csv' or "
			"'dqa history export'",
			"not a dqa CSV history: the header is not '%s'", HISTORY_HEADER);
}

/* Each line is written when the next one arrives, so that a partial last
 * line is never written. */
static int on_record(void *opaque, const struct record *rec)
{
	struct import_ctx *c = opaque;
	if (!c->header_seen) {
		c->header_seen = true;
		return check_header(c, rec);
	}
	FORWARD_IF_ERROR(flush_pending(c));
	struct line l;
	c->last_parsed = parse_line(c, rec, &l);
	if (!c->last_parsed) {
		if (!c->skipped++)
			c->first_skipped = rec->line;
		return 0;
	}
	c->pending = l;
	keep_line(&c->pending, &c->pending_text);
	RETURN_NOMEM_UNLESS(!c->pending_text.failed, c->err);
	c->has_pending = true;
	return 0;
}

/* True when the file is a regular file whose last byte is not a newline. */
static bool ends_without_newline(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char last = '\n';
	off_t end = lseek(fd, 0, SEEK_END);
	bool partial = end > 0 && pread(fd, &last, 1, end - 1) == 1 && last != '\n';
	close(fd);
	return partial;
}

/* What was skipped in this file, appended to notice. */
static void note_skipped(struct strbuf *notice, const struct import_ctx *c, bool partial_skipped)
{
	uint64_t malformed = c->skipped - partial_skipped;
	if (malformed)
		strbuf_printf(notice, "%s%s: %llu malformed line%s skipped (the first is line %llu)",
			      notice->len ? "; " : "", c->path, (unsigned long long)malformed,
			      malformed == 1 ? "" : "s", (unsigned long long)c->first_skipped);
	if (c->partial)
		strbuf_printf(notice,
			      "%s%s: last line has no newline (an interrupted write): ignored",
			      notice->len ? "; " : "", c->path);
}

static int import_file(struct store_writer *w, const char *csv, size_t *runs,
		       struct strbuf *notice, dqa_error *err)
{
	struct import_ctx c = {.w = w, .path = csv, .err = err, .run_key = STRBUF_INIT,
			       .pending_text = STRBUF_INIT};
	c.partial = ends_without_newline(csv);
	const struct dialect dialect = {',', '"', NULL, NULL, 1, 0, NULL, NULL, NULL};
	int rc = reader_scan(csv, &dialect, on_record, &c, err);
	/* A partial last line is dropped whether it parsed or not; when it did
	 * not, it is not counted as malformed: the notice names it apart. */
	bool partial_skipped = c.partial && !c.last_parsed && c.skipped;
	if (rc == 0 && !c.partial)
		rc = flush_pending(&c);
	if (rc == 0)
		note_skipped(notice, &c, partial_skipped);
	*runs += c.runs;
	strbuf_release(&c.run_key);
	strbuf_release(&c.pending_text);
	return rc;
}

int dqa_history_import(const char *path, const char *const *csv_files, size_t nfiles,
		       size_t *runs, char **notice, dqa_error *err)
{
	*runs = 0;
	*notice = NULL;
	struct strbuf text = STRBUF_INIT;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < nfiles; i++) {
		struct store_writer w;
		rc = store_writer_begin(&w, path, err);
		if (rc < 0)
			break;
		rc = import_file(&w, csv_files[i], runs, &text, err);
		if (rc == 0)
			rc = store_writer_commit(&w, err);
		store_writer_release(&w);
	}
	if (rc == 0 && text.failed)
		rc = error_nomem(err);
	if (rc == 0 && text.len)
		*notice = strbuf_detach(&text);
	strbuf_release(&text);
	return rc;
}
