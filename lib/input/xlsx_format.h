/* Cell values of a workbook as text: number formats classified from their
 * codes (dates, times, fixed widths of zeros) and serial numbers rendered
 * as ISO 8601 in the workbook's epoch (1900 or 1904). */
#ifndef DQA_XLSX_FORMAT_H
#define DQA_XLSX_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/strbuf.h"

enum xlsx_kind { XLSX_GENERAL, XLSX_DATE, XLSX_TIME, XLSX_DATETIME, XLSX_ZEROS };

struct xlsx_format {
	unsigned char kind;   /* enum xlsx_kind */
	unsigned char width;  /* XLSX_ZEROS: digits */
};

/* The format of built-in number format id (0-163). */
struct xlsx_format xlsx_builtin_format(unsigned id);
/* The format of a custom format code such as "yyyy-mm-dd" or "00000". */
struct xlsx_format xlsx_code_format(const char *code);

/* Appends the text of number `v` (as stored in the cell) in format f to
 * out: a serial date, time or date-time as ISO 8601 (date1904: the 1904
 * epoch), an integer padded with zeros, anything else as stored. */
void xlsx_number_text(struct strbuf *out, const char *v, size_t len, struct xlsx_format f,
		      bool date1904);

#endif
