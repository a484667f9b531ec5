/* rules_digest: not a security hash, only a change detector, so the fast
 * strset_hash of each file, folded together in order. Contents only, never
 * paths: the same rules run from another folder are the same rules. */
#include "rules_digest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { BLOCK = 64 * 1024 };

/* A value no file's hash is likely to take, for a file that is not there. */
#define MISSING_FILE 0x6D697373696E6721ULL

static uint64_t fold(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001B3ULL + 0x9E3779B97F4A7C15ULL;
}

/* Folds the file's blocks into *h and, from 0, into *own. */
static int hash_file(const char *path, uint64_t *h, uint64_t *own, dqa_error *err)
{
	*own = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*h = fold(*h, MISSING_FILE);
		*own = MISSING_FILE;
		return 0;
	}
	char block[BLOCK];
	ssize_t n;
	while ((n = read(fd, block, sizeof block)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot read: %s",
					strerror(saved));
		}
		uint64_t v = strset_hash(block, (size_t)n);
		*h = fold(*h, v);
		*own = fold(*own, v);
	}
	close(fd);
	return 0;
}

int rules_digest(const struct dqa_rules *r, char out[RULES_DIGEST_LEN + 1],
		 uint64_t *file_hashes, dqa_error *err)
{
	uint64_t h = fold(0, r->doc.hash), own;
	for (size_t i = 0; i < r->nfiles; i++) {
		FORWARD_IF_ERROR(hash_file(r->files[i], &h, &own, err));
		if (file_hashes)
			file_hashes[i] = own;
	}
	snprintf(out, RULES_DIGEST_LEN + 1, "%016llx", (unsigned long long)h);
	return 0;
}
