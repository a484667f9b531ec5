/* The profile's shortcuts against the paths they stand for: the dates and
 * date-times read at fixed positions against time_parse_format with every
 * format (valid and invalid fields, leap years, hour 24, second 60, spaces,
 * one-digit fields), and the shape template against the full shape pass on
 * runs of values that share a template or nearly do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile/kinds.h"
#include "util/timeparse.h"
#include "tap.h"

static int mismatches;

/* classify_value's formats, time and date kinds against each format tried
 * by time_parse_format on its own. */
static void same_times(const char *s)
{
	size_t len = strlen(s);
	uint32_t formats = 0;
	int64_t first = 0;
	for (size_t f = 0; f < NTIME_FORMATS; f++) {
		int64_t t;
		if (time_parse_format(time_format(f), s, len, &t)) {
			if (!formats)
				first = t;
			formats |= 1u << f;
		}
	}
	struct value_class vc;
	classify_value(s, len, 2026, &vc);
	bool date = false, datetime = false;
	for (size_t f = 0; f < NTIME_FORMATS; f++)
		if (formats >> f & 1)
			*(time_format_has_time(f) ? &datetime : &date) = true;
	bool same = vc.formats == formats && (!formats || vc.time == first) &&
		    !!(vc.kinds & 1u << KIND_DATE) == date &&
		    !!(vc.kinds & 1u << KIND_DATETIME) == datetime;
	if (!same && mismatches++ < 20)
		fprintf(stderr, "\"%s\": formats %x time %lld, time_parse_format %x %lld\n", s,
			(unsigned)vc.formats, (long long)vc.time, (unsigned)formats,
			(long long)first);
}

static void dates(void)
{
	static const int years[] = {0, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 9999};
	static const int times[][3] = {{0, 0, 0}, {23, 59, 59}, {24, 0, 0}, {12, 60, 0},
				       {12, 0, 60}, {7, 5, 3}};
	static const char *const layouts[] = {
		"%04d-%02d-%02d", "%02d/%02d/%04d", "%04d-%02d-%02d %02d:%02d:%02d",
		"%04d-%02d-%02dT%02d:%02d:%02d", "%04d-%02d-%02dT%02d:%02d:%02dZ",
		" %04d-%02d-%02d", "%04d-%02d-%02d ", "%04d-%d-%d", "%d/%d/%04d",
		"%04d-%02d-%02d %02d:%02d:%02dZ", "%04d-%02d-%02dT%02d:%02d:%02dX",
		"%04d-%02d-%02d  %02d:%02d:%02d", "%04d/%02d/%02d", "%02d-%02d-%04d",
		"%02d/%02d/%04d %02d:%02d:%02d",
	};
	char s[64];
	for (size_t y = 0; y < sizeof years / sizeof *years; y++)
		for (int m = 0; m <= 13; m++)
			for (int d = 0; d <= 32; d++)
				for (size_t l = 0; l < sizeof layouts / sizeof *layouts; l++)
					for (size_t t = 0; t < sizeof times / sizeof *times; t++) {
						bool dmy = layouts[l][1] == '0' && layouts[l][4] == '/';
						bool dmy_dash = layouts[l][1] == '0' && layouts[l][4] == '-';
						if (dmy || dmy_dash)
							snprintf(s, sizeof s, layouts[l], d, m, years[y],
								 times[t][0], times[t][1], times[t][2]);
						else
							snprintf(s, sizeof s, layouts[l], years[y], m, d,
								 times[t][0], times[t][1], times[t][2]);
						same_times(s);
					}
	/* A non-digit where a field's digit belongs, and one byte too many or
	 * too few. */
	static const char *const odd[] = {
		"2026-0a-19", "2026-1--19", "2026--1-19", "202a-01-19", "2026-01-1a", "2026-01-19 1::5:02",
		"2026-01-19 0a:55:02", "2026-01-19T00:55:0Z", "2026-01-19T00:55:02z", "2026-01-19 00:55:022",
		"2026-01-19 00-55-02", "a1/02/2026", "01/0b/2026", "01/02/20x6", "01/02/2026x",
		"1/02/20261", "+1/02/2026", "-1/02/2026", "2026-01-19\t", "2026-01-19T00:55:02+07:00",
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		same_times(odd[i]);
	EXPECT(mismatches == 0);
}

static bool same_bytes(const struct value_bytes *a, const struct value_bytes *b)
{
	return a->shape_len == b->shape_len && memcmp(a->shape, b->shape, a->shape_len + 1) == 0 &&
	       a->classes == b->classes && a->chars == b->chars;
}

/* Values made from a few templates with digits, letters and other bytes
 * changed one at a time, in an order where the template often holds: each
 * must get the full pass's bytes. */
static void templates(void)
{
	static const char *const bases[] = {
		"2026-07-19 00:55:02", "0963546594", "040039101440", "1939-08-16", "HN-00001-001",
		"ab12cd34ef56gh78", "0000-00-00", "x1234567", "12345678", "Số 12 ngõ 3",
		"a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u",
		"9 a 9 a 9 a 9 a 9", "\t1234567 8", "1234567", "0.123456789e10",
	};
	static const char replacements[] = "0123456789aZ- \t.:\x7f\xc3";
	struct shape_template t = {0};
	unsigned seed = 22, bad = 0;
	char s[64];
	for (int round = 0; round < 20000; round++) {
		const char *base = bases[(unsigned)round / 50 % (sizeof bases / sizeof *bases)];
		size_t len = strlen(base);
		memcpy(s, base, len + 1);
		for (int changes = round % 3; changes > 0; changes--) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			/* Mostly a digit for a digit: the template holds. */
			bool digit = s[at] >= '0' && s[at] <= '9' && (seed >> 20) % 4;
			s[at] = digit ? (char)('0' + (seed >> 4) % 10)
				      : replacements[(seed >> 12) % (sizeof replacements - 1)];
		}
		struct value_bytes want, got;
		bool want_valid = value_bytes(s, len, &want);
		bool got_valid = value_bytes_templated(&t, s, len, &got);
		if ((want_valid != got_valid || !same_bytes(&want, &got)) && bad++ < 20)
			fprintf(stderr, "\"%s\": shape %s classes %x chars %u, the pass %s %x %u\n", s,
				got.shape, (unsigned)got.classes, (unsigned)got.chars, want.shape,
				(unsigned)want.classes, (unsigned)want.chars);
	}
	EXPECT(bad == 0);
}

int main(void)
{
	dates();
	templates();
	return TAP_DONE();
}
