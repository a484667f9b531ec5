/* What a column's values are written as, guessed from a sample of them:
 * the date format that reads most of them, or a number style with a
 * decimal comma. Lint suggests it when a declared format reads few values,
 * and the audit's type and date checks when they fail nearly every value. */
#ifndef DQA_VALUE_SNIFF_H
#define DQA_VALUE_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

/* A guess and how many of the sample values it reads. */
struct sniffed {
	const char *format;   /* a strftime-like date format, NULL for none */
	bool excel_serial;    /* whole numbers of days since 1899-12-30 */
	size_t reads;         /* of the n values */
};

/* The date format among the common ones (ISO dates and date-times with or
 * without seconds, %d/%m/%Y, %d-%m-%Y, %m/%d/%Y, %Y%m%d, %d.%m.%Y, each with
 * or without a time) that reads most of values[0, n), or Excel serial day
 * numbers; format NULL and reads 0 when none reads half of them. */
void sniff_date_format(const char *const *values, size_t n, struct sniffed *out);

/* Whether most of values[0, n) read as numbers with a decimal comma (and
 * '.' or ' ' between thousands): "1,5", "1.234,5". */
bool sniff_decimal_comma(const char *const *values, size_t n);

#endif
