/* See format.h. */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../util/error.h"
#include "../util/round.h"
#include "../util/timeparse.h"

void put_score(struct strbuf *sb, double v, int decimals, dqa_lang lang)
{
	if (isnan(v)) {
		strbuf_putc(sb, '-');
		return;
	}
	double r = round_to(v, decimals);
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals == 1 ? 1 : 2, r == 0 ? 0.0 : r);
	if (lang == DQA_LANG_VI) {
		char *dot = strchr(buf, '.');
		if (dot)
			*dot = ',';
	}
	strbuf_puts(sb, buf);
}

void put_change(struct strbuf *sb, double v, dqa_lang lang)
{
	if (!isnan(v) && round_to(v, 2) > 0)
		strbuf_putc(sb, '+');
	put_score(sb, v, 2, lang);
}

void put_count(struct strbuf *sb, uint64_t n, dqa_lang lang)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
	char sep = lang == DQA_LANG_VI ? '.' : ',';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			strbuf_putc(sb, sep);
		strbuf_putc(sb, digits[i]);
	}
}

void put_plain_number(struct strbuf *sb, double v, bool sign, const char *dash)
{
	if (isnan(v)) {
		strbuf_puts(sb, dash);
		return;
	}
	double r = round_to(v, 2);
	strbuf_printf(sb, sign ? "%+.2f" : "%.2f", r == 0 ? 0.0 : r);
}

void put_svg_number(struct strbuf *sb, double v)
{
	long tenths = lround(round_to(v, 1) * 10);
	if (tenths < 0) {
		strbuf_putc(sb, '-');
		tenths = -tenths;
	}
	strbuf_printf(sb, "%ld", tenths / 10);
	if (tenths % 10)
		strbuf_printf(sb, ".%ld", tenths % 10);
}

const char *list_separator(dqa_lang lang)
{
	return lang == DQA_LANG_VI ? "; " : ", ";
}

static void put_ymd(struct strbuf *sb, int year, int month, int day, dqa_lang lang)
{
	if (lang == DQA_LANG_VI)
		strbuf_printf(sb, "%02d/%02d/%04d", day, month, year);
	else
		strbuf_printf(sb, "%04d-%02d-%02d", year, month, day);
}

static bool local(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;
	return localtime_r(&tt, tm) != NULL;
}

void put_time(struct strbuf *sb, int64_t t, dqa_lang lang)
{
	struct tm tm;
	if (!local(t, &tm)) {
		strbuf_putc(sb, '-');
		return;
	}
	put_ymd(sb, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, lang);
	strbuf_printf(sb, " %02d:%02d (UTC", tm.tm_hour, tm.tm_min);
	long off = tm.tm_gmtoff;
	if (off)
		strbuf_printf(sb, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600,
			      labs(off) % 3600 / 60);
	strbuf_putc(sb, ')');
}

void put_time_text(struct strbuf *sb, const char *iso, dqa_lang lang,
		   void (*put)(struct strbuf *sb, const char *text))
{
	int64_t t;
	if (iso[0] && time_parse_iso(iso, strlen(iso), &t))
		put_time(sb, t, lang);
	else
		put(sb, iso);
}

void put_date(struct strbuf *sb, int64_t t, dqa_lang lang)
{
	struct tm tm;
	if (!local(t, &tm)) {
		strbuf_putc(sb, '-');
		return;
	}
	put_ymd(sb, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, lang);
}

void put_day(struct strbuf *sb, int64_t utc_midnight, dqa_lang lang)
{
	int64_t y;
	unsigned m, d;
	civil_from_days(time_day(utc_midnight), &y, &m, &d);
	put_ymd(sb, (int)y, (int)m, (int)d, lang);
}

/* A zone name as the tz database spells it ("Asia/Ho_Chi_Minh", "UTC"):
 * letters, digits, _ + - and / between parts, never "..", so the check
 * below cannot be led out of the zone folder. */
static bool zone_name_ok(const char *zone)
{
	if (!zone[0] || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 64)
		return false;
	return zone[strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				 "0123456789_+-/")] == '\0';
}

int dqa_time_zone_set(const char *zone, dqa_error *err)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir && dir[0] ? dir : "/usr/share/zoneinfo", zone);
	bool known = zone_name_ok(zone) && stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (!known && strcmp(zone, "UTC") != 0)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"unknown time zone '%s': use a tz database name such as "
				"Asia/Ho_Chi_Minh or UTC", zone);
	setenv("TZ", zone, 1);
	tzset();
	return 0;
}
