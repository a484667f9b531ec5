/* Fuzz targets whose code under test reads a path: the input is written to
 * one temporary file per process, rewritten for every run. */
#ifndef DQA_FUZZ_TEMPFILE_H
#define DQA_FUZZ_TEMPFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The path of a file holding exactly data[0..size), named with suffix. */
static inline const char *fuzz_tempfile(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[64];
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/dqa-fuzz-XXXXXX%s", suffix);
		int fd = mkstemps(path, (int)strlen(suffix));
		if (fd < 0)
			abort();
		close(fd);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return path;
}

#endif
