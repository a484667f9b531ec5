/* Loading a history file: the fixed header, then one entry per line. Lines
 * that do not parse are skipped and counted; a last line without a newline
 * is what an interrupted append leaves, so it is dropped. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "../input/reader.h"
#include "../util/timeparse.h"
#include "../util/values.h"

/* The last value interned for one column: the lines of one run repeat
 * their rules, dataset, fingerprint and time, so comparing with the line
 * before spares most hash lookups and time parsing. */
struct last_value {
	const char *interned;
	size_t len;
};

struct load_ctx {
	struct dqa_history *h;
	const char *path;
	bool header_seen, last_parsed;
	size_t nfields;                      /* of the header's layout */
	uint64_t skipped, first_skipped;
	struct last_value last[HISTORY_FIELDS];
	int64_t last_run_at;
	dqa_error *err;
};

const char *history_lookup(const struct dqa_history *h, const char *s)
{
	uint64_t value;
	return strset_get(&h->strings, s, strlen(s), &value) ? (const char *)(uintptr_t)value
							      : NULL;
}

static const char *intern(struct dqa_history *h, const char *s, size_t len)
{
	uint64_t value;
	if (strset_get(&h->strings, s, len, &value))
		return (const char *)(uintptr_t)value;
	char *copy = arena_strndup(&h->arena, s, len);
	if (!copy)
		return NULL;
	value = (uintptr_t)copy;
	return strset_put(&h->strings, s, len, &value) < 0 ? NULL : copy;
}

static bool parse_criterion(const char *s, unsigned *out)
{
	if (strcmp(s, HISTORY_OVERALL) == 0) {
		*out = HISTORY_CRITERION_OVERALL;
		return true;
	}
	for (unsigned k = 0; k < DQA_CRITERIA; k++)
		if (strcmp(s, dqa_criterion_name(k)) == 0) {
			*out = k;
			return true;
		}
	return false;
}

static bool parse_status(const char *s, dqa_status *out)
{
	*out = DQA_NO_SCORE;
	if (!*s)
		return true;
	for (int st = DQA_PASS; st <= DQA_NO_SCORE; st++)
		if (strcmp(s, dqa_status_name(st)) == 0) {
			*out = st;
			return true;
		}
	return false;
}

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

static bool same_as_last(const struct last_value *last, const char *s, size_t len)
{
	return last->interned && last->len == len && memcmp(last->interned, s, len) == 0;
}

static const char *intern_field(struct load_ctx *c, const struct record *rec, size_t i)
{
	struct last_value *last = &c->last[i];
	if (same_as_last(last, rec->fields[i], rec->lens[i]))
		return last->interned;
	const char *s = intern(c->h, rec->fields[i], rec->lens[i]);
	*last = (struct last_value){s, rec->lens[i]};
	return s;
}

/* The run time is compared with the last line's text (kept interned as
 * the last value of column 0) before it is parsed. */
static bool parse_run_at(struct load_ctx *c, const struct record *rec, int64_t *out)
{
	if (same_as_last(&c->last[0], rec->fields[0], rec->lens[0])) {
		*out = c->last_run_at;
		return true;
	}
	if (!time_parse_iso(rec->fields[0], rec->lens[0], out))
		return false;
	c->last[0] = (struct last_value){intern(c->h, rec->fields[0], rec->lens[0]), rec->lens[0]};
	c->last_run_at = *out;
	return true;
}

/* 0: parsed; 1: malformed (skipped); negative: out of memory. */
static int parse_entry(struct load_ctx *c, const struct record *rec, struct hist_entry *e)
{
	const char *const *f = rec->fields;
	if (rec->n != c->nfields)
		return 1;
	bool scope_ok = strcmp(f[3], "dataset") == 0 || strcmp(f[3], "unit") == 0;
	e->dataset_scope = strcmp(f[3], "dataset") == 0;
	if (!scope_ok || !parse_criterion(f[5], &e->criterion) ||
	    !parse_score(f[6], rec->lens[6], &e->score) || !parse_status(f[7], &e->status) ||
	    !parse_rows(f[8], &e->rows) || !parse_run_at(c, rec, &e->run_at))
		return 1;
	e->rules = intern_field(c, rec, 1);
	e->dataset = intern_field(c, rec, 2);
	e->unit = intern_field(c, rec, 4);
	e->fingerprint = intern_field(c, rec, 9);
	e->marker = intern_field(c, rec, 10);
	bool v2 = c->nfields == HISTORY_FIELDS;
	e->rules_hash = v2 ? intern_field(c, rec, 11) : "";
	e->checks = v2 ? intern_field(c, rec, 12) : "";
	return e->rules && e->dataset && e->unit && e->fingerprint && e->marker &&
	       e->rules_hash && e->checks ? 0 : -1;
}

