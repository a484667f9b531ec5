/* Writing many files atomically with one flush to disk (see fileio.c). */
#ifndef DQA_FILEIO_H
#define DQA_FILEIO_H

#include <stdio.h>
#include <sys/types.h>

#include "../dqa.h"

enum { FILE_BATCH_DIRS = 4 };

struct batch_file {
	char *temp, *target;    /* temp NULL: target written in place */
};

struct file_batch {
	struct batch_file *files;
	size_t n, cap;
	size_t done;                      /* files renamed so far */
	char *dirs[FILE_BATCH_DIRS];      /* folders written to, created if missing */
	size_t ndirs;
	mode_t umask;
};

/* Writes all len bytes to fd, retrying short writes and EINTR. Returns 0
 * or an errno value. */
int fileio_write_all(int fd, const char *data, size_t len);

/* A scratch file for data too large to hold in memory: created in $TMPDIR
 * (else /tmp) and unlinked at once, so nothing is left behind whatever
 * happens. NULL with errno set when it cannot be made. */
FILE *fileio_spool(void);

/* One file written as a stream and made visible only when complete: the
 * stream goes to a temporary beside path, committed by a flush to disk and
 * a rename over path; discarded (or a failed commit) removes it. A path
 * that is a FIFO or a device is written in place (in_place), not replaced. */
struct atomic_file {
	FILE *f;
	char *temp, *target;
	bool in_place;
};

int atomic_file_open(struct atomic_file *af, const char *path, dqa_error *err);
int atomic_file_commit(struct atomic_file *af, dqa_error *err);
/* The commit's end, for a stream whose bytes the caller has already
 * flushed to disk (fsync): closes it and renames it over path. */
int atomic_file_rename(struct atomic_file *af, dqa_error *err);
/* Removes the temporary unless committed; frees af. NULL f: nothing. */
void atomic_file_discard(struct atomic_file *af);

void file_batch_init(struct file_batch *b);
/* Writes data to a temporary file beside DIR/NAME (DIR created if missing;
 * at most FILE_BATCH_DIRS distinct folders). Nothing is visible under NAME
 * until file_batch_commit, except where NAME is a FIFO or a device: that
 * is written at once, in place. */
int file_batch_add(struct file_batch *b, const char *dir, const char *name, const char *data,
		   size_t len, dqa_error *err);
/* Flushes every temporary to disk, renames each over its target in the
 * order they were added, then flushes the folders. */
int file_batch_commit(struct file_batch *b, dqa_error *err);
/* Removes the temporaries not renamed (after a failure) and frees b. */
void file_batch_release(struct file_batch *b);

#endif
