/* The failed-row, valid and invalid files never depend on the thread count,
 * where the input is cut into blocks or how many shards audit it: the same
 * audit, run with 1 to 4 workers and blocks of 1, 7, 333 and 65536 bytes,
 * or in 1, 2, 3 and 7 shards merged, must write byte-identical files. The input has repeats within and across blocks, quoted newlines,
 * CRLF, a BOM, ragged rows, blank lines, invalid UTF-8 and no final
 * newline. A cancelled or failed write leaves no file behind. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "util/strbuf.h"
#include "tap.h"

static char dir[] = "/tmp/dqa-failed-rows-XXXXXX";

static const char *path_of(const char *name)
{
	static char path[8][256];
	static int next;
	char *p = path[next++ % 8];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	return p;
}

static void write_file(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(path_of(name), "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static char *read_file(const char *name, size_t *len)
{
	FILE *f = fopen(path_of(name), "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static const char rules_text[] =
	"version: 1\n"
	"dataset: {name: people, unit: ward, key: [id]}\n"
	"columns:\n"
	"  name: {type: string, pii: true}\n"
	"correct:\n"
	"  - regex: {column: id, pattern: '^[0-9]{3}$'}\n"
	"sufficient:\n"
	"  - not_null: [name]\n"
	"clean:\n"
	"  - unique: id\n"
	"  - unique: [ward, name]\n"
	"  - trimmed: {column: note, severity: warning}\n";

static void make_data(struct strbuf *sb, int rows)
{
	strbuf_puts(sb, "\xEF\xBB\xBFid,ward,name,note\r\n");
	for (int i = 0; i < rows; i++) {
		int id = (i * 7) % (rows / 2 + 1);
		const char *ward = (const char *[]){"A", "B", "C", "E"}[i % 4];
		switch (i % 7) {
		case 0:
			strbuf_printf(sb, "%03d,%s,Nguyễn Văn %d,\"line one\nline two\"\n", id, ward, i % 9);
			break;
		case 1:
			strbuf_printf(sb, "%d,%s,\"TRẦN, THỊ %d\", padded \r\n", id, ward, i % 5);
			break;
		case 2:
			strbuf_printf(sb, "%03d,%s,l\xEA %d\n", id, ward, i % 3);   /* not UTF-8 */
			break;
		case 3:
			strbuf_printf(sb, "%03d,%s\n\n", id, ward);   /* ragged, then a blank line */
			break;
		case 4:
			strbuf_printf(sb, "\"%03d\",%s,\"Phạm \"\"Bé\"\" %d\",\"a\r\n\r\nb\"\r\n", id, ward,
				      i % 4);
			break;
		default:
			strbuf_printf(sb, "%03d,%s,,=cmd %d\n", id, ward, i);
		}
	}
	strbuf_puts(sb, "123,B,last row,no newline");
}

static bool write_rows(const dqa_rules *rules, unsigned threads, size_t block, bool jsonl,
		       const char *tag)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.threads = threads;
	opts.block_size = block;
	opts.now = 1795392000;
	opts.keep_failed_rows = opts.keep_records = true;
	const char *input = path_of("data.csv");
	dqa_result *res = NULL;
	dqa_error err = {0};
	char failed[64], valid[64], invalid[64];
	snprintf(failed, sizeof failed, "failed-%s", tag);
	snprintf(valid, sizeof valid, "valid-%s", tag);
	snprintf(invalid, sizeof invalid, "invalid-%s", tag);
	dqa_rows_output o = {path_of(failed), jsonl, 0, path_of(valid), path_of(invalid), DQA_LANG_EN};
	bool ok = dqa_audit_run(&res, rules, &input, 1, &opts, &err) == 0 &&
		  dqa_result_write_rows(res, &o, stdout, NULL, &err) == 0;
	if (!ok)
		fprintf(stderr, "%u threads, %zu-byte blocks: %s\n", threads, block, err.message);
	dqa_result_free(res);
	return ok;
}

