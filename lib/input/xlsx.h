/* Excel workbooks (.xlsx, .xlsm) read as records, streamed: minizip
 * inflates one part at a time and expat parses it as it comes, so memory
 * holds the shared-string table and one row, never the sheet. Cells are
 * kept as written: text as text (00004 stays 00004), numbers as stored
 * unless their number format is a date, time or fixed width of zeros,
 * booleans as TRUE and FALSE; cells and rows missing between the `r`
 * references are empty fields and skipped rows. */
#ifndef DQA_XLSX_H
#define DQA_XLSX_H

#include <stdbool.h>

#include "reader.h"
#include "../util/strbuf.h"

/* Excel's last row. */
enum { XLSX_MAX_ROW = 1048576 };

/* Whether path names a workbook by its extension (.xlsx, .xlsm, any case),
 * ignoring a #SHEET suffix. */
bool xlsx_named(const char *path);

/* The file an input operand reads, into buf: the operand itself, or a
 * workbook's path without its #SHEET; NULL for standard input and a
 * PostgreSQL table, which have no file (no modification time, no bytes
 * to fingerprint). */
const char *xlsx_input_file(const char *operand, char *buf, size_t cap);

/* Appends the reference of the cell in column col (from 0) and row of
 * sheet, as Excel writes it: Sheet1!C17, 'Two words'!C17; a whole row,
 * Sheet1!17:17, when col is SIZE_MAX. */
void xlsx_cell_ref(struct strbuf *out, const char *sheet, size_t col, uint64_t row);

/* Reads the sheet of `path` (a file name, optionally followed by #NAME or
 * #POSITION from 1; otherwise `sheet`, or the first sheet when NULL),
 * passing each row that holds a cell to fn, from dialect->header_row on,
 * with the row number as its line and the sheet's name; every row is padded with empty fields
 * to the first one's width. Stops when fn returns 1. A broken archive,
 * malformed XML, a DOCTYPE, or a part or table beyond dialect->limits is
 * a DQA_EINPUT error. */
int xlsx_scan(const char *path, const char *sheet, const struct dialect *dialect, record_fn fn,
	      void *ctx, dqa_error *err);

#endif
