/* Atomic report files, many at a time: each file is written to a temporary
 * beside its target, all temporaries reach the disk with one flush, then
 * each is renamed over its target and the folders are flushed once. A
 * reader (or a crash) sees every file old or new, never half written.
 * A target that exists and is not a regular file (a FIFO, /dev/null, a
 * terminal) is written in place: a rename would replace the pipe or the
 * device node itself with a regular file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"

/* Up to this many files, one fsync each costs less than flushing the whole
 * file system. */
enum { FSYNC_EACH_MAX = 4 };

/* mkdir -p */
static int make_dirs(const char *dir, dqa_error *err)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return error_at(err, DQA_EIO, dir, DQA_NOPOS, NULL, "path too long");
	for (char *p = path + 1; ; p++) {
		bool end = *p == '\0';
		if (*p == '/' || end) {
			*p = '\0';
			if (mkdir(path, 0777) < 0 && errno != EEXIST)
				return error_at(err, DQA_EIO, path, DQA_NOPOS, NULL,
						"cannot create folder: %s", strerror(errno));
			if (end)
				break;
			*p = '/';
		}
	}
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return error_at(err, DQA_EIO, dir, DQA_NOPOS, NULL, "not a folder");
	return 0;
}

int fileio_write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : ENOSPC;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A FIFO, a device or a socket: written in place, never replaced. */
static bool is_special(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

static int io_error(dqa_error *err, const char *path, int saved)
{
	return error_at(err, DQA_EIO, path, DQA_NOPOS, NULL, "cannot write: %s",
			strerror(saved));
}

/* Remembers a folder to flush after the renames (each folder once). */
static int note_dir(struct file_batch *b, const char *dir, dqa_error *err)
{
	for (size_t i = 0; i < b->ndirs; i++)
		if (!strcmp(b->dirs[i], dir))
			return 0;
	if (b->ndirs == FILE_BATCH_DIRS)
		return error_at(err, DQA_EIO, dir, DQA_NOPOS, NULL,
				"more than %d folders in one batch", FILE_BATCH_DIRS);
	FORWARD_IF_ERROR(make_dirs(dir, err));
	b->dirs[b->ndirs] = strdup(dir);
	RETURN_IF_NOMEM(b->dirs[b->ndirs], err);
	b->ndirs++;
	return 0;
}

static int grow(struct file_batch *b)
{
	if (b->n < b->cap)
		return 0;
	size_t cap = b->cap ? 2 * b->cap : 16;
	struct batch_file *files = realloc(b->files, cap * sizeof *files);
	if (!files)
		return -1;
	b->files = files;
	b->cap = cap;
	return 0;
}

int file_batch_add(struct file_batch *b, const char *dir, const char *name, const char *data,
		   size_t len, dqa_error *err)
{
	RETURN_IF_CANCELLED(err);
	FORWARD_IF_ERROR(note_dir(b, dir, err));
	RETURN_NOMEM_UNLESS(grow(b) == 0, err);
	struct batch_file *f = &b->files[b->n];
	size_t size = strlen(dir) + strlen(name) + 16;
	f->target = malloc(size);
	RETURN_IF_NOMEM(f->target, err);
	snprintf(f->target, size, "%s/%s", dir, name);
	f->temp = NULL;
	if (!is_special(f->target)) {
		if (!(f->temp = malloc(size))) {
			free(f->target);
			return error_nomem(err);
		}
		snprintf(f->temp, size, "%s/.%s.XXXXXX", dir, name);
	}
	int fd = f->temp ? mkstemp(f->temp) : open(f->target, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		free(f->temp);
		int rc = io_error(err, f->target, saved);
		free(f->target);
		return rc;
	}
	b->n++;     /* from here on the temporary is the batch's to remove */
	int saved = fileio_write_all(fd, data, len);
	/* Reports are meant to be read by others: rw-r--r-- unless umask says less. */
	if (!saved && f->temp && fchmod(fd, 0666 & ~b->umask) < 0)
		saved = errno;
	if (close(fd) < 0 && !saved)
		saved = errno;
	return saved ? io_error(err, f->target, saved) : 0;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int saved = fsync(fd) < 0 && errno != EINVAL ? errno : 0;
	close(fd);
	return saved;
}

/* The temporaries' data on disk before any rename makes them visible. */
static int flush_files(const struct file_batch *b, dqa_error *err)
{
	if (b->n <= FSYNC_EACH_MAX) {
		for (size_t i = 0; i < b->n; i++) {
			if (!b->files[i].temp)
				continue;
			int saved = fsync_path(b->files[i].temp, O_RDONLY);
			if (saved)
				return io_error(err, b->files[i].target, saved);
		}
		return 0;
	}
	int fd = open(b->dirs[0], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || syncfs(fd) < 0) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		return io_error(err, b->dirs[0], saved);
	}
	close(fd);
	return 0;
}

