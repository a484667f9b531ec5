/* Calendar arithmetic after Howard Hinnant's days_from_civil; parsers that
 * read digits directly so the hot loop never touches locale or sscanf. */
#include "timeparse.h"

#include "../dqa.h"

#include <string.h>

/* days_from_civil's arithmetic, inline in time_from_civil: the profile
 * asks it of every date it reads. */
static inline int64_t civil_days(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	return civil_days(y, m, d);
}

void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(int64_t y, unsigned m)
{
	static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m != 2)
		return days[m - 1];
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return leap ? 29 : 28;
}

struct civil {
	int64_t year;
	unsigned month, day, hour, minute, second;
	int64_t offset_s;
};

bool time_from_civil(int64_t year, unsigned month, unsigned day, unsigned hour,
		     unsigned minute, unsigned second, int64_t *out)
{
	if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
	    minute > 59 || second > 59)
		return false;
	*out = civil_days(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	return true;
}

static bool civil_to_epoch(const struct civil *c, int64_t *out)
{
	if (!time_from_civil(c->year, c->month, c->day, c->hour, c->minute, c->second, out))
		return false;
	*out -= c->offset_s;
	return true;
}

/* Reads between min and max digits at *p; advances *p. */
static bool digits(const char **p, const char *end, int min, int max, unsigned *out)
{
	unsigned v = 0;
	int n = 0;
	while (*p < end && n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n >= min;
}

static bool literal(const char **p, const char *end, char c)
{
	if (*p < end && **p == c) {
		(*p)++;
		return true;
	}
	return false;
}

bool time_parse_iso(const char *s, size_t len, int64_t *out)
{
	const char *p = s, *end = s + len;
	struct civil c = {0};
	unsigned year;
	if (!digits(&p, end, 4, 4, &year) || !literal(&p, end, '-') ||
	    !digits(&p, end, 2, 2, &c.month) || !literal(&p, end, '-') ||
	    !digits(&p, end, 2, 2, &c.day))
		return false;
	c.year = year;
	if (p < end && (*p == 'T' || *p == ' ')) {
		p++;
		if (!digits(&p, end, 2, 2, &c.hour) || !literal(&p, end, ':') ||
		    !digits(&p, end, 2, 2, &c.minute))
			return false;
		if (literal(&p, end, ':') && !digits(&p, end, 2, 2, &c.second))
			return false;
		if (literal(&p, end, 'Z')) {
			/* UTC */
		} else if (p < end && (*p == '+' || *p == '-')) {
			int sign = *p == '-' ? -1 : 1;
			unsigned oh, om;
			p++;
			if (!digits(&p, end, 2, 2, &oh) || !literal(&p, end, ':') ||
			    !digits(&p, end, 2, 2, &om) || oh > 23 || om > 59)
				return false;
			c.offset_s = sign * (int64_t)(oh * 3600 + om * 60);
		}
	}
	return p == end && civil_to_epoch(&c, out);
}

static bool two_digits(const char *p, unsigned *v)
{
	unsigned tens = (unsigned)(unsigned char)p[0] - '0', ones = (unsigned)(unsigned char)p[1] - '0';
	*v = tens * 10 + ones;
	return tens < 10 && ones < 10;
}

/* The two layouts most extracts use, "%Y-%m-%d" and "%Y-%m-%d %H:%M:%S",
 * with every field at full width, read at fixed offsets: false when s is
 * not such a text (a one-digit month, another format), which the general
 * loop then reads exactly as before. */
static bool fixed_layout(const char *fmt, const char *s, size_t len, struct civil *c)
{
	/* Aligned: glibc's AVX2 strcmp takes a slower path for a string in
	 * the last 128 bytes of a page, and this one is compared per value. */
	static const char date[] __attribute__((aligned(128))) = "%Y-%m-%d";
	static const char date_time[] __attribute__((aligned(128))) = "%Y-%m-%d %H:%M:%S";
	enum { DATE_LEN = 10, DATE_TIME_LEN = 19 };
	bool with_time = len == DATE_TIME_LEN;
	if (!(len == DATE_LEN && strcmp(fmt, date) == 0) &&
	    !(with_time && strcmp(fmt, date_time) == 0))
		return false;
	unsigned century, year;
	if (!two_digits(s, &century) || !two_digits(s + 2, &year) || s[4] != '-' ||
	    !two_digits(s + 5, &c->month) || s[7] != '-' || !two_digits(s + 8, &c->day))
		return false;
	c->year = century * 100 + year;
	return !with_time || (s[10] == ' ' && two_digits(s + 11, &c->hour) && s[13] == ':' &&
			      two_digits(s + 14, &c->minute) && s[16] == ':' &&
			      two_digits(s + 17, &c->second));
}

bool time_parse_format(const char *fmt, const char *s, size_t len, int64_t *out)
{
	struct civil fixed = {0};
	if (fixed_layout(fmt, s, len, &fixed))
		return civil_to_epoch(&fixed, out);
	const char *p = s, *end = s + len;
	struct civil c = {.year = 1970, .month = 1, .day = 1};
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			if (!literal(&p, end, *f))
				return false;
			continue;
		}
		unsigned v;
		switch (*++f) {
		case 'Y':
			if (!digits(&p, end, 4, 4, &v))
				return false;
			c.year = v;
			break;
		case 'm': if (!digits(&p, end, 1, 2, &c.month)) return false; break;
		case 'd': if (!digits(&p, end, 1, 2, &c.day)) return false; break;
		case 'H': if (!digits(&p, end, 1, 2, &c.hour)) return false; break;
		case 'M': if (!digits(&p, end, 1, 2, &c.minute)) return false; break;
		case 'S': if (!digits(&p, end, 1, 2, &c.second)) return false; break;
		case '%': if (!literal(&p, end, '%')) return false; break;
		default: return false;
		}
	}
	return p == end && civil_to_epoch(&c, out);
}

