/* strbuf: a detached buffer is always a C string, even one never written
 * to (it was returned unterminated). */
#include <stdlib.h>

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
	return tap_failures != 0;
}
