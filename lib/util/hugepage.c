#include "hugepage.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void *hugepage_alloc(size_t bytes)
{
	void *p;
	if (posix_memalign(&p, HUGE_PAGE_BYTES, bytes) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);   /* a hint: without it, small pages */
#endif
	return p;
}

bool hugepage_strbuf(struct strbuf *sb, size_t cap)
{
	if (sb->failed || sb->cap >= cap)
		return !sb->failed;
	char *buf = hugepage_alloc(cap);
	if (!buf || sb->len >= cap) {
		free(buf);
		sb->failed = true;
		return false;
	}
	if (sb->len)
		memcpy(buf, sb->buf, sb->len);
	buf[sb->len] = '\0';
	free(sb->buf);
	sb->buf = buf;
	sb->cap = cap;
	return true;
}