bool time_parse_as(const char *fmt, const char *s, size_t len, int64_t *out)
{
	return fmt ? time_parse_format(fmt, s, len, out) : time_parse_iso(s, len, out);
}

int64_t time_day(int64_t t)
{
	return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

int64_t time_year(int64_t t)
{
	int64_t y;
	unsigned m, d;
	civil_from_days(time_day(t), &y, &m, &d);
	return y;
}

const char *time_format_problem(const char *fmt)
{
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		if (!f[1] || !strchr("YmdHMS%", f[1]))
			return f;
		f++;
	}
	return NULL;
}

bool time_format_has_directive(const char *fmt)
{
	for (const char *f = fmt; (f = strchr(f, '%')); f += 2)
		if (f[1] && f[1] != '%')
			return true;
		else if (!f[1])
			return false;
	return false;
}

bool time_format_from_notation(const char *notation, char *out, size_t cap)
{
	/* Case matters for M (month) and m (minute), as in Java and moment;
	 * the others are read in either case. */
	static const struct { const char *token, *directive; } tokens[] = {
		{"YYYY", "%Y"}, {"yyyy", "%Y"}, {"MM", "%m"}, {"M", "%m"}, {"DD", "%d"},
		{"dd", "%d"}, {"D", "%d"}, {"d", "%d"}, {"HH", "%H"}, {"hh", "%H"},
		{"H", "%H"}, {"mm", "%M"}, {"m", "%M"}, {"ss", "%S"}, {"SS", "%S"}, {"s", "%S"},
	};
	size_t o = 0;
	bool any = false;
	for (const char *p = notation; *p;) {
		const char *directive = "";
		size_t used = 0;
		for (size_t i = 0; i < sizeof tokens / sizeof *tokens && !used; i++) {
			size_t n = strlen(tokens[i].token);
			if (strncmp(p, tokens[i].token, n) == 0 &&
			    !(p[n] == p[n - 1]))     /* a whole run: no YYYYY */
				directive = tokens[i].directive, used = n;
		}
		if (!used && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '%'))
			return false;
		const char *piece = used ? directive : (char[2]){*p, '\0'};
		size_t len = strlen(piece);
		if (o + len >= cap)
			return false;
		memcpy(out + o, piece, len);
		o += len;
		p += used ? used : 1;
		any |= used > 0;
	}
	out[o] = '\0';
	return any;
}

