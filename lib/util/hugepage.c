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
