/* The value tests the profile runs on every field, against byte-at-a-time
 * readings of their rules: value_trimmed reads eight positions at a time
 * and its last eight again. */
#include "tap.h"
#include "checks/value_tests.h"

static bool trimmed_by_bytes(const char *s, size_t len)
{
	if (len == 0)
		return true;
	const char *edges = " \t\r\n";
	if (memchr(edges, s[0], 4) || memchr(edges, s[len - 1], 4))
		return false;
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return false;
	return true;
}

/* Every length to 26, a pair of spaces (or a space and a tab, which is no
 * pair) starting at every position, and one space at every position. */
static void trimmed_everywhere(void)
{
	char buf[32];
	int wrong = 0;
	for (size_t len = 0; len <= 26; len++)
		for (size_t at = 0; at <= len; at++)
			for (int kind = 0; kind < 3; kind++) {
				memset(buf, 'a', sizeof buf);
				if (at < len)
					buf[at] = ' ';
				if (kind > 0 && at + 1 < len)
					buf[at + 1] = kind == 1 ? ' ' : '\t';
				wrong += value_trimmed(buf, len) != trimmed_by_bytes(buf, len);
			}
	EXPECT(wrong == 0);
	EXPECT(!value_trimmed("abcdefghijklmnop  q", 19) && value_trimmed("abcdefghijklmnop q", 18));
}

int main(void)
{
	trimmed_everywhere();
	return TAP_DONE();
}
