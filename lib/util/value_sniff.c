#include "value_sniff.h"

#include <string.h>

#include "timeparse.h"
#include "values.h"

/* Most specific first: on a tie the earlier one wins. */
static const char *const date_formats[] = {
	"%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
	"%Y-%m-%d %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y",
	"%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d.%m.%Y", "%d.%m.%Y %H:%M:%S", "%m/%d/%Y",
	"%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y%m%d", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S",
};

/* Excel's day numbers for 1954 to 2119: five digits, nothing else. */
static bool is_excel_serial(const char *s)
{
	int64_t v;
	return strlen(s) == 5 && value_integer_in(NUMBER_STYLE_PLAIN, s, 5, &v) && v >= 20000 &&
	       v <= 80000;
}

void sniff_date_format(const char *const *values, size_t n, struct sniffed *out)
{
	*out = (struct sniffed){0};
	for (size_t f = 0; f < sizeof date_formats / sizeof *date_formats; f++) {
		size_t reads = 0;
		int64_t t;
		for (size_t i = 0; i < n; i++)
			reads += time_parse_format(date_formats[f], values[i], strlen(values[i]), &t);
		if (reads > out->reads)
			*out = (struct sniffed){date_formats[f], false, reads};
	}
	size_t serials = 0;
	for (size_t i = 0; i < n; i++)
		serials += is_excel_serial(values[i]);
	if (serials > out->reads)
		*out = (struct sniffed){NULL, true, serials};
	if (2 * out->reads < n || !out->reads)
		*out = (struct sniffed){0};
}

bool sniff_decimal_comma(const char *const *values, size_t n)
{
	static const struct number_style styles[] = {{',', '.'}, {',', ' '}};
	size_t best = 0;
	for (size_t s = 0; s < sizeof styles / sizeof *styles; s++) {
		size_t reads = 0;
		double v;
		for (size_t i = 0; i < n; i++)
			reads += value_number_in(styles[s], values[i], strlen(values[i]), &v);
		if (reads > best)
			best = reads;
	}
	return n && 2 * best > n;
}
