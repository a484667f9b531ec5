/* The row log: every row that failed a row-level check, with its failures,
 * and for the valid/invalid split every record's text, kept on disk while
 * the audit runs (memory stays flat). Each worker appends to its own spool
 * in file order (a worker takes blocks in order), rows judged after the
 * scan (clean.unique) are kept apart, and the reader merges them all back
 * into file order: the same rows for any thread count or block size. */
#ifndef DQA_ROWLOG_H
#define DQA_ROWLOG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dqa.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* A logged row's position: input << ROWLOG_INPUT_SHIFT | line, so that
 * positions compare in file order. */
enum { ROWLOG_INPUT_SHIFT = 48 };

/* A spool of rows in file order: a worker's, or a shard's saved rows,
 * whose unit numbers are the shard's (units maps them to the log's). */
struct rowlog_spool {
	FILE *f;
	const size_t *units;          /* NULL: the log's own numbers */
	size_t nunits;
};

/* What the writers need to know of a check. */
struct rowlog_check {
	const char *id, *kind;
	/* what the check's label for people is made from (the report's
	 * labels.h), each NULL when the rule does not give it */
	const char *label_en, *label_vi, *type, *expr;
	const char **columns;
	size_t ncols;
	size_t first_col;             /* the header index of columns[0]; SIZE_MAX: none */
	bool error;                   /* severity error (the default): a failing
					 record is invalid */
};

/* A failed row's position after the scan (clean.unique): where, check,
 * unit, and its key values and failure in `late_data`. */
struct rowlog_late {
	uint64_t where;
	uint32_t check, unit;
	size_t at, len;               /* its bytes in late_data */
};

struct rowlog {
	bool raw;                     /* every record with its text (the split) */
	bool every_record;            /* every record, even with no failure */
	bool unmasked;                /* pii values as read */
	size_t nkey;
	const int *key_cols;          /* header indexes of dataset.key */
	/* the writer's: this worker's spool and the current row */
	FILE *spool;
	struct strbuf row;            /* the current row's failures */
	struct strbuf spooled;        /* rows not yet in the spool */
	uint32_t nfail;
	bool io_failed;
	/* after merging, on the first plan: every worker's spool (and every
	 * shard's saved rows) and the late rows, then what the reader needs */
	struct rowlog_spool *spools;
	size_t nspools;
	struct rowlog_late *late;
	size_t nlate, late_cap;
	struct strbuf late_data;
	struct arena arena;
	const char **key_names;
	struct rowlog_check *checks;
	size_t nchecks;
	const char **unit_names;
	const char **unit_full_names;   /* the expected units' names for people
					   (NULL each when not known); set by
					   the audit */
	size_t nunits;
	const char *const *inputs;
	size_t ninputs;
	const char **sheets;          /* each input's workbook sheet or NULL; NULL when
					 no input is a workbook */
	bool show_paths;              /* inputs as given (dqa_audit_options) */
	const char *header;           /* the first input's header line, with its end */
	size_t header_len;
	const char *eol;              /* for a last record without one */
};

/* A new log (NULL when out of memory) */
struct rowlog *rowlog_new(bool raw, bool every_record, bool unmasked, const int *key_cols,
			  size_t nkey);
void rowlog_free(struct rowlog *log);

/* Writing, from plan_row: a row starts, its failures are added, and it is
 * written out when it failed (or every record is kept). Values are masked
 * when pii[i] (unless unmasked). */
static inline void rowlog_row_start(struct rowlog *log)
{
	log->nfail = 0;
	log->row.len = 0;   /* read by length only: no terminator needed */
}
void rowlog_fail(struct rowlog *log, uint32_t check, const char *note,
		 const char *const *values, const size_t *lens, const int *cols,
		 size_t ncols, const bool *pii);
/* Whether the row must be written: it failed, or every record is kept. */
static inline bool rowlog_row_kept(const struct rowlog *log)
{
	return log->nfail || log->every_record;
}
/* Writes a kept row: its key values (from fields) and, with raw, its text
 * (raw_len bytes, then eol). Returns 0, or -1 when the spool cannot be
 * made or written. */
int rowlog_row_end(struct rowlog *log, uint64_t where, uint32_t unit, const char *const *fields,
		   const size_t *lens, const bool *pii, const char *raw, size_t raw_len,
		   const char *eol);
/* A failure found after the scan, in the first plan's log: key values as
 * in values when a key column is among cols (else empty). false when out
 * of memory. */
bool rowlog_late(struct rowlog *log, uint64_t where, uint32_t unit, uint32_t check,
		 const char *note, const char *const *values, const size_t *lens, const int *cols,
		 size_t ncols, const bool *pii);
/* Moves from's spool into into's list (the thread merge), after writing
 * out the rows it still buffers (io_failed, of both, when it cannot). */
bool rowlog_adopt(struct rowlog *into, struct rowlog *from);

/* A shard's rows for dqa merge: every spool of log (rowlog_adopt(log, log)
 * done), merged into file order, written to out in the spool's layout;
 * *crc and *len get the CRC-32 and length of what was written. 0 or
 * DQA_EIO / DQA_ENOMEM. */
int rowlog_save(const struct rowlog *log, FILE *out, uint32_t *crc, uint64_t *len,
		dqa_error *err);
/* Adds the rows rowlog_save wrote to f (the log closes it), their units
 * mapped through units (nunits of them, copied; NULL: the log's own
 * numbers, as a worker's spool). A saved row that does not decode is an
 * error of the reader (the spool is corrupt). false when out of memory. */
bool rowlog_add_saved(struct rowlog *log, FILE *f, const size_t *units, size_t nunits);

/* One row as the reader gives it, in file order. */
struct rowlog_failure {
	uint32_t check;
	const char *note;
	size_t note_len;
	const char **values;
	size_t *lens;
};

struct rowlog_row {
	uint64_t line;
	uint32_t input, unit;
	const char *raw;              /* NULL unless the log keeps records */
	size_t raw_len;
	const char **keys;
	size_t *key_lens;
	struct rowlog_failure *failures;   /* sorted by check */
	size_t nfailures;
};

struct rowlog_reader;
struct rowlog_rows;

/* Reads log from its start (it may be read again). NULL out of memory. */
struct rowlog_reader *rowlog_read(const struct rowlog *log, dqa_error *err);
/* The next row, or NULL at the end or on an error (*err filled, code set). */
const struct rowlog_row *rowlog_next(struct rowlog_reader *r, dqa_error *err);
void rowlog_read_end(struct rowlog_reader *r);

/* The same rows in two steps, for a reader and a decoder on different
 * threads: rowlog_read_rows appends the next rows in file order, each
 * with all its failures, to out until it holds want bytes or the rows end
 * (out unchanged: the end); 0, or an error (*err filled). */
int rowlog_read_rows(struct rowlog_reader *r, struct strbuf *out, size_t want, dqa_error *err);
/* A decoder of those bytes (NULL out of memory) */
struct rowlog_rows *rowlog_rows_new(const struct rowlog *log);
void rowlog_rows_free(struct rowlog_rows *d);
/* The row at *at, which then points past it; valid until the next call.
 * NULL when it does not decode (*err filled). */
const struct rowlog_row *rowlog_rows_next(struct rowlog_rows *d, const char **at, dqa_error *err);

#endif
