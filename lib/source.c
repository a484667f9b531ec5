/* Input bytes through zlib's gz* layer, which inflates gzip members and
 * passes other files through unchanged, so gzip is known by content alone. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SOURCE_BUFFER = 256 * 1024 };

int source_open(struct source *src, const char *path, dqa_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	src->name = is_stdin ? "<stdin>" : path;
	src->gz = NULL;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return dqa_fail(err, DQA_EINPUT, src->name, DQA_NOPOS,
				is_stdin ? NULL : "check the path and its permissions",
				"cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return dqa_fail(err, DQA_EINPUT, src->name, DQA_NOPOS,
				"give the CSV files inside it", "is a directory");
	}
	src->gz = gzdopen(fd, "rb");
	if (!src->gz) {
		close(fd);
		return dqa_fail(err, DQA_ENOMEM, src->name, DQA_NOPOS, NULL, "out of memory");
	}
	gzbuffer(src->gz, SOURCE_BUFFER);
	return 0;
}

ssize_t source_read(struct source *src, void *buf, size_t cap, dqa_error *err)
{
	int n = gzread(src->gz, buf, (unsigned)cap);
	int zerr;
	const char *msg = gzerror(src->gz, &zerr);
	/* zlib reports a gzip stream cut short only as Z_BUF_ERROR at the end. */
	if (n > 0 || (n == 0 && zerr != Z_BUF_ERROR))
		return n;
	if (n == 0)
		msg = "unexpected end of file";
	/* A signal that cancels the audit interrupts a blocking read. */
	if (zerr == Z_ERRNO && errno == EINTR)
		RETURN_IF_CANCELLED(err);
	if (zerr == Z_ERRNO)
		return dqa_fail(err, DQA_EINPUT, src->name, DQA_NOPOS, NULL,
				"cannot read: %s", strerror(errno));
	/* zlib names the stream "<fd:N>: "; the message names the file already. */
	if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": "))
		msg = strstr(msg, ": ") + 2;
	return dqa_fail(err, DQA_EINPUT, src->name, DQA_NOPOS,
			"the gzip file is truncated or damaged; fetch it again",
			"corrupt gzip data: %s", msg);
}

void source_close(struct source *src)
{
	if (src->gz)
		gzclose_r(src->gz);
	src->gz = NULL;
}
