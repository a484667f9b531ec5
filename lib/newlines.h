/* Counting line ends in a block, which the scan does for every block it
 * hands out (to number the next block's lines) and shard cutting for
 * every range it skips. */
#ifndef DQA_NEWLINES_H
#define DQA_NEWLINES_H

#include <stddef.h>
#include <stdint.h>

/* The number of '\n' bytes in p[0, len). */
uint64_t count_newlines(const char *p, size_t len);

#endif
