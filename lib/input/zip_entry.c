#include "zip_entry.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <minizip/unzip.h>
#include <zlib.h>

#include "inflate.h"

int zip_archive_open(struct zip_archive *a, const char *file)
{
	a->fd = open(file, O_RDONLY | O_CLOEXEC);
	a->zip = a->fd < 0 ? NULL : unzOpen64(file);
	return a->zip ? 0 : -1;
}

void zip_archive_close(struct zip_archive *a)
{
	if (a->zip)
		unzClose(a->zip);
	if (a->fd >= 0)
		close(a->fd);
	a->zip = NULL;
	a->fd = -1;
}

int zip_entry_open(struct zip_entry *e, const struct zip_archive *a)
{
	e->zip = a->zip;
	e->fd = a->fd;
	e->inflater = NULL;
	e->produced = 0;
	e->in_at = e->in_len = 0;
	e->ended = false;
	unz_file_info64 info;
	int method, level;
	if (unzGetCurrentFileInfo64(a->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile2(a->zip, &method, &level, 1) != UNZ_OK)
		return -1;
	e->offset = (uint64_t)unzGetCurrentFileZStreamPos64(a->zip);
	e->left = info.compressed_size;
	e->want_crc = info.crc;
	e->want_size = info.uncompressed_size;
	e->crc = crc32(0, NULL, 0);
	if (method == Z_DEFLATED)
		return (e->inflater = inflater_new_raw()) ? 0 : -1;
	return method == 0 ? 0 : -1;
}

/* The entry's next raw bytes into out[0, cap): how many (0 at its end),
 * or UNZ_ERRNO; a file shorter than its directory says is corrupt. */
static long read_raw(struct zip_entry *e, void *out, size_t cap)
{
	size_t want = cap < e->left ? cap : (size_t)e->left;
	if (want == 0)
		return 0;
	ssize_t n = pread(e->fd, out, want, (off_t)e->offset);
	if (n < 0)
		return UNZ_ERRNO;
	if (n == 0)
		return ZIP_ENTRY_CORRUPT;
	e->offset += (uint64_t)n;
	e->left -= (uint64_t)n;
	return n;
}

/* A stored entry's bytes, as they are. */
static long read_stored(struct zip_entry *e, char *out, size_t cap)
{
	size_t done = 0;
	while (done < cap && !e->ended) {
		long n = read_raw(e, out + done, cap - done);
		if (n < 0)
			return n;
		e->ended = n == 0;
		e->crc = crc32(e->crc, (const Bytef *)out + done, (uInt)n);
		done += (size_t)n;
	}
	return (long)done;
}

long zip_entry_read(struct zip_entry *e, char *out, size_t cap)
{
	if (!e->inflater) {
		long n = read_stored(e, out, cap);
		e->produced += n > 0 ? (uint64_t)n : 0;
		return n;
	}
	size_t done = 0;
	while (done < cap && !e->ended) {
		if (e->in_at == e->in_len) {
			long n = read_raw(e, e->in, sizeof e->in);
			if (n < 0)
				return n;
			if (n == 0)   /* the raw stream ends before its last block */
				return ZIP_ENTRY_CORRUPT;
			e->in_at = 0, e->in_len = (size_t)n;
		}
		size_t used, made;
		const char *why;
		if (inflater_run(e->inflater, e->in + e->in_at, e->in_len - e->in_at, &used,
				 (unsigned char *)out + done, cap - done, &made, &e->ended, &why) < 0)
			return ZIP_ENTRY_CORRUPT;
		if (used == 0 && made == 0 && !e->ended)   /* stuck: no data a stream can hold */
			return ZIP_ENTRY_CORRUPT;
		e->in_at += used;
		done += made;
	}
	e->produced += done;
	return (long)done;
}
bool zip_entry_close(struct zip_entry *e)
{
	bool ok = true;
	if (e->ended) {
		unsigned long crc = e->inflater ? inflater_crc(e->inflater) : e->crc;
		ok = crc == e->want_crc && e->produced == e->want_size;
	}
	if (e->inflater)
		inflater_free(e->inflater);
	unzCloseCurrentFile(e->zip);
	return ok;
}
