/* The row log's writing side (rowlog.h): rows into the workers' spools,
 * the late rows, and the spools gathered after the scan; rowlog_read.c
 * reads them back. */
#include "rowlog.h"

#include <stdlib.h>
#include <string.h>

#include "util/fileio.h"
#include "util/hugepage.h"
#include "util/values.h"
#include "rowlog_spool.h"

struct rowlog *rowlog_new(bool raw, bool every_record, bool unmasked, const int *key_cols,
			  size_t nkey)
{
	struct rowlog *log = calloc(1, sizeof *log);
	if (log)
		*log = (struct rowlog){.raw = raw, .every_record = every_record || raw,
				       .unmasked = unmasked, .key_cols = key_cols, .nkey = nkey};
	return log;
}

void rowlog_free(struct rowlog *log)
{
	if (!log)
		return;
	if (log->spool)
		fclose(log->spool);
	for (size_t i = 0; i < log->nspools; i++)
		fclose(log->spools[i].f);
	free(log->spools);
	free(log->late);
	strbuf_release(&log->row);
	strbuf_release(&log->spooled);
	strbuf_release(&log->late_data);
	arena_release(&log->arena);
	free(log);
}

static void put_u32(struct strbuf *sb, uint32_t v)
{
	strbuf_add(sb, &v, sizeof v);
}

/* Writes a value, masked when pii, at at: its length then its bytes (a
 * masked value is never longer); returns the bytes written. */
static size_t write_value(char *at, const char *s, size_t len, bool pii)
{
	uint32_t n = (uint32_t)len;
	if (pii)
		n = (uint32_t)value_mask(at + sizeof n, s, len);
	else if (len)
		memcpy(at + sizeof n, s, len);
	memcpy(at, &n, sizeof n);
	return sizeof n + n;
}

/* Room for a value of len bytes, with its length. */
static size_t value_room(size_t len)
{
	return sizeof(uint32_t) + len;
}

/* A value, masked when pii. */
static void put_value(struct strbuf *sb, const char *s, size_t len, bool pii)
{
	if (strbuf_reserve(sb, value_room(len)))
		strbuf_written(sb, sb->buf + sb->len + write_value(sb->buf + sb->len, s, len, pii));
}

/* A failure, written in room reserved once: a row's failures are the
 * spooling's most frequent writes. */
static void put_failure(struct strbuf *sb, uint32_t check, const char *note,
			const char *const *values, const size_t *lens, size_t ncols,
			const int *cols, const bool *pii, bool unmasked)
{
	size_t note_len = note ? strlen(note) : 0;
	size_t need = sizeof check + value_room(note_len);
	for (size_t i = 0; i < ncols; i++)
		need += value_room(lens[i]);
	if (!strbuf_reserve(sb, need))
		return;
	char *at = sb->buf + sb->len;
	memcpy(at, &check, sizeof check);
	at += sizeof check;
	at += write_value(at, note ? note : "", note_len, false);
	for (size_t i = 0; i < ncols; i++)
		at += write_value(at, values[i], lens[i], !unmasked && pii[cols[i]]);
	strbuf_written(sb, at);
}

void rowlog_fail(struct rowlog *log, uint32_t check, const char *note,
		 const char *const *values, const size_t *lens, const int *cols,
		 size_t ncols, const bool *pii)
{
	put_failure(&log->row, check, note, values, lens, ncols, cols, pii, log->unmasked);
	log->nfail++;
}

/* Rows gather in log->spooled and reach the spool SPOOL_CHUNK bytes at a
 * time; the spool is made at the first of them: workers that write nothing
 * make none. */
static bool spool_flush(struct rowlog *log)
{
	struct strbuf *out = &log->spooled;
	if (out->failed)
		return false;
	if (!out->len)
		return true;
	if (!log->spool && !(log->spool = fileio_spool()))
		return false;
	bool ok = fwrite(out->buf, 1, out->len, log->spool) == out->len;
	strbuf_reset(out);
	/* a worker that fills a chunk fills many: its rows gather on a huge
	 * page from now on (hugepage.h) */
	return hugepage_strbuf(out, HUGE_PAGE_BYTES) && ok;
}

