/* Large buffers that ask the kernel for transparent huge pages: scanning or
 * probing many megabytes otherwise pays a page fault per 4 KiB and misses
 * the TLB as well as the cache. */
#ifndef DQA_HUGEPAGE_H
#define DQA_HUGEPAGE_H

#include <stddef.h>

enum { HUGE_PAGE_BYTES = 2 * 1024 * 1024 };

/* bytes (not zeroed), aligned to a huge page and advised to use them;
 * NULL when out of memory. Freed with free(). */
void *hugepage_alloc(size_t bytes);

#endif
