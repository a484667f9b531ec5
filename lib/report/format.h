/* The one notation of numbers and times in everything a person reads:
 * scores rounded by round_to, decimal and thousands separators per
 * language ("88.89" and "3,376" in en, "88,89" and "3.376" in vi), and
 * times in the local zone (TZ, or --tz through dqa_time_zone_set) with the
 * zone shown. Everything written here is plain text of digits, signs,
 * separators and "UTC", safe in every format without escaping. Machine
 * formats (result.json, CSV codes, the history) do not use this file. */
#ifndef DQA_REPORT_FORMAT_H
#define DQA_REPORT_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "../dqa.h"
#include "../util/strbuf.h"

/* A score with decimals (1 or 2) places, "-" when NaN. */
void put_score(struct strbuf *sb, double v, int decimals, dqa_lang lang);
/* A change in points with its sign ("+1.25", "-0.50", "0.00"), "-" when NaN. */
void put_change(struct strbuf *sb, double v, dqa_lang lang);
/* A count with thousands separators. */
void put_count(struct strbuf *sb, uint64_t n, dqa_lang lang);
/* Machine formats (CSV and JSON of the views): "%.2f" of v rounded by
 * round_to, "%+.2f" when sign, dash when v is NaN. */
void put_plain_number(struct strbuf *sb, double v, bool sign, const char *dash);
/* A coordinate of an SVG drawing: v rounded by round_to to one decimal,
 * '.' as the point whatever the language, no trailing ".0" ("12", "-3.5"). */
void put_svg_number(struct strbuf *sb, double v);
/* Between the items of a list: ", " in en, "; " in vi, where the comma is
 * the decimal separator. */
const char *list_separator(dqa_lang lang);
/* Epoch seconds as a local date and time with its zone:
 * "2026-11-22 07:00 (UTC+07:00)" in en, "22/11/2026 07:00 (UTC+07:00)" in vi. */
void put_time(struct strbuf *sb, int64_t t, dqa_lang lang);
/* An ISO 8601 time from a document the same way; text that does not parse
 * as one is passed to put as it is (put escapes it for the format). */
void put_time_text(struct strbuf *sb, const char *iso, dqa_lang lang,
		   void (*put)(struct strbuf *sb, const char *text));
/* The local date of epoch seconds t: "2026-11-22" in en, "22/11/2026" in vi. */
void put_date(struct strbuf *sb, int64_t t, dqa_lang lang);
/* A calendar day named by its UTC midnight (an ISO week's Monday), in the
 * same notation, whatever the local zone. */
void put_day(struct strbuf *sb, int64_t utc_midnight, dqa_lang lang);

#endif
