/* One entry of a workbook's ZIP archive: its raw bytes read by minizip and
 * inflated here by inflate.h (ISA-L's igzip when built with it, about three
 * times minizip's zlib speed), its CRC-32 and size checked at the end as
 * minizip checks them. Used by xlsx_part.c. */
#ifndef DQA_ZIP_ENTRY_H
#define DQA_ZIP_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { ZIP_ENTRY_SLICE = 64 * 1024 };

/* zip_entry_read's error for data that does not inflate, as minizip
 * numbers it (zlib's Z_DATA_ERROR). */
enum { ZIP_ENTRY_CORRUPT = -3 };

struct zip_entry {
	void *zip;                       /* the unzFile */
	struct inflater *inflater;       /* NULL for a stored entry */
	unsigned long crc, want_crc;
	uint64_t produced, want_size;
	unsigned char in[ZIP_ENTRY_SLICE];
	size_t in_at, in_len;
	bool ended;
};

/* Opens the current entry of zip (located with unzLocateFile); 0, or -1
 * when minizip cannot open it or its method is neither stored nor deflate.
 * Close it with zip_entry_close either way. */
int zip_entry_open(struct zip_entry *e, void *zip);

/* Fills out[0, cap) with the entry's next bytes: how many (fewer only at
 * its end, 0 once ended), or a negative minizip error. */
long zip_entry_read(struct zip_entry *e, char *out, size_t cap);

/* Closes the entry: false when it was read to its end and its CRC-32 or
 * size is not the one the archive records. */
bool zip_entry_close(struct zip_entry *e);

#endif