/* Spans far beyond any data's lifetime are a typo; the bound also keeps
 * amount * seconds within int64_t. */
enum { DURATION_MAX_AMOUNT = 1000000 };

enum duration_parse_result duration_parse(const char *s, size_t len, struct duration *out)
{
	static const struct { const char *name; enum duration_unit unit; } units[] = {
		{"s", DUR_S}, {"min", DUR_MIN}, {"h", DUR_H}, {"d", DUR_D},
		{"w", DUR_W}, {"mo", DUR_MO}, {"y", DUR_Y},
	};
	size_t digits = 0;
	int64_t n = 0;
	for (; digits < len && s[digits] >= '0' && s[digits] <= '9'; digits++) {
		n = n * 10 + (s[digits] - '0');
		if (n > DURATION_MAX_AMOUNT)
			return DURATION_BAD;
	}
	const char *unit = s + digits;
	size_t unit_len = len - digits;
	if (!digits || !unit_len)
		return DURATION_BAD;
	if (unit_len == 1 && (*unit == 'm' || *unit == 'M'))
		return DURATION_AMBIGUOUS;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strlen(units[i].name) == unit_len && !memcmp(units[i].name, unit, unit_len)) {
			*out = (struct duration){n, units[i].unit};
			return DURATION_OK;
		}
	return DURATION_BAD;
}

int64_t duration_seconds(struct duration d)
{
	static const int64_t seconds[] = {
		[DUR_S] = 1, [DUR_MIN] = 60, [DUR_H] = 3600, [DUR_D] = 86400,
		[DUR_W] = 7 * 86400, [DUR_MO] = 30 * 86400, [DUR_Y] = 365 * 86400,
	};
	return d.amount * seconds[d.unit];
}

int64_t time_add_months(int64_t day, int64_t months)
{
	enum { MONTHS_PER_YEAR = 12 };
	int64_t y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	int64_t index = y * MONTHS_PER_YEAR + (m - 1) + months;
	int64_t ny = index >= 0 ? index / MONTHS_PER_YEAR : (index - 11) / MONTHS_PER_YEAR;
	unsigned nm = (unsigned)(index - ny * MONTHS_PER_YEAR) + 1;
	unsigned last = days_in_month(ny, nm);
	return days_from_civil(ny, nm, 1) + (d < last ? d : last) - 1;
}

void time_format_iso(int64_t t, char buf[21])
{
	int64_t days = time_day(t);
	int64_t secs = t - days * 86400;
	int64_t y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	int year = (int)(y < 0 ? 0 : y > 9999 ? 9999 : y);
	unsigned hh = (unsigned)(secs / 3600), mm = (unsigned)(secs % 3600 / 60),
		 ss = (unsigned)(secs % 60);
	buf[0] = (char)('0' + year / 1000);
	buf[1] = (char)('0' + year / 100 % 10);
	buf[2] = (char)('0' + year / 10 % 10);
	buf[3] = (char)('0' + year % 10);
	unsigned parts[] = {m, d, hh, mm, ss};
	const char seps[] = {'-', '-', 'T', ':', ':'};
	char *o = buf + 4;
	for (int i = 0; i < 5; i++) {
		*o++ = seps[i];
		*o++ = (char)('0' + parts[i] / 10);
		*o++ = (char)('0' + parts[i] % 10);
	}
	*o++ = 'Z';
	*o = '\0';
}

int dqa_time_parse(const char *text, int64_t *out)
{
	return time_parse_iso(text, strlen(text), out) ? DQA_OK : DQA_EARG;
}

int dqa_duration_parse(const char *text, int64_t *seconds, const char **problem)
{
	struct duration d;
	switch (duration_parse(text, strlen(text), &d)) {
	case DURATION_OK:
		*seconds = duration_seconds(d);
		return DQA_OK;
	case DURATION_AMBIGUOUS:
		*problem = "write 'min' for minutes or 'mo' for months";
		return DQA_EARG;
	default:
		*problem = NULL;
		return DQA_EARG;
	}
}
