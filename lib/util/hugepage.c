#include "hugepage.h"

#include <stdlib.h>
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

bool hugepage_strbuf(struct strbuf *sb, size_t bytes)
{
	char *buf = hugepage_alloc(bytes);
	if (!buf)
		return false;
	buf[0] = '\0';
	*sb = (struct strbuf){buf, 0, bytes, false};
	return true;
}
