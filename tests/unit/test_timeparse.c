/* Dates: ISO 8601, strftime-like formats, durations, formatting. */
#include <string.h>

#include "tap.h"
#include "util/timeparse.h"

static int64_t iso(const char *s)
{
	int64_t t;
	return time_parse_iso(s, strlen(s), &t) ? t : -1;
}

static int64_t fmt(const char *f, const char *s)
{
	int64_t t;
	return time_parse_format(f, s, strlen(s), &t) ? t : -1;
}

int main(void)
{
	EXPECT(days_from_civil(1970, 1, 1) == 0);
	EXPECT(days_from_civil(2000, 3, 1) == 11017);
	EXPECT(iso("2026-11-22") == 1795305600);
	EXPECT(iso("2026-11-22T07:00:00+07:00") == 1795305600);
	EXPECT(iso("2026-11-22T00:00:00Z") == 1795305600);
	EXPECT(iso("2026-11-22 01:30") == 1795305600 + 5400);
	EXPECT(iso("2024-02-29") > 0 && iso("2023-02-29") == -1 && iso("2026-13-01") == -1);
	EXPECT(iso("2026-11-22T24:00:00") == -1 && iso("2026-11-2") == -1 && iso("") == -1);
	EXPECT(iso("2026-11-22x") == -1 && iso("22/11/2026") == -1);

	EXPECT(fmt("%d/%m/%Y", "22/11/2026") == 1795305600);
	EXPECT(fmt("%d/%m/%Y", "5/1/2026") == fmt("%d/%m/%Y", "05/01/2026"));
	EXPECT(fmt("%Y-%m-%d", "1990-02-30") == -1);
	EXPECT(fmt("%Y-%m-%d", "12/05/1990") == -1);
	EXPECT(fmt("%Y%m%d %H%M%S", "20261122 000001") == 1795305601);
	EXPECT(fmt("%Y-%m-%d", "2026-11-22 ") == -1);
	EXPECT(fmt("100%% %Y", "100% 1970") == 0);
	/* the full-width layouts are read at fixed offsets: the same answers */
	EXPECT(fmt("%Y-%m-%d", "2026-11-22") == 1795305600);
	EXPECT(fmt("%Y-%m-%d", "2024-02-29") == fmt("%Y-%m-%d", "2024-2-29"));
	EXPECT(fmt("%Y-%m-%d", "2023-02-29") == -1 && fmt("%Y-%m-%d", "2026-13-01") == -1);
	EXPECT(fmt("%Y-%m-%d", "2026-00-10") == -1 && fmt("%Y-%m-%d", "2026-01-00") == -1);
	EXPECT(fmt("%Y-%m-%d", "2026/11-22") == -1 && fmt("%Y-%m-%d", "2026-11/22") == -1);
	EXPECT(fmt("%Y-%m-%d", "2026-1a-22") == -1 && fmt("%Y-%m-%d", "20x6-11-22") == -1);
	EXPECT(fmt("%Y-%m-%d", "0000-01-01") == days_from_civil(0, 1, 1) * 86400);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22 00:00:01") == 1795305601);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22 23:59:59") == 1795305600 + 86399);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22 24:00:00") == -1);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22 12:60:00") == -1);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22T00:00:01") == -1);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22 0:00:01") == 1795305601);
	EXPECT(fmt("%Y-%m-%d %H:%M:%S", "2026-11-22") == -1);

	EXPECT(time_format_problem("%Y-%m-%d") == NULL);
	const char *f = "%Y-%q";
	EXPECT(time_format_problem(f) == f + 3);
	EXPECT(time_format_problem("%") != NULL);

	/* Other tools' notations, translated for the hint of a format with no
	 * directive (M is month and m minute, as in Java and moment). */
	EXPECT(!time_format_has_directive("YYYY-MM-DD") && !time_format_has_directive("100%%"));
	EXPECT(time_format_has_directive("%d/%m/%Y") && !time_format_has_directive("50%"));
	static const struct { const char *notation, *format; } notations[] = {
		{"YYYY-MM-DD HH:mm:ss", "%Y-%m-%d %H:%M:%S"}, {"dd/MM/yyyy", "%d/%m/%Y"},
		{"d.M.yyyy H:mm", "%d.%m.%Y %H:%M"}, {"yyyyMMdd", "%Y%m%d"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof notations / sizeof *notations; i++)
		EXPECT(time_format_from_notation(notations[i].notation, out, sizeof out) &&
		       strcmp(out, notations[i].format) == 0);
	EXPECT(!time_format_from_notation("YYYYY", out, sizeof out));
	EXPECT(!time_format_from_notation("ngay DD", out, sizeof out));
	EXPECT(!time_format_from_notation("--", out, sizeof out));
	EXPECT(!time_format_from_notation("YYYY-MM-DD", out, 4));

	/* Every unit of the grammar, and what is refused. */
	static const struct { const char *text; int64_t seconds; } spans[] = {
		{"45s", 45}, {"90min", 90 * 60}, {"36h", 36 * 3600}, {"7d", 7 * 86400},
		{"2w", 14 * 86400}, {"6mo", 180 * 86400}, {"1y", 365 * 86400},
	};
	struct duration dur;
	for (size_t i = 0; i < sizeof spans / sizeof *spans; i++)
		EXPECT(duration_parse(spans[i].text, strlen(spans[i].text), &dur) == DURATION_OK &&
		       duration_seconds(dur) == spans[i].seconds);
	EXPECT(duration_parse("6m", 2, &dur) == DURATION_AMBIGUOUS);
	EXPECT(duration_parse("1M", 2, &dur) == DURATION_AMBIGUOUS);
	static const char *const bad[] = {"d", "7", "7x", "-1d", "7D", "7 d", "7mi", "7mon",
					  "7ms", "1000001d", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		EXPECT(duration_parse(bad[i], strlen(bad[i]), &dur) == DURATION_BAD);

	/* Months keep the day, or clamp it to the month's last. */
	EXPECT(time_add_months(days_from_civil(2024, 2, 29), 12) == days_from_civil(2025, 2, 28));
	EXPECT(time_add_months(days_from_civil(2024, 1, 31), 1) == days_from_civil(2024, 2, 29));
	EXPECT(time_add_months(days_from_civil(2026, 1, 15), -13) == days_from_civil(2024, 12, 15));

	char buf[21];
	time_format_iso(1795305600 + 3661, buf);
	EXPECT_STR(buf, "2026-11-22T01:01:01Z");
	time_format_iso(-1, buf);
	EXPECT_STR(buf, "1969-12-31T23:59:59Z");

	EXPECT(time_day(0) == 0 && time_day(86399) == 0 && time_day(-1) == -1);
	EXPECT(time_year(-1) == 1969 && time_year(1795392000) == 2026);
	int64_t y;
	unsigned mo, d;
	civil_from_days(days_from_civil(2024, 2, 29), &y, &mo, &d);
	EXPECT(y == 2024 && mo == 2 && d == 29);
	int64_t a, b;
	EXPECT(time_parse_as(NULL, "2026-11-22", 10, &a) && time_parse_as("%d/%m/%Y", "22/11/2026", 10, &b));
	EXPECT(a == b && !time_parse_as("%d/%m/%Y", "2026-11-22", 10, &a));
	return TAP_DONE();
}
