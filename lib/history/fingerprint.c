/* The input fingerprint recorded with every run: a 64-bit hash of the input
 * bytes (as stored, so a .gz is hashed compressed); empty when an input is
 * standard input. Files up to
 * FULL_HASH_MAX are hashed whole; larger ones by their size, modification
 * time and first and last EDGE bytes, which is cheap but misses a change in
 * the middle that keeps the size and the time. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/error.h"
#include "../util/strset.h"
#include "../input/xlsx.h"

enum { BLOCK = 64 * 1024, EDGE = 64 * 1024 };
#define FULL_HASH_MAX (64LL * 1024 * 1024)

static uint64_t combine(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001B3ULL + 0x9E3779B97F4A7C15ULL;
}

/* Hashes len bytes from offset in blocks of BLOCK bytes. */
static int hash_range(int fd, off_t offset, off_t len, char *buf, uint64_t *h)
{
	while (len > 0) {
		size_t want = len < BLOCK ? (size_t)len : BLOCK;
		ssize_t n = pread(fd, buf, want, offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : 0;   /* shrank while reading: hash what was there */
		*h = combine(*h, strset_hash(buf, (size_t)n));
		offset += n;
		len -= n;
	}
	return 0;
}

static int fingerprint_file(const char *path, char *buf, uint64_t *h, dqa_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot open: %s",
				strerror(saved));
	}
	*h = combine(*h, (uint64_t)st.st_size);
	int rc;
	if (st.st_size <= FULL_HASH_MAX) {
		rc = hash_range(fd, 0, st.st_size, buf, h);
	} else {
		*h = combine(*h, (uint64_t)st.st_mtim.tv_sec);
		*h = combine(*h, (uint64_t)st.st_mtim.tv_nsec);
		rc = hash_range(fd, 0, EDGE, buf, h);
		if (rc == 0)
			rc = hash_range(fd, st.st_size - EDGE, EDGE, buf, h);
	}
	int saved = errno;
	close(fd);
	if (rc < 0)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot read: %s",
				strerror(saved));
	return 0;
}

int dqa_input_fingerprint(const char *const *inputs, size_t ninputs, char *out, dqa_error *err)
{
	char *buf = malloc(BLOCK);
	RETURN_IF_NOMEM(buf, err);
	uint64_t h = 0xCBF29CE484222325ULL;
	int rc = 0;
	bool from_stdin = false;
	for (size_t i = 0; i < ninputs && rc == 0; i++) {
		h = combine(h, i);
		char file[4096];
		const char *path = xlsx_input_file(inputs[i], file, sizeof file);
		if (!path)
			from_stdin = true;
		else
			rc = fingerprint_file(path, buf, &h, err);
	}
	free(buf);
	/* Bytes read from a pipe are gone, and a table may change: no
	 * fingerprint beats a wrong one. */
	if (from_stdin)
		out[0] = '\0';
	else
		snprintf(out, 17, "%016llx", (unsigned long long)h);
	return rc;
}
