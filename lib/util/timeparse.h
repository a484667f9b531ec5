/* Dates and times without locale or sscanf: ISO 8601, strftime-like formats
 * (%Y %m %d %H %M %S %%) and durations such as 7d, 36h or 6mo. */
#ifndef DQA_TIMEPARSE_H
#define DQA_TIMEPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

/* The inverse: year, month (1-12) and day (1-31) of a day count. */
void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Epoch seconds of a UTC date and time; false when it is none (month 0 or
 * 13, February 29 of a common year, hour 24, second 60). */
bool time_from_civil(int64_t year, unsigned month, unsigned day, unsigned hour,
		     unsigned minute, unsigned second, int64_t *out);

/* YYYY-MM-DD, optionally followed by T or space and HH:MM[:SS], optionally
 * Z or +HH:MM / -HH:MM. Naive times are UTC. */
bool time_parse_iso(const char *s, size_t len, int64_t *out);

/* Parses s with a strftime-like format; the whole value must be consumed and
 * be a real calendar date. */
bool time_parse_format(const char *fmt, const char *s, size_t len, int64_t *out);

/* time_parse_format with fmt, or time_parse_iso when fmt is NULL. */
bool time_parse_as(const char *fmt, const char *s, size_t len, int64_t *out);

/* The day (since 1970-01-01, UTC) holding epoch second t. */
int64_t time_day(int64_t t);

/* The UTC calendar year holding epoch second t. */
int64_t time_year(int64_t t);

/* NULL when fmt only uses supported directives, else a pointer to the first
 * unsupported '%'. */
const char *time_format_problem(const char *fmt);

/* Whether fmt holds a directive at all ("YYYY-MM-DD" holds none). */
bool time_format_has_directive(const char *fmt);

/* The strftime-like format for a date written in another notation
 * (YYYY-MM-DD HH:mm:ss, dd/MM/yyyy, as spreadsheets and Java write them):
 * true with the translation in out, false when some letter run of the
 * notation is none dqa knows or out is too small. */
bool time_format_from_notation(const char *notation, char *out, size_t cap);

/* The one duration grammar of rule files (dqa-rules(5), VALUE GRAMMARS): a
 * whole number and a unit, s min h d w mo y. */
enum duration_unit { DUR_S, DUR_MIN, DUR_H, DUR_D, DUR_W, DUR_MO, DUR_Y };

struct duration {
	int64_t amount;
	enum duration_unit unit;
};

enum duration_parse_result { DURATION_OK, DURATION_BAD, DURATION_AMBIGUOUS };

/* Parses all of s (len bytes). DURATION_AMBIGUOUS: the unit is a bare 'm' or
 * 'M', which could mean minutes or months. */
enum duration_parse_result duration_parse(const char *s, size_t len, struct duration *out);

/* The duration as a span of seconds, a month counted as 30 days and a year
 * as 365 (calendar arithmetic: time_add_months). */
int64_t duration_seconds(struct duration d);

/* Moves a day (since 1970-01-01) by whole months, keeping the day of the
 * month where it exists and clamping it to the month's last day where not
 * (Feb 29 + 12 months = Feb 28). */
int64_t time_add_months(int64_t day, int64_t months);

/* Formats epoch seconds as 2026-11-22T23:00:00Z into buf (21 bytes). */
void time_format_iso(int64_t t, char buf[21]);

#endif
