/* The layout of the row log's spools, shared by its writer (rowlog.c)
 * and its reader (rowlog_read.c). A row in a spool is a head, its text
 * (when kept), then a body: its key values, then each failure (check,
 * note, values), every length a u32. Spools are written and read by the
 * same process, so numbers are in the machine's order. */
#ifndef DQA_ROWLOG_SPOOL_H
#define DQA_ROWLOG_SPOOL_H

#include <stdint.h>

/* A worker's spool keeps its rows in memory up to SPOOL_MEMORY bytes (32
 * MiB; dqa(1) says so), in chunks of a SPOOL_CHUNKS'th of it (2 MiB, on
 * huge pages: 4 KiB pages would fault 512 times per chunk; the first of
 * SPOOL_FIRST bytes, on small pages), and only the
 * rows past that go to a file (fileio_spool), read back SPOOL_WINDOW
 * bytes at a time: the 2,000,000-row benchmark spools 15 MB in all, never
 * written to a file and read back through the kernel, while a rule that
 * fails every row (or the valid/invalid split, which spools every record)
 * holds at most 32 MiB and one chunk per worker. Test hook: the
 * environment variable DQA_SPOOL_MEMORY_TEST, a number of bytes, replaces
 * SPOOL_MEMORY, so that a small input fills many chunks and spills
 * (tests/meson.build: failed-rows/many-batches-spilled and others). */
enum { SPOOL_MEMORY = 32 << 20, SPOOL_CHUNKS = 16, SPOOL_FIRST = 1 << 16,
       SPOOL_WINDOW = 1 << 17 };

struct row_head {
	uint64_t where;
	uint32_t unit, nfail;
	uint32_t raw_len, body_len;
};

#endif
