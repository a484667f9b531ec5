/* Unit pages left by an earlier run in the same folder: a unit that is
 * gone (or renamed) would keep a page nobody links to, showing old scores.
 * After the new pages are in place, every other page under units/ that
 * dqa wrote (it carries the generator marker near its start) is removed;
 * files dqa did not write are never touched. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/error.h"
#include "html.h"

/* The marker sits in <head>, well within the first bytes of a page. */
enum { MARKER_WITHIN = 1024 };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n > k && !strcmp(name + n - k, suffix);
}

static bool written_by_dqa(int dir_fd, const char *name)
{
	int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	char head[MARKER_WITHIN + 1];
	ssize_t n = read(fd, head, MARKER_WITHIN);
	close(fd);
	if (n <= 0)
		return false;
	head[n] = '\0';
	return memchr(head, '\0', (size_t)n) == NULL && strstr(head, HTML_GENERATOR_MARKER);
}

int report_remove_stale_pages(const struct dqa_report *rep, const char *units_dir,
			      dqa_error *err)
{
	size_t n = json_array_size(rep->units);
	char **current = malloc((n + 1) * sizeof *current);
	RETURN_IF_NOMEM(current, err);
	memcpy(current, rep->unit_files, n * sizeof *current);
	qsort(current, n, sizeof *current, by_name);
	DIR *dir = opendir(units_dir);
	if (!dir) {
		free(current);
		return errno == ENOENT ? 0 : error_at(err, DQA_EIO, units_dir, DQA_NOPOS, NULL,
						      "cannot read folder: %s", strerror(errno));
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir))) {
		const char *name = e->d_name;
		if (name[0] == '.' || !has_suffix(name, ".html") ||
		    bsearch(&name, current, n, sizeof *current, by_name) ||
		    !written_by_dqa(dirfd(dir), name))
			continue;
		if (unlinkat(dirfd(dir), name, 0) < 0 && errno != ENOENT)
			rc = error_at(err, DQA_EIO, units_dir, DQA_NOPOS, NULL,
				      "cannot remove old page '%s': %s", name, strerror(errno));
	}
	closedir(dir);
	free(current);
	return rc;
}
