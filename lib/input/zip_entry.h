/* One entry of a workbook's ZIP archive: found and opened by minizip, its
 * raw bytes read from the file here (minizip's raw reads copy a byte at a
 * time and compute a CRC-32 of the compressed bytes) and inflated by
 * inflate.h (ISA-L's igzip when built with it, about three times minizip's
 * zlib speed), its CRC-32 and size checked at the end as minizip checks
 * them. Used by xlsx_part.c. */
#ifndef DQA_ZIP_ENTRY_H
#define DQA_ZIP_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { ZIP_ENTRY_SLICE = 64 * 1024 };

/* zip_entry_read's error for data that does not inflate, as minizip
 * numbers it (zlib's Z_DATA_ERROR). */
enum { ZIP_ENTRY_CORRUPT = -3 };

/* A workbook's archive: minizip's handle on its directory, and the file. */
struct zip_archive {
	void *zip;                       /* the unzFile */
	int fd;
};

/* 0, or -1 when file cannot be opened or is no ZIP archive minizip reads.
 * Close it with zip_archive_close either way. */
int zip_archive_open(struct zip_archive *a, const char *file);

void zip_archive_close(struct zip_archive *a);

struct zip_entry {
	void *zip;                       /* the unzFile */
	int fd;
	uint64_t offset, left;           /* the raw bytes not read yet */
	struct inflater *inflater;       /* NULL for a stored entry */
	unsigned long crc, want_crc;
	uint64_t produced, want_size;
	unsigned char in[ZIP_ENTRY_SLICE];
	size_t in_at, in_len;
	bool ended;
};

/* Opens the current entry of a's zip (located with unzLocateFile); 0, or
 * -1 when minizip cannot open it or its method is neither stored nor
 * deflate. Close it with zip_entry_close either way. */
int zip_entry_open(struct zip_entry *e, const struct zip_archive *a);

/* Fills out[0, cap) with the entry's next bytes: how many (fewer only at
 * its end, 0 once ended), or a negative minizip error (UNZ_ERRNO for a
 * failed read). */
long zip_entry_read(struct zip_entry *e, char *out, size_t cap);

/* Closes the entry: false when it was read to its end and its CRC-32 or
 * size is not the one the archive records. */
bool zip_entry_close(struct zip_entry *e);

#endif
