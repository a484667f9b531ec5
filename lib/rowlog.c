/* The row log's writing side (rowlog.h): rows into the workers' spools,
 * the late rows, and the spools gathered after the scan; rowlog_read.c
 * reads them back. */
#include "rowlog.h"

#include <stdlib.h>
#include <string.h>

#include "util/fileio.h"
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

/* A value, masked when pii. */
static void put_value(struct strbuf *sb, const char *s, size_t len, bool pii)
{
	if (!pii) {
		put_u32(sb, (uint32_t)len);
		strbuf_add(sb, s, len);
		return;
	}
	size_t at = sb->len;
	put_u32(sb, 0);
	if (!strbuf_grow(sb, len + 1))
		return;
	uint32_t masked = (uint32_t)value_mask(sb->buf + sb->len, s, len);
	sb->len += masked;
	sb->buf[sb->len] = '\0';
	memcpy(sb->buf + at, &masked, sizeof masked);
}

static void put_failure(struct strbuf *sb, uint32_t check, const char *note,
			const char *const *values, const size_t *lens, size_t ncols,
			const int *cols, const bool *pii, bool unmasked)
{
	put_u32(sb, check);
	put_value(sb, note ? note : "", note ? strlen(note) : 0, false);
	for (size_t i = 0; i < ncols; i++)
		put_value(sb, values[i], lens[i], !unmasked && pii[cols[i]]);
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
	return ok;
}

int rowlog_row_end(struct rowlog *log, uint64_t where, uint32_t unit, const char *const *fields,
		   const size_t *lens, const bool *pii, const char *raw, size_t raw_len,
		   const char *eol)
{
	size_t failures = log->row.len;
	for (size_t k = 0; k < log->nkey; k++) {
		int col = log->key_cols[k];
		put_value(&log->row, fields[col], lens[col], !log->unmasked && pii[col]);
	}
	size_t eol_len = log->raw ? strlen(eol) : 0;
	struct row_head head = {where, unit, log->nfail,
				log->raw ? (uint32_t)(raw_len + eol_len) : UINT32_MAX,
				(uint32_t)log->row.len};
	/* keys first, the failures after them */
	struct strbuf *out = &log->spooled;
	strbuf_add(out, &head, sizeof head);
	if (log->raw) {
		strbuf_add(out, raw, raw_len);
		strbuf_add(out, eol, eol_len);
	}
	strbuf_add(out, log->row.buf + failures, log->row.len - failures);
	strbuf_add(out, log->row.buf, failures);
	if (log->row.failed || out->failed)
		return -1;
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
