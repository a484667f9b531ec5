/* Unit pages left by an earlier run in the same folder: a unit that is
 * gone (or renamed) would keep a page nobody links to, showing old scores.
 * After the new pages are in place, every other page under units/ that
 * dqa wrote (it carries the generator marker near its start) is removed,
 * and so is every failed-row file dqa wrote (it starts with the file's
 * header) that is not this run's; files dqa did not write are never
 * touched. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/error.h"
#include "failed_rows.h"
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

/* Whether dqa wrote name: a page with the generator marker near its
 * start, or a failed-row file starting with its header. */
static bool written_by_dqa(int dir_fd, const char *name, bool page)
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
	if (!page)
		return !strncmp(head, FAILED_ROWS_FILE_START, strlen(FAILED_ROWS_FILE_START));
	return memchr(head, '\0', (size_t)n) == NULL && strstr(head, HTML_GENERATOR_MARKER);
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
}

/* The unit files this report keeps, each a copy: every unit's page, and
 * the failed-row files it wrote (without kept rows, as dqa report renders
 * a saved result, those of its units stay as they are). */
static char **current_files(const struct dqa_report *rep, size_t *count)
{
	size_t n = json_array_size(rep->units), k = 0;
	char **names = calloc(2 * n + 1, sizeof *names);
	bool ok = names != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		ok = (names[k++] = strdup(rep->unit_files[i])) != NULL;
		if (!ok || (rep->rowlog && !rep->failed_rows[i].rows))
			continue;
		char name[4096];
		failed_rows_file_name(rep, i, name, sizeof name);
		ok = (names[k++] = strdup(name)) != NULL;
	}
	if (!ok) {
		free_names(names, k);
		return NULL;
	}
	*count = k;
	return names;
}

int report_remove_stale_pages(const struct dqa_report *rep, const char *units_dir,
			      dqa_error *err)
{
	size_t n = 0;
	char **current = current_files(rep, &n);
	RETURN_IF_NOMEM(current, err);
	qsort(current, n, sizeof *current, by_name);
	DIR *dir = opendir(units_dir);
	int rc = 0;
	if (!dir && errno != ENOENT)
		rc = error_at(err, DQA_EIO, units_dir, DQA_NOPOS, NULL, "cannot read folder: %s",
			      strerror(errno));
	struct dirent *e;
	while (dir && rc == 0 && (e = readdir(dir))) {
		const char *name = e->d_name;
		bool page = has_suffix(name, ".html");
		if (name[0] == '.' || !(page || has_suffix(name, FAILED_ROWS_FILE_SUFFIX)) ||
		    bsearch(&name, current, n, sizeof *current, by_name) ||
		    !written_by_dqa(dirfd(dir), name, page))
			continue;
		if (unlinkat(dirfd(dir), name, 0) < 0 && errno != ENOENT)
			rc = error_at(err, DQA_EIO, units_dir, DQA_NOPOS, NULL,
				      "cannot remove old file '%s': %s", name, strerror(errno));
	}
	if (dir)
		closedir(dir);
	free_names(current, n);
	return rc;
}
