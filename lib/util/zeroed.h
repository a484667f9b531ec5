/* Zeroed memory for tables the scan's workers fill. calloc may hand out
 * fresh pages without writing them; a worker that then reads such a page
 * before writing it (a hash probe, a bucket increment) maps the shared zero
 * page, and its first write faults again and flushes the TLB of every
 * thread. Written at once, each page faults once. */
#ifndef DQA_ZEROED_H
#define DQA_ZEROED_H

#include <stddef.h>

/* n elements of size bytes, zeroed and written; NULL when out of memory. */
void *zeroed_alloc(size_t n, size_t size);

#endif
