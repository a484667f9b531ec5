/* count_line_ends against a byte-by-byte count (LF, CRLF, bare CR): every length and offset
 * around the 16-byte steps, and runs long enough to pass the 255-round
 * lane limit, where a lane would wrap if it were not summed in time. */
#include <stdlib.h>
#include <string.h>

#include "input/newlines.h"
#include "tap.h"

static uint64_t slow_count(const char *p, size_t len)
{
	uint64_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += p[i] == '\n' || (p[i] == '\r' && (i + 1 == len || p[i + 1] != '\n'));
	return n;
}

int main(void)
{
	enum { SIZE = 16 * 600 + 37 };
	char *buf = malloc(SIZE);
	EXPECT(buf != NULL);
	/* all newlines: every lane counts every round */
	memset(buf, '\n', SIZE);
	EXPECT(count_line_ends(buf, SIZE) == SIZE);
	EXPECT(count_line_ends(buf + 3, SIZE - 3) == SIZE - 3);
	/* none, and bytes that differ from '\n' by one bit */
	memset(buf, '\n' ^ 0x80, SIZE);
	EXPECT(count_line_ends(buf, SIZE) == 0);
	EXPECT(count_line_ends("a\r\nb\rc\n\r", 9) == 4);
	EXPECT(count_line_ends("\r\r\n", 3) == 2);
	/* a pseudo-random mix, at every start offset and many lengths */
	unsigned seed = 12345;
	for (size_t i = 0; i < SIZE; i++) {
		seed = seed * 1103515245 + 12345;
		unsigned r = (seed >> 16) % 9;
		buf[i] = r == 0 ? '\n' : r == 1 ? '\r' : (char)('a' + (seed >> 20) % 26);
	}
	for (size_t off = 0; off < 33; off++)
		for (size_t len = 0; off + len <= SIZE; len += len < 64 ? 1 : 509)
			EXPECT(count_line_ends(buf + off, len) == slow_count(buf + off, len));
	EXPECT(count_line_ends(buf, SIZE) == slow_count(buf, SIZE));
	free(buf);
	return TAP_DONE();
}
