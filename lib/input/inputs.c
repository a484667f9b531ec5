/* DATA operands to data files: a directory stands for the CSV files under
 * it, so a folder of per-unit extracts is audited as one dataset. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../dqa.h"
#include "../util/error.h"

/* Folders nested deeper than this are a symlink loop, not a data layout. */
enum { MAX_DEPTH = 32 };

struct file_list {
	char **paths;
	size_t n, cap;
	dqa_error *err;
};

static int list_add(struct file_list *l, char *path)
{
	if (!path)
		return error_nomem(l->err);
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **paths = realloc(l->paths, cap * sizeof *paths);
		if (!paths) {
			free(path);
			return error_nomem(l->err);
		}
		l->paths = paths;
		l->cap = cap;
	}
	l->paths[l->n++] = path;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

static char *join(const char *dir, const char *name)
{
	size_t ld = strlen(dir), ln = strlen(name);
	bool slash = ld > 0 && dir[ld - 1] == '/';
	char *path = malloc(ld + ln + 2);
	if (path) {
		memcpy(path, dir, ld);
		if (!slash)
			path[ld++] = '/';
		memcpy(path + ld, name, ln + 1);
	}
	return path;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(struct file_list *l, const char *dir, unsigned depth)
{
	if (depth > MAX_DEPTH)
		return error_at(l->err, DQA_EINPUT, dir, DQA_NOPOS, "check for a symbolic link loop",
				"folders nested more than %d deep", MAX_DEPTH);
	DIR *d = opendir(dir);
	if (!d)
		return error_at(l->err, DQA_EINPUT, dir, DQA_NOPOS,
				"check the path and its permissions", "cannot open folder: %s",
				strerror(errno));
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;   /* ".", "..", and hidden files such as editor backups */
		char *path = join(dir, e->d_name);
		struct stat st;
		if (!path) {
			rc = list_add(l, NULL);
		} else if (stat(path, &st) < 0) {
			rc = error_at(l->err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot read: %s",
				      strerror(errno));
			free(path);
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(l, path, depth + 1);
			free(path);
		} else if (ends_with(e->d_name, ".csv") || ends_with(e->d_name, ".csv.gz")) {
			rc = list_add(l, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

/* A directory operand's files, sorted, appended to l. */
static int expand_dir(struct file_list *l, const char *dir)
{
	size_t first = l->n;
	FORWARD_IF_ERROR(walk(l, dir, 0));
	if (l->n == first)
		return error_at(l->err, DQA_EINPUT, dir, DQA_NOPOS,
				"a folder operand stands for the *.csv and *.csv.gz files under it",
				"no CSV files in folder");
	qsort(l->paths + first, l->n - first, sizeof *l->paths, by_path);
	return 0;
}

int dqa_inputs_expand(char ***out, size_t *nout, const char *const *operands, size_t n,
		      dqa_error *err)
{
	*out = NULL;
	*nout = 0;
	struct file_list l = {.err = err};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct stat st;
		if (strcmp(operands[i], "-") != 0 && stat(operands[i], &st) == 0 &&
		    S_ISDIR(st.st_mode))
			rc = expand_dir(&l, operands[i]);
		else
			rc = list_add(&l, strdup(operands[i]));
	}
	if (rc < 0) {
		dqa_inputs_free(l.paths, l.n);
		return rc;
	}
	*out = l.paths;
	*nout = l.n;
	return 0;
}

void dqa_inputs_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n && paths; i++)
		free(paths[i]);
	free(paths);
}
