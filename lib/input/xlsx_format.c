/* Number formats and serial dates of Excel workbooks (ECMA-376 part 1,
 * 18.8.30 for the built-in formats). */
#include "xlsx_format.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct xlsx_format xlsx_builtin_format(unsigned id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return (struct xlsx_format){XLSX_DATE, 0};
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
		return (struct xlsx_format){XLSX_TIME, 0};
	if (id == 22)
		return (struct xlsx_format){XLSX_DATETIME, 0};
	return (struct xlsx_format){XLSX_GENERAL, 0};
}

struct xlsx_format xlsx_code_format(const char *code)
{
	size_t zeros = strspn(code, "0");
	if (zeros >= 2 && zeros < 256 && code[zeros] == '\0')
		return (struct xlsx_format){XLSX_ZEROS, (unsigned char)zeros};
	bool date = false, time = false;
	/* Only the first section (before ';') decides; quoted text, escaped
	 * characters and bracketed colours or locales are not format letters,
	 * but [h], [m] and [s] are elapsed time. */
	for (const char *p = code; *p && *p != ';'; p++) {
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				break;
			p = q;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			time |= strchr("hHmMsS", p[1]) && p[1];
			const char *q = strchr(p, ']');
			if (!q)
				break;
			p = q;
		} else if (strchr("yYdD", *p)) {
			date = true;
		} else if (strchr("hHsS", *p)) {
			time = true;
		}
	}
	enum xlsx_kind kind = date && time ? XLSX_DATETIME : date ? XLSX_DATE
			    : time ? XLSX_TIME : XLSX_GENERAL;
	return (struct xlsx_format){(unsigned char)kind, 0};
}

/* The civil date of a day count from 1970-01-01 (Howard Hinnant's
 * algorithm). */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* Day counts from 1970-01-01 of each epoch's day 0: 1899-12-30 (serials
 * from 61 on, past the 1900-02-29 that Lotus 1-2-3 invented and Excel
 * kept), 1899-12-31 (serials before it) and 1904-01-01. */
enum { EPOCH_1900 = -25569, EPOCH_1900_EARLY = -25568, EPOCH_1904 = -24107 };

/* Serial numbers up to the year 9999. */
#define MAX_SERIAL 2958466.0

void xlsx_number_text(struct strbuf *out, const char *v, size_t len, struct xlsx_format f,
		      bool date1904)
{
	char *end;
	double serial = len ? strtod(v, &end) : NAN;
	bool number = len && end == v + len && isfinite(serial);
	if (f.kind == XLSX_ZEROS && number && serial == floor(serial) && fabs(serial) < 1e15) {
		long long n = (long long)serial;
		strbuf_printf(out, "%s%0*lld", n < 0 ? "-" : "", (int)f.width, n < 0 ? -n : n);
		return;
	}
	if (f.kind == XLSX_GENERAL || f.kind == XLSX_ZEROS || !number || serial < 0 ||
	    serial > MAX_SERIAL) {
		strbuf_add(out, v, len);
		return;
	}
	int64_t days = (int64_t)floor(serial);
	long long secs = llround((serial - (double)days) * 86400.0);
	if (secs >= 86400)
		days++, secs -= 86400;
	int64_t epoch = date1904 ? EPOCH_1904 : days >= 61 ? EPOCH_1900 : EPOCH_1900_EARLY;
	int64_t y;
	unsigned m, d;
	civil(days + epoch, &y, &m, &d);
	if (f.kind != XLSX_TIME)
		strbuf_printf(out, "%04lld-%02u-%02u", (long long)y, m, d);
	if (f.kind == XLSX_DATETIME)
		strbuf_putc(out, 'T');
	if (f.kind != XLSX_DATE)
		strbuf_printf(out, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
}
