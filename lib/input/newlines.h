/* Counting line ends in a block, which the scan does for every block it
 * hands out (to number the next block's lines) and shard cutting for
 * every range it skips. */
#ifndef DQA_NEWLINES_H
#define DQA_NEWLINES_H

#include <stddef.h>
#include <stdint.h>

/* The number of line ends in p[0, len): '\n', "\r\n" and a CR not followed
 * by '\n' count one each (a CR as the last byte too: blocks are cut so
 * that a CRLF is never split). */
uint64_t count_line_ends(const char *p, size_t len);

#endif