int file_batch_commit(struct file_batch *b, dqa_error *err)
{
	if (b->n == 0)
		return 0;
	/* Cancelled before anything is renamed: release removes every
	 * temporary and no file of this batch replaces an old one. */
	RETURN_IF_CANCELLED(err);
	FORWARD_IF_ERROR(flush_files(b, err));
	while (b->done < b->n) {
		struct batch_file *f = &b->files[b->done];
		if (f->temp && rename(f->temp, f->target) < 0)
			return io_error(err, f->target, errno);
		b->done++;
	}
	/* The renames themselves reach the disk with their folders. */
	for (size_t i = 0; i < b->ndirs; i++) {
		int saved = fsync_path(b->dirs[i], O_RDONLY | O_DIRECTORY);
		if (saved)
			return io_error(err, b->dirs[i], saved);
	}
	return 0;
}

void file_batch_init(struct file_batch *b)
{
	*b = (struct file_batch){0};
	b->umask = umask(0);
	umask(b->umask);
}

void file_batch_release(struct file_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		if (i >= b->done && b->files[i].temp)
			unlink(b->files[i].temp);
		free(b->files[i].temp);
		free(b->files[i].target);
	}
	for (size_t i = 0; i < b->ndirs; i++)
		free(b->dirs[i]);
	free(b->files);
	*b = (struct file_batch){0};
}

int dqa_write_file_atomic(const char *dir, const char *name, const char *data, size_t len,
			  dqa_error *err)
{
	struct file_batch b;
	file_batch_init(&b);
	int rc = file_batch_add(&b, dir, name, data, len, err);
	if (rc == 0)
		rc = file_batch_commit(&b, err);
	file_batch_release(&b);
	return rc;
}

FILE *fileio_spool(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	if (snprintf(path, sizeof path, "%s/dqa-spool.XXXXXX", dir && dir[0] ? dir : "/tmp") >=
	    (int)sizeof path) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	unlink(path);
	FILE *f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}

int atomic_file_open(struct atomic_file *af, const char *path, dqa_error *err)
{
	*af = (struct atomic_file){0};
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	size_t size = strlen(path) + 16;
	af->target = strdup(path);
	RETURN_IF_NOMEM(af->target, err);
	if (is_special(path)) {
		af->in_place = true;
		if ((af->f = fopen(path, "w")))
			return 0;
		int rc = io_error(err, path, errno);
		atomic_file_discard(af);
		return rc;
	}
	af->temp = malloc(size);
	if (!af->temp) {
		atomic_file_discard(af);
		return error_nomem(err);
	}
	snprintf(af->temp, size, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
	int fd = mkstemp(af->temp);
	if (fd < 0 || !(af->f = fdopen(fd, "w"))) {
		int saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(af->temp);
		}
		free(af->temp);
		af->temp = NULL;
		int rc = io_error(err, path, saved);
		atomic_file_discard(af);
		return rc;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return 0;
}

/* Closes af->f and, unless saved is an error already, renames the
 * temporary over the target. */
static int close_and_rename(struct atomic_file *af, int saved, dqa_error *err)
{
	if (fclose(af->f) != 0 && !saved)
		saved = errno;
	af->f = NULL;
	if (!saved && !af->in_place && rename(af->temp, af->target) < 0)
		saved = errno;
	if (saved)
		return io_error(err, af->target, saved);
	free(af->temp);
	af->temp = NULL;
	return 0;
}

int atomic_file_commit(struct atomic_file *af, dqa_error *err)
{
	RETURN_IF_CANCELLED(err);
	int saved = fflush(af->f) == 0 && (af->in_place || fsync(fileno(af->f)) == 0) ? 0 : errno;
	return close_and_rename(af, saved, err);
}

int atomic_file_rename(struct atomic_file *af, dqa_error *err)
{
	RETURN_IF_CANCELLED(err);
	return close_and_rename(af, 0, err);
}

void atomic_file_discard(struct atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	if (af->temp)
		unlink(af->temp);
	free(af->temp);
	free(af->target);
	*af = (struct atomic_file){0};
}