static bool same_file(const char *a, const char *b)
{
	size_t la = 0, lb = 0;
	char *x = read_file(a, &la), *y = read_file(b, &lb);
	bool same = x && y && la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

static void same_for_any_threads_and_blocks(const dqa_rules *rules)
{
	static const size_t blocks[] = {1, 7, 333, 65536};
	for (int jsonl = 0; jsonl <= 1; jsonl++) {
		EXPECT(write_rows(rules, 1, 0, jsonl, "base"));
		for (unsigned threads = 1; threads <= 4; threads++) {
			for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
				if (!write_rows(rules, threads, blocks[b], jsonl, "run")) {
					tap_failures++;
					continue;
				}
				bool same = same_file("failed-base", "failed-run") &&
					    same_file("valid-base", "valid-run") &&
					    same_file("invalid-base", "invalid-run");
				if (!same) {
					fprintf(stderr, "%u threads, %zu-byte blocks, %s: files differ\n",
						threads, blocks[b], jsonl ? "jsonl" : "csv");
					tap_failures++;
				}
			}
		}
	}
	size_t len = 0;
	char *failed = read_file("failed-base", &len);
	/* JSON Lines, one line per row and failing check; repeats name their first */
	EXPECT(failed && strstr(failed, "\"note\": \"duplicate of line "));
	EXPECT(failed && strstr(failed, "\"check\": \"clean.unique.id\""));
	free(failed);
}

/* The files of count shards (2 threads, 333-byte blocks), each keeping
 * its rows beside its state, merged. Returns the merge's code. */
static int write_rows_sharded(const dqa_rules *rules, unsigned count, bool jsonl)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.threads = 2;
	opts.block_size = 333;
	opts.now = 1795392000;
	opts.keep_failed_rows = opts.keep_records = true;
	const char *input = path_of("data.csv");
	char names[8][32];
	const char *states[8];
	dqa_error err = {0};
	for (unsigned i = 0; i < count; i++) {
		snprintf(names[i], sizeof names[i], "shard-%u.state", i + 1);
		states[i] = strdup(path_of(names[i]));
		if (dqa_audit_shard(rules, &input, 1, &opts, i + 1, count, states[i], NULL, &err) < 0)
			fprintf(stderr, "shard %u/%u: %s\n", i + 1, count, err.message);
	}
	dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
	mopts.failed_rows = mopts.records = true;
	dqa_result *res = NULL;
	dqa_rows_output o = {path_of("failed-run"), jsonl, 0, path_of("valid-run"),
			     path_of("invalid-run"), DQA_LANG_EN};
	int rc = dqa_merge_run(&res, states, count, &mopts, &err);
	if (rc == 0)
		rc = dqa_result_write_rows(res, &o, stdout, NULL, &err);
	if (rc < 0)
		fprintf(stderr, "%u shards: %s\n", count, err.message);
	dqa_result_free(res);
	for (unsigned i = 0; i < count; i++)
		free((char *)states[i]);
	return rc;
}

/* 1, 2, 3 and 7 shards write the files of the unsharded audit: repeats
 * across shards name their true first occurrence. */
static void same_for_any_shards(const dqa_rules *rules)
{
	static const unsigned counts[] = {1, 2, 3, 7};
	EXPECT(write_rows(rules, 1, 0, false, "base"));
	for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
		bool same = write_rows_sharded(rules, counts[c], false) == 0 &&
			    same_file("failed-base", "failed-run") &&
			    same_file("valid-base", "valid-run") &&
			    same_file("invalid-base", "invalid-run");
		if (!same) {
			fprintf(stderr, "%u shards: files differ\n", counts[c]);
			tap_failures++;
		}
	}
}

static int merge_code(const char *const *states, size_t n, bool records)
{
	dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
	mopts.failed_rows = true;
	mopts.records = records;
	dqa_result *res = NULL;
	dqa_error err = {0};
	int code = dqa_merge_run(&res, states, n, &mopts, &err);
	dqa_result_free(res);
	return code;
}

/* A shard's rows file that is missing, cut short, damaged or another
 * shard's is refused (DQA_EINPUT); rows the shards did not keep, or states
 * that kept different rows, are a usage error (DQA_EARG). */