/* The spooled bytes a kept row takes at most (masked keys are shorter). */
static size_t row_room(const struct rowlog *log, const size_t *lens, size_t text_len)
{
	size_t need = sizeof(struct row_head) + text_len + log->row.len;
	for (size_t k = 0; k < log->nkey; k++)
		need += value_room(lens[log->key_cols[k]]);
	return need;
}

int rowlog_row_end(struct rowlog *log, uint64_t where, uint32_t unit, const char *const *fields,
		   const size_t *lens, const bool *pii, const char *raw, size_t raw_len,
		   const char *eol)
{
	size_t eol_len = log->raw ? strlen(eol) : 0;
	size_t text_len = log->raw ? raw_len + eol_len : 0;
	struct strbuf *out = &log->spooled;
	/* written straight into the spooled rows: the head, the text, the
	 * keys, the failures, then the head's body length filled in */
	if (log->row.failed || !strbuf_reserve(out, row_room(log, lens, text_len)))
		return -1;
	char *head_at = out->buf + out->len, *at = head_at + sizeof(struct row_head);
	if (log->raw) {
		memcpy(at, raw, raw_len);
		memcpy(at + raw_len, eol, eol_len);
		at += text_len;
	}
	const char *body = at;
	for (size_t k = 0; k < log->nkey; k++) {
		int col = log->key_cols[k];
		at += write_value(at, fields[col], lens[col], !log->unmasked && pii[col]);
	}
	if (log->row.len)
		memcpy(at, log->row.buf, log->row.len);
	at += log->row.len;
	struct row_head head = {where, unit, log->nfail,
				log->raw ? (uint32_t)text_len : UINT32_MAX,
				(uint32_t)(at - body)};
	memcpy(head_at, &head, sizeof head);
	strbuf_written(out, at);
	bool ok = out->len < SPOOL_CHUNK || spool_flush(log);
	log->io_failed |= !ok;
	return ok ? 0 : -1;
}

bool rowlog_late(struct rowlog *log, uint64_t where, uint32_t unit, uint32_t check,
		 const char *note, const char *const *values, const size_t *lens, const int *cols,
		 size_t ncols, const bool *pii)
{
	if (log->nlate == log->late_cap) {
		size_t cap = log->late_cap ? 2 * log->late_cap : 256;
		struct rowlog_late *late = realloc(log->late, cap * sizeof *late);
		if (!late)
			return false;
		log->late = late;
		log->late_cap = cap;
	}
	struct strbuf *sb = &log->late_data;
	struct rowlog_late *late = &log->late[log->nlate++];
	*late = (struct rowlog_late){where, check, unit, sb->len, 0};
	for (size_t k = 0; k < log->nkey; k++) {
		size_t i = 0;
		while (i < ncols && cols[i] != log->key_cols[k])
			i++;
		if (i < ncols)
			put_value(sb, values[i], lens[i], !log->unmasked && pii[cols[i]]);
		else
			put_u32(sb, 0);
	}
	put_failure(sb, check, note, values, lens, ncols, cols, pii, log->unmasked);
	late->len = sb->len - late->at;
	return !sb->failed;
}

bool rowlog_adopt(struct rowlog *into, struct rowlog *from)
{
	if (!spool_flush(from))
		from->io_failed = true;
	if (from->io_failed)
		into->io_failed = true;
	if (!from->spool)
		return true;
	if (!rowlog_add_saved(into, from->spool, NULL, 0))
		return false;
	from->spool = NULL;
	return true;
}

bool rowlog_add_saved(struct rowlog *log, FILE *f, const size_t *units, size_t nunits)
{
	struct rowlog_spool *spools = realloc(log->spools, (log->nspools + 1) * sizeof *spools);
	if (!spools)
		return false;
	if (units) {
		size_t *copy = arena_alloc(&log->arena, (nunits + 1) * sizeof *copy);
		if (!copy) {
			log->spools = spools;
			return false;
		}
		memcpy(copy, units, nunits * sizeof *copy);
		units = copy;
	}
	log->spools = spools;
	log->spools[log->nspools++] = (struct rowlog_spool){f, units, nunits};
	return true;
}
