/* Large buffers that ask the kernel for transparent huge pages: scanning or
 * probing many megabytes otherwise pays a page fault per 4 KiB and misses
 * the TLB as well as the cache. */
#ifndef DQA_HUGEPAGE_H
#define DQA_HUGEPAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum { HUGE_PAGE_BYTES = 2 * 1024 * 1024 };

/* bytes (not zeroed), aligned to a huge page and advised to use them;
 * NULL when out of memory. Freed with free(). */
void *hugepage_alloc(size_t bytes);

/* Moves sb's bytes to a buffer of cap bytes on huge pages, unless its
 * buffer holds cap already: a buffer handed between threads and refilled
 * many times then faults once per 2 MiB, not once per 4 KiB (about 11 us
 * each on the virtual machines measured). false when out of memory (sb is
 * then failed). */
bool hugepage_strbuf(struct strbuf *sb, size_t cap);

#endif
