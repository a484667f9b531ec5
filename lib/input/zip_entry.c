#include "zip_entry.h"

#include <string.h>
#include <minizip/unzip.h>
#include <zlib.h>

#include "inflate.h"

int zip_entry_open(struct zip_entry *e, void *zip)
{
	e->zip = zip;
	e->inflater = NULL;
	e->produced = 0;
	e->in_at = e->in_len = 0;
	e->ended = false;
	unz_file_info64 info;
	int method, level;
	if (unzGetCurrentFileInfo64(zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile2(zip, &method, &level, 1) != UNZ_OK)
		return -1;
	e->want_crc = info.crc;
	e->want_size = info.uncompressed_size;
	e->crc = crc32(0, NULL, 0);
	if (method == Z_DEFLATED)
		return (e->inflater = inflater_new_raw()) ? 0 : -1;
	return method == 0 ? 0 : -1;
}

/* A stored entry's bytes, as they are. */
static long read_stored(struct zip_entry *e, char *out, size_t cap)
{
	size_t done = 0;
	while (done < cap && !e->ended) {
		unsigned want = cap - done > ZIP_ENTRY_SLICE ? ZIP_ENTRY_SLICE : (unsigned)(cap - done);
		int n = unzReadCurrentFile(e->zip, out + done, want);
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
			int n = unzReadCurrentFile(e->zip, e->in, sizeof e->in);
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
