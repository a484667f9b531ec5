/* ISO 8601 weeks: parsing "YYYY-Www" to its Monday and labelling a time.
 * Expected values from Python's date.fromisocalendar / isocalendar. */
#include "dqa.h"
#include "tap.h"

static int64_t day(const char *iso)
{
	int64_t t = 0;
	dqa_time_parse(iso, &t);
	return t;
}

static void expect_monday(const char *week, const char *monday)
{
	int64_t t = -1;
	EXPECT(dqa_iso_week_parse(week, &t) == 0);
	EXPECT(t == day(monday));
}

static void expect_label(const char *when, const char *label)
{
	char out[16];
	dqa_iso_week_format(day(when), out);
	EXPECT_STR(out, label);
}

int main(void)
{
	expect_monday("2026-W48", "2026-11-23");
	expect_monday("2020-W53", "2020-12-28");
	expect_monday("2015-W53", "2015-12-28");
	expect_monday("2009-W53", "2009-12-28");
	expect_monday("2024-W01", "2024-01-01");
	expect_monday("2025-W01", "2024-12-30");
	expect_monday("2027-W01", "2027-01-04");
	int64_t t;
	EXPECT(dqa_iso_week_parse("2025-W53", &t) == DQA_EARG);   /* 52-week year */
	EXPECT(dqa_iso_week_parse("2021-W53", &t) == DQA_EARG);
	EXPECT(dqa_iso_week_parse("2026-W00", &t) == DQA_EARG);
	EXPECT(dqa_iso_week_parse("2026W48", &t) == DQA_EARG);
	EXPECT(dqa_iso_week_parse("2026-W4", &t) == DQA_EARG);
	expect_label("2027-01-01", "2026-W53");
	expect_label("2021-01-03T23:59:59Z", "2020-W53");
	expect_label("2024-12-30", "2025-W01");
	expect_label("2026-11-22T23:00:00Z", "2026-W47");
	expect_label("2026-11-23", "2026-W48");
	expect_label("1969-12-31", "1970-W01");
	return tap_failures;
}
