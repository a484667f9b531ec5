/* The layout of the row log's spools, shared by its writer (rowlog.c)
 * and its reader (rowlog_read.c). A row in a spool is a head, its text
 * (when kept), then a body: its key values, then each failure (check,
 * note, values), every length a u32. Spools are written and read by the
 * same process, so numbers are in the machine's order. */
#ifndef DQA_ROWLOG_SPOOL_H
#define DQA_ROWLOG_SPOOL_H

#include <stdint.h>

/* Rows reach a spool, and are read back from it, this many bytes at a time
 * (stdio's 4 KiB would take a system call per few dozen rows). */
enum { SPOOL_CHUNK = 1 << 17 };

struct row_head {
	uint64_t where;
	uint32_t unit, nfail;
	uint32_t raw_len, body_len;
};

#endif