/* realloc, not the arena: a year of nightly runs is some 30 MB of entries,
 * which arena doubling would zero and copy, and keep twice. */
static int grow_entries(struct dqa_history *h)
{
	if (h->n < h->cap)
		return 0;
	size_t cap = h->cap ? 2 * h->cap : 1024;
	struct hist_entry *entries = realloc(h->entries, cap * sizeof *entries);
	if (!entries)
		return -1;
	h->entries = entries;
	h->cap = cap;
	return 0;
}

static int on_record(void *opaque, const struct record *rec)
{
	struct load_ctx *c = opaque;
	struct dqa_history *h = c->h;
	if (!c->header_seen) {
		c->header_seen = true;
		size_t len = 0;
		char line[256] = "";
		for (size_t i = 0; i < rec->n && len < sizeof line; i++)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? "," : "",
						rec->fields[i]);
		c->nfields = strcmp(line, HISTORY_HEADER) == 0 ? HISTORY_FIELDS
			   : strcmp(line, HISTORY_HEADER_V1) == 0 ? HISTORY_FIELDS_V1 : 0;
		if (c->nfields)
			return 0;
		return error_at(c->err, DQA_EINPUT, c->path, (struct dqa_pos){1, 1, 1},
				"a history is written by 'dqa audit --history FILE'",
				"not a dqa history file: the header is not '%s'", HISTORY_HEADER);
	}
	RETURN_NOMEM_UNLESS(grow_entries(h) == 0, c->err);
	int rc = parse_entry(c, rec, &h->entries[h->n]);
	RETURN_NOMEM_UNLESS(rc >= 0, c->err);
	c->last_parsed = rc == 0;
	if (rc == 0) {
		h->n++;
	} else if (!c->skipped++) {
		c->first_skipped = rec->line;
	}
	return 0;
}

/* True when the file is a regular file whose last byte is not a newline. */
static bool ends_without_newline(const char *path)
{
	if (strcmp(path, "-") == 0)
		return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char last = '\n';
	off_t end = lseek(fd, 0, SEEK_END);
	bool partial = end > 0 && pread(fd, &last, 1, end - 1) == 1 && last != '\n';
	close(fd);
	return partial;
}

static int set_notice(struct dqa_history *h, const struct load_ctx *c, bool partial)
{
	char notice[512];
	size_t len = 0;
	if (c->skipped)
		len += (size_t)snprintf(notice, sizeof notice,
					"%s: %llu malformed line%s skipped (the first is line %llu)",
					c->path, (unsigned long long)c->skipped,
					c->skipped == 1 ? "" : "s",
					(unsigned long long)c->first_skipped);
	if (partial && len < sizeof notice)
		len += (size_t)snprintf(notice + len, sizeof notice - len,
					"%s%s: last line has no newline (an interrupted write): ignored",
					len ? "; " : "", c->path);
	if (!len)
		return 0;
	h->notice = arena_strdup(&h->arena, notice);
	RETURN_IF_NOMEM(h->notice, c->err);
	return 0;
}

int dqa_history_load(dqa_history **out, const char *path, dqa_error *err)
{
	*out = NULL;
	struct dqa_history *h = calloc(1, sizeof *h);
	RETURN_IF_NOMEM(h, err);
	struct load_ctx c = {.h = h, .path = path, .err = err};
	const struct dialect csv = {',', '"', NULL, NULL, 1, 0, NULL};
	bool partial = ends_without_newline(path);
	int rc = reader_scan(path, &csv, on_record, &c, err);
	/* A partial line that happened to parse is dropped all the same; one that
	 * did not is not counted as malformed: the notice names it apart. */
	if (rc == 0 && partial && c.last_parsed)
		h->n--;
	else if (rc == 0 && partial && c.header_seen && h->n + c.skipped > 0)
		c.skipped--;
	if (rc == 0)
		rc = set_notice(h, &c, partial);
	if (rc < 0) {
		dqa_history_free(h);
		return rc;
	}
	*out = h;
	return 0;
}

const char *dqa_history_notice(const dqa_history *h)
{
	return h->notice;
}

void dqa_history_free(dqa_history *h)
{
	if (!h)
		return;
	strset_release(&h->strings);
	arena_release(&h->arena);
	free(h->entries);
	free(h);
}