static void kept_rows_checked(const dqa_rules *rules)
{
	EXPECT(write_rows_sharded(rules, 2, false) == 0);
	char one[256], two[256], rows[300], saved[300];
	snprintf(one, sizeof one, "%s", path_of("shard-1.state"));
	snprintf(two, sizeof two, "%s", path_of("shard-2.state"));
	const char *states[] = {one, two};
	snprintf(rows, sizeof rows, "%s.rows", one);
	snprintf(saved, sizeof saved, "%s.saved", one);
	EXPECT(rename(rows, saved) == 0);
	EXPECT(merge_code(states, 2, true) == DQA_EINPUT);
	size_t len = 0;
	char *data = read_file("shard-1.state.saved", &len);
	write_file("shard-1.state.rows", data, len / 2);
	EXPECT(merge_code(states, 2, true) == DQA_EINPUT);
	data[len / 2] = (char)~data[len / 2];
	write_file("shard-1.state.rows", data, len);
	EXPECT(merge_code(states, 2, true) == DQA_EINPUT);
	free(data);
	data = read_file("shard-2.state.rows", &len);
	write_file("shard-1.state.rows", data, len);
	EXPECT(merge_code(states, 2, true) == DQA_EINPUT);
	free(data);
	EXPECT(rename(saved, rows) == 0);
	EXPECT(merge_code(states, 2, true) == 0);
	/* shard 2 again, keeping no records: the states differ */
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = 1795392000;
	opts.keep_failed_rows = true;
	const char *input = path_of("data.csv");
	dqa_error err = {0};
	EXPECT(dqa_audit_shard(rules, &input, 1, &opts, 2, 2, two, NULL, &err) == 0);
	EXPECT(merge_code(states, 2, false) == DQA_EARG);
	EXPECT(dqa_audit_shard(rules, &input, 1, &opts, 1, 2, one, NULL, &err) == 0);
	EXPECT(merge_code(states, 2, false) == 0);
	EXPECT(merge_code(states, 2, true) == DQA_EARG);
}

static size_t files_in_dir(void)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
	if (d)
		closedir(d);
	return n;
}

/* Cancelled (SIGINT in dqa): the row files are not made, no temporary is left. */
static void cancelled_leaves_nothing(const dqa_rules *rules)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.keep_failed_rows = opts.keep_records = true;
	const char *input = path_of("data.csv");
	dqa_result *res = NULL;
	dqa_error err = {0};
	EXPECT(dqa_audit_run(&res, rules, &input, 1, &opts, &err) == 0);
	size_t before = files_in_dir();
	dqa_cancel();
	dqa_rows_output o = {path_of("failed-cancelled"), false, 0, path_of("valid-cancelled"),
			     NULL, DQA_LANG_EN};
	EXPECT(dqa_result_write_rows(res, &o, stdout, NULL, &err) == DQA_ECANCELED);
	EXPECT(files_in_dir() == before);
	dqa_result_free(res);
}

/* A write that fails once the lines run past one buffer (the stream is
 * read-only) stops the writing: an error naming the stream, and the other
 * row file is not made. */
static void failed_write_leaves_nothing(const dqa_rules *rules)
{
	struct strbuf data = STRBUF_INIT;
	make_data(&data, 4000);
	write_file("big.csv", data.buf, data.len);
	strbuf_release(&data);
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.keep_failed_rows = opts.keep_records = true;
	const char *input = path_of("big.csv");
	dqa_result *res = NULL;
	dqa_error err = {0};
	if (dqa_audit_run(&res, rules, &input, 1, &opts, &err) != 0) {
		EXPECT(!"the audit of big.csv");
		return;
	}
	FILE *read_only = fopen(input, "r");
	size_t before = files_in_dir();
	dqa_rows_output o = {"-", false, 0, path_of("valid-unwritten"), NULL, DQA_LANG_EN};
	EXPECT(dqa_result_write_rows(res, &o, read_only, NULL, &err) == DQA_EIO);
	EXPECT(strstr(err.message, "cannot write") != NULL);
	EXPECT(files_in_dir() == before);
	fclose(read_only);
	dqa_result_free(res);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	struct strbuf data = STRBUF_INIT;
	make_data(&data, 400);
	write_file("data.csv", data.buf, data.len);
	write_file("rules.yaml", rules_text, strlen(rules_text));
	strbuf_release(&data);
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	if (dqa_rules_load(&rules, path_of("rules.yaml"), &err) != 0) {
		fprintf(stderr, "rules: %s\n", err.message);
		return 1;
	}
	same_for_any_threads_and_blocks(rules);
	same_for_any_shards(rules);
	kept_rows_checked(rules);
	failed_write_leaves_nothing(rules);
	cancelled_leaves_nothing(rules);
	dqa_rules_free(rules);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return tap_failures;
}
