/* ISO 8601 weeks: weeks start on Monday and week 1 is the one holding
 * January 4th, so a year has 52 or 53 weeks and its first days may belong
 * to the previous year's last week. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dqa.h"
#include "../util/timeparse.h"
#include "store_derive.h"

enum { DAY = 86400 };

/* Day number (since 1970-01-01) of the Monday of week 1 of an ISO year. */
static int64_t week1_monday(int64_t year)
{
	int64_t jan4 = days_from_civil(year, 1, 4);
	/* Day 0 was a Thursday: with Monday as 0, a day's weekday is (d + 3) mod 7. */
	int64_t weekday = ((jan4 + 3) % 7 + 7) % 7;
	return jan4 - weekday;
}

int dqa_iso_week_parse(const char *text, int64_t *monday)
{
	char *end;
	int64_t day;
	if (strlen(text) == 10 && time_parse_format("%Y-%m-%d", text, 10, &day)) {
		/* A date stands for its ISO week, which starts on Monday. */
		*monday = history_week_monday(day);
		return 0;
	}
	if (strlen(text) != 8 || text[4] != '-' || text[5] != 'W')
		return DQA_EARG;
	for (int i = 0; i < 8; i++)
		if (i != 4 && i != 5 && (text[i] < '0' || text[i] > '9'))
			return DQA_EARG;
	long year = strtol(text, &end, 10);
	long week = strtol(text + 6, &end, 10);
	int64_t first = week1_monday(year);
	int64_t weeks = (week1_monday(year + 1) - first) / 7;
	if (week < 1 || week > weeks)
		return DQA_EARG;
	*monday = (first + 7 * (week - 1)) * DAY;
	return 0;
}

void dqa_iso_week_format(int64_t t, char *out)
{
	int64_t thursday = history_week_monday(t) / DAY + 3;
	/* The ISO year is the calendar year of the week's Thursday. */
	char iso[21];
	time_format_iso(thursday * DAY, iso);
	int64_t year = strtol(iso, NULL, 10);
	int64_t week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
	snprintf(out, 9, "%04lld-W%02lld", (long long)year, (long long)week);
}
