/* Atomic report files: write a temporary file beside the target, flush it
 * to disk, then rename it over the target. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* mkdir -p */
static int make_dirs(const char *dir, dqa_error *err)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return dqa_fail(err, DQA_EIO, dir, DQA_NOPOS, NULL, "path too long");
	for (char *p = path + 1; ; p++) {
		bool end = *p == '\0';
		if (*p == '/' || end) {
			*p = '\0';
			if (mkdir(path, 0777) < 0 && errno != EEXIST)
				return dqa_fail(err, DQA_EIO, path, DQA_NOPOS, NULL,
						"cannot create folder: %s", strerror(errno));
			if (end)
				break;
			*p = '/';
		}
	}
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return dqa_fail(err, DQA_EIO, dir, DQA_NOPOS, NULL, "not a folder");
	return 0;
}

int dqa_write_file_atomic(const char *dir, const char *name, const char *data, size_t len,
			  dqa_error *err)
{
	RETURN_IF_CANCELLED(err);
	FORWARD_IF_ERROR(make_dirs(dir, err));
	char target[4096], temp[4096];
	if (snprintf(target, sizeof target, "%s/%s", dir, name) >= (int)sizeof target ||
	    snprintf(temp, sizeof temp, "%s/.%s.XXXXXX", dir, name) >= (int)sizeof temp)
		return dqa_fail(err, DQA_EIO, dir, DQA_NOPOS, NULL, "path too long");
	int fd = mkstemp(temp);
	if (fd < 0)
		return dqa_fail(err, DQA_EIO, target, DQA_NOPOS, NULL, "cannot write: %s",
				strerror(errno));
	const char *p = data;
	size_t left = len;
	int saved = 0;
	while (left && !saved) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			saved = n < 0 ? errno : ENOSPC;
		else
			p += n, left -= (size_t)n;
	}
	if (!saved && fsync(fd) < 0 && errno != EINVAL)
		saved = errno;
	if (close(fd) < 0 && !saved)
		saved = errno;
	/* Reports are meant to be read by others: rw-r--r-- unless umask says less. */
	mode_t mask = umask(0);
	umask(mask);
	if (!saved && chmod(temp, 0666 & ~mask) < 0)
		saved = errno;
	if (!saved && rename(temp, target) < 0)
		saved = errno;
	if (saved) {
		unlink(temp);
		return dqa_fail(err, DQA_EIO, target, DQA_NOPOS, NULL, "cannot write: %s",
				strerror(saved));
	}
	return 0;
}
