/* strbuf: a detached buffer is always a C string, even one never written
 * to (it was returned unterminated); room reserved and written in place
 * ends as one too, whether or not the buffer had to grow. */
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "tap.h"

int main(void)
{
	struct strbuf empty = STRBUF_INIT;
	char *s = strbuf_detach(&empty);
	EXPECT(s != NULL);
	EXPECT_STR(s, "");
	free(s);

	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "ward");
	EXPECT(strbuf_grow(&sb, 100));
	s = strbuf_detach(&sb);
	EXPECT_STR(s, "ward");
	EXPECT(sb.buf == NULL && sb.len == 0);
	free(s);

	struct strbuf inplace = STRBUF_INIT;
	for (int round = 0; round < 200; round++) {
		EXPECT(strbuf_reserve(&inplace, 7));
		char *p = inplace.buf + inplace.len;
		memcpy(p, "phuong,", 7);
		strbuf_written(&inplace, p + 7);
	}
	EXPECT(inplace.len == 1400 && strlen(inplace.buf) == 1400);
	EXPECT(!memcmp(inplace.buf + 1393, "phuong,", 7));
	strbuf_release(&inplace);
	return tap_failures != 0;
}
