/* Appending a run to a history file: the run's lines are built in memory,
 * then written with one write() under an exclusive lock on the file. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/round.h"
#include "history.h"
#include "../util/fileio.h"
#include "../result.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"

struct run_line {
	const char *run_at, *rules, *dataset, *fingerprint, *rules_hash;
	bool v1;                   /* the file has the layout without the rules */
};

/* RFC 4180: quote a field holding a delimiter, quote or line break. */
static void put_field(struct strbuf *sb, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

static void put_line(struct strbuf *sb, const struct run_line *run, bool dataset_scope,
		     const char *unit, const char *criterion, double score, const char *status,
		     uint64_t rows, const char *marker, const char *checks)
{
	put_field(sb, run->run_at);
	strbuf_putc(sb, ',');
	put_field(sb, run->rules);
	strbuf_putc(sb, ',');
	put_field(sb, run->dataset);
	strbuf_puts(sb, dataset_scope ? ",dataset," : ",unit,");
	put_field(sb, unit);
	strbuf_printf(sb, ",%s,", criterion);
	if (!isnan(score))
		strbuf_printf(sb, "%.2f", round_to(score, 2));
	strbuf_printf(sb, ",%s,%llu,%s,", status, (unsigned long long)rows, run->fingerprint);
	put_field(sb, marker);
	if (!run->v1) {
		strbuf_printf(sb, ",%s,", run->rules_hash);
		put_field(sb, checks);
	}
	strbuf_putc(sb, '\n');
}

static void put_criteria(struct strbuf *sb, const struct dqa_result *r,
			 const struct run_line *run, bool dataset_scope, const char *unit,
			 const double *criteria, uint64_t rows)
{
	for (int k = 0; k < DQA_CRITERIA; k++)
		if (r->criterion_used[k])
			put_line(sb, run, dataset_scope, unit, dqa_criterion_name(k), criteria[k],
				 "", rows, "", "");
}

/* The markers of a unit's history-backed checks as "ID=VALUE ID=VALUE". */
static const char *unit_marker(const struct res_unit *u, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < u->nchecks; i++)
		if (u->checks[i].marker)
			strbuf_printf(buf, "%s%s=%s", buf->len ? " " : "", u->checks[i].id,
				      u->checks[i].marker);
	return buf->len && !buf->failed ? buf->buf : "";
}

/* A unit's check scores as "ID=SCORE ID=SCORE" (two decimals, empty when
 * the check has no score), for a baseline after a change of rules. */
static const char *unit_checks(const struct res_unit *u, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < u->nchecks; i++) {
		if (i)
			strbuf_putc(buf, ' ');
		history_check_id_put(buf, u->checks[i].id);
		strbuf_putc(buf, '=');
		if (!isnan(u->checks[i].score))
			strbuf_printf(buf, "%.2f", round_to(u->checks[i].score, 2));
	}
	return buf->len && !buf->failed ? buf->buf : "";
}

static const struct res_check *dataset_check(const struct dqa_result *r, const char *id)
{
	for (size_t i = 0; i < r->ndataset_checks; i++)
		if (strcmp(r->dataset_checks[i].id, id) == 0)
			return &r->dataset_checks[i];
	return NULL;
}

/* Every check id of the run, "ID ID", a dataset-level check's with its
 * score ("ID=SCORE"), so a gate after a change of rules compares it too. */
static const char *run_checks(const struct dqa_result *r, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < r->ncheck_ids; i++) {
		if (i)
			strbuf_putc(buf, ' ');
		history_check_id_put(buf, r->check_ids[i]);
		const struct res_check *c = dataset_check(r, r->check_ids[i]);
		if (c)
			strbuf_putc(buf, '=');
		if (c && !isnan(c->score))
			strbuf_printf(buf, "%.2f", round_to(c->score, 2));
	}
	return buf->len && !buf->failed ? buf->buf : "";
}

static void build_lines(struct strbuf *sb, const struct dqa_result *r, const struct run_line *run)
{
	struct strbuf marker = STRBUF_INIT, checks = STRBUF_INIT;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct res_unit *u = &r->units[i];
		put_criteria(sb, r, run, false, u->name, u->criteria, u->rows);
		put_line(sb, run, false, u->name, HISTORY_OVERALL, u->score,
			 dqa_status_name(u->status), u->rows, unit_marker(u, &marker),
			 unit_checks(u, &checks));
	}
	put_criteria(sb, r, run, true, "", r->criteria, r->rows);
	put_line(sb, run, true, "", HISTORY_OVERALL, r->score, dqa_status_name(r->status),
		 r->rows, "", run_checks(r, &checks));
	if (marker.failed || checks.failed)
		sb->failed = true;
	strbuf_release(&marker);
	strbuf_release(&checks);
}

/* Under the lock: what must precede this run's lines. A new file gets the
 * header; a file whose last line was cut short gets the newline it lacks,
 * so the partial line stays one malformed line instead of swallowing ours.
 * *v1 tells whether the file has the layout without the rules columns. */
static const char *prefix_for(int fd, bool *v1)
{
	struct stat st;
	*v1 = false;
	if (fstat(fd, &st) < 0 || st.st_size == 0)
		return HISTORY_HEADER "\n";
	static const char v1_header[] = HISTORY_HEADER_V1 "\n";
	char head[sizeof v1_header - 1];
	*v1 = pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
	      memcmp(head, v1_header, sizeof head) == 0;
	char last;
	if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
		return "\n";
	return "";
}

/* The lines are built under the lock: their layout follows the file's. */
static int append_locked(const char *path, const struct dqa_result *res, struct run_line *run,
			 dqa_error *err)
{
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return error_at(err, DQA_EIO, path, DQA_NOPOS, "check the folder and its permissions",
				"cannot open the history: %s", strerror(errno));
	int saved = 0;
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			saved = errno;
			break;
		}
	struct strbuf sb = STRBUF_INIT;
	if (!saved) {
		/* One buffer, one write: appenders that do not lock still never
		 * see half of it on a local file system. */
		strbuf_puts(&sb, prefix_for(fd, &run->v1));
		build_lines(&sb, res, run);
		saved = sb.failed ? ENOMEM : fileio_write_all(fd, sb.buf, sb.len);
	}
	if (!saved && fsync(fd) < 0 && errno != EINVAL)
		saved = errno;
	strbuf_release(&sb);
	if (close(fd) < 0 && !saved)
		saved = errno;
	if (saved)
		return error_at(err, DQA_EIO, path, DQA_NOPOS, NULL,
				"cannot append to the history: %s", strerror(saved));
	return 0;
}

int dqa_history_append(const char *path, const dqa_result *res, dqa_error *err)
{
	char fingerprint[17], run_at[21];
	FORWARD_IF_ERROR(dqa_input_fingerprint(res->inputs, res->ninputs, fingerprint, err));
	time_format_iso(res->now, run_at);
	struct run_line run = {run_at, res->rules_path, res->dataset, fingerprint,
			       res->rules_hash ? res->rules_hash : "", false};
	return append_locked(path, res, &run, err);
}
