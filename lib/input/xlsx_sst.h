/* A workbook's shared-string table, read by a thread of its own (with its
 * own handle on the archive) while the sheet is parsed: the sheet asks for
 * a string by its index and waits only when the table has not reached it
 * yet. Strings come in batches that never move once published, so a
 * string is read without a lock. Used by xlsx.c. */
#ifndef DQA_XLSX_SST_H
#define DQA_XLSX_SST_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/error.h"

struct limits;
struct xlsx_sst;

/* Starts reading xl/sharedStrings.xml of the workbook file (shown in
 * messages as name); a workbook without one has no strings. */
int xlsx_sst_start(struct xlsx_sst **out, const char *file, const char *name,
		   const struct limits *limits, dqa_error *err);

/* String i: 0 with its text (NUL-terminated) and length; 1 when the table,
 * read to its end, has no string i (*count set to how many it has); -1
 * when reading the table failed (xlsx_sst_finish tells why). */
int xlsx_sst_get(struct xlsx_sst *t, size_t i, const char **s, size_t *len, size_t *count);

/* Stops the reading (abandon: the sheet no longer needs it), waits for the
 * thread and frees the table: 0, or the error that reading the table
 * failed with (into err). */
int xlsx_sst_finish(struct xlsx_sst *t, bool abandon, dqa_error *err);

#endif
