/* Results never depend on the thread count or on where the input is cut
 * into blocks: the same audit, run with 1 to 4 workers and blocks from 1
 * byte up, or split into 1, 2, 3 or 7 shards whose states are merged, must
 * produce byte-identical JSON. Inputs are the tricky ones:
 * quoted newlines at block edges, duplicates across blocks and files, a
 * field larger than a block, CRLF, no final newline, ragged rows, gzip,
 * invalid UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dqa.h"
#include "util/strbuf.h"
#include "state/state.h"
#include "tap.h"

static char dir[] = "/tmp/dqa-threads-XXXXXX";

static const char *path_of(const char *name)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	return p;
}

static void write_file(const char *name, const char *data, size_t len, bool gzip)
{
	if (gzip) {
		gzFile gz = gzopen(path_of(name), "wb");
		gzwrite(gz, data, (unsigned)len);
		gzclose(gz);
		return;
	}
	FILE *f = fopen(path_of(name), "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static const char rules_text[] =
	"version: 1\n"
	"dataset: {name: people, unit: ward}\n"
	"correct:\n"
	"  - regex: {column: id, pattern: '^[0-9]{3}$'}\n"
	"sufficient:\n"
	"  - not_null: [name, note]\n"
	"  - covers: {column: ward, ref: [A, B, C, D]}\n"
	"clean:\n"
	"  - unique: id\n"
	"  - unique: [ward, name]\n"
	"  - trimmed: note\n"
	"  - case: {column: name, style: consistent}\n"
	"unified:\n"
	"  - same_format: id\n"
	"  - agrees_with: {column: name, key: id, with: other.csv, with_key: id, with_column: name}\n"
	"alive:\n"
	"  - stalled: 3\n"
	"  - fresh: {column: note, max_age: 90d, measure: newest}\n";

/* Rows with duplicates near and far, quoted fields with newlines, CRLF. */
static void make_data(struct strbuf *sb, int rows, bool huge)
{
	strbuf_puts(sb, "id,ward,name,note\r\n");
	for (int i = 0; i < rows; i++) {
		int id = (i * 7) % (rows / 2 + 1);
		const char *ward = (const char *[]){"A", "B", "C", "E"}[i % 4];
		switch (i % 6) {
		case 0:
			strbuf_printf(sb, "%03d,%s,Nguyễn Văn %d,\"line one\nline two\"\n", id, ward, i % 9);
			break;
		case 1:
			strbuf_printf(sb, "%d,%s,\"TRẦN, THỊ %d\", padded \r\n", id, ward, i % 5);
			break;
		case 2:
			strbuf_printf(sb, "%03d,%s,lê %d\n", id, ward, i % 3);
			break;
		case 3:
			strbuf_printf(sb, "%03d,%s\n", id, ward);   /* ragged */
			break;
		case 4:
			strbuf_printf(sb, "\"%03d\",%s,\"Phạm \"\"Bé\"\" %d\",\"a\n\nb\"\n", id, ward, i % 4);
			break;
		default:
			strbuf_printf(sb, "%03d,%s,,2026-%02d-%02d\n", id, ward, 1 + i % 12, 1 + i % 28);
		}
		if (huge && i == rows / 2) {
			strbuf_puts(sb, "999,A,Huge,\"");
			for (int k = 0; k < 200000; k++)
				strbuf_puts(sb, k % 50 ? "x" : "\n");
			strbuf_puts(sb, "\"\n");
		}
	}
	strbuf_puts(sb, "123,B,last row,no newline");
}

/* Records that are not well-formed and line ends of every style, each
 * record ending with eol except a bare CR or CRLF now and then; the file
 * ends inside an open quoted field. */
static void make_messy(struct strbuf *sb, int rows, const char *eol)
{
	strbuf_printf(sb, "id,ward,name,note%s", eol);
	for (int i = 0; i < rows; i++) {
		const char *ward = (const char *[]){"A", "B", "C", "E"}[i % 4];
		const char *end = i % 11 == 5 ? "\r" : i % 13 == 7 ? "\r\n" : eol;
		switch (i % 7) {
		case 0:
			strbuf_printf(sb, "%03d,%s,\"GAM MODEL\" DI %d,x%s", i, ward, i % 5, end);
			break;
		case 1:
			strbuf_printf(sb, "%03d,%s, \"lê\" ,\"a\"b%s", i, ward, end);
			break;
		case 2:
			strbuf_printf(sb, "%s,,,%s", end, end);   /* a blank line, an empty record */
			break;
		case 3:
			strbuf_printf(sb, "%03d,%s,x\"y,\"two\r\nlines\"%s", i, ward, end);
			break;
		case 4:
			strbuf_printf(sb, "%03d,%s%s", i, ward, end);   /* ragged */
			break;
		default:
			strbuf_printf(sb, "%03d,%s,Nguyễn,2026-01-%02d%s", i, ward, 1 + i % 28, end);
		}
	}
	strbuf_puts(sb, "999,A,\"open quote,\nto the end\n");
}

static char *audit(const dqa_rules *rules, const char *const *inputs, size_t n,
		   unsigned threads, size_t block)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.threads = threads;
	opts.block_size = block;
	opts.now = 1795392000;
	dqa_result *res;
	dqa_error err;
	if (dqa_audit_run(&res, rules, inputs, n, &opts, &err) != 0) {
		fprintf(stderr, "audit failed: %s\n", err.message);
		return NULL;
	}
	char *json = NULL;
	dqa_result_json(&json, res, &err);
	dqa_result_free(res);
	return json;
}

/* Own buffers: path_of's few are held by the inputs. */
static const char *state_path(unsigned i)
{
	static char path[9][256];
	snprintf(path[i], sizeof path[i], "%s/shard-%u.state", dir, i);
	return path[i];
}

/* Audits the inputs in count shards, 2 threads each, and merges the states. */
static char *sharded(const dqa_rules *rules, const char *const *inputs, size_t n,
		     unsigned count, int *code)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.threads = 2;
	opts.block_size = 333;
	opts.now = 1795392000;
	dqa_error err;
	const char *states[8];
	*code = 0;
	for (unsigned i = 1; i <= count && !*code; i++) {
		states[i - 1] = state_path(i);
		*code = dqa_audit_shard(rules, inputs, n, &opts, i, count, states[i - 1], NULL, &err);
	}
	dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
	dqa_result *res;
	if (!*code && (*code = dqa_merge_run(&res, states, count, &mopts, &err)) == 0) {
		char *json = NULL;
		dqa_result_json(&json, res, &err);
		dqa_result_free(res);
		return json;
	}
	if (*code != DQA_EARG)
		fprintf(stderr, "sharded audit failed: %s\n", err.message);
	return NULL;
}

static void same_when_sharded(const dqa_rules *rules, const char *const *inputs, size_t n,
			      const char *want, const char *what)
{
	static const unsigned counts[] = {1, 2, 3, 7};
	for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
		int code;
		char *got = sharded(rules, inputs, n, counts[c], &code);
		/* A single gzip file is sharded by files: one shard only. */
		bool gzip_alone = n == 1 && strstr(inputs[0], ".gz") && counts[c] > 1;
		if (gzip_alone ? code != DQA_EARG : !got || strcmp(got, want) != 0) {
			fprintf(stderr, "%s: %u shards differ\n", what, counts[c]);
			tap_failures++;
		}
		free(got);
	}
}

static void same_everywhere(const dqa_rules *rules, const char *const *inputs, size_t n,
			    const char *what)
{
	char *want = audit(rules, inputs, n, 1, 0);
	EXPECT(want != NULL);
	if (want)
		same_when_sharded(rules, inputs, n, want, what);
	static const size_t blocks[] = {1, 7, 64, 333, 4096, 65536};
	for (unsigned threads = 1; threads <= 4 && want; threads++) {
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
			char *got = audit(rules, inputs, n, threads, blocks[b]);
			if (!got || strcmp(got, want) != 0) {
				fprintf(stderr, "%s: %u threads, %zu-byte blocks differ\n", what,
					threads, blocks[b]);
				tap_failures++;
			}
			free(got);
		}
	}
	free(want);
}

static int merge_code(const char *const *states, size_t n)
{
	dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
	dqa_result *res = NULL;
	dqa_error err;
	int code = dqa_merge_run(&res, states, n, &mopts, &err);
	dqa_result_free(res);
	return code;
}

/* A copy of state i with len bytes, byte `flip` (when < len) inverted. */
static const char *damaged(unsigned i, size_t len, size_t flip)
{
	FILE *f = fopen(state_path(i), "rb");
	static char buf[1 << 20];
	size_t have = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (flip < len)
		buf[flip] = (char)~buf[flip];
	const char *bad = state_path(0);
	f = fopen(bad, "wb");
	fwrite(buf, 1, len < have ? len : have, f);
	fclose(f);
	return bad;
}

/* States that do not make one audit are refused: exit 2 for another rule
 * set, a missing or repeated shard; exit 3 for damage. */
static void state_errors(const dqa_rules *rules, const char *const *plain)
{
	int code;
	free(sharded(rules, plain, 1, 2, &code));
	EXPECT(code == 0);
	const char *one = state_path(1), *two = state_path(2);
	EXPECT(merge_code((const char *[]){one, two}, 2) == 0);
	EXPECT(merge_code((const char *[]){one}, 1) == DQA_EARG);
	EXPECT(merge_code((const char *[]){one, one}, 2) == DQA_EARG);
	EXPECT(merge_code((const char *[]){one, damaged(2, 20, SIZE_MAX)}, 2) == DQA_EINPUT);
	EXPECT(merge_code((const char *[]){one, damaged(2, 1000, SIZE_MAX)}, 2) == DQA_EINPUT);
	EXPECT(merge_code((const char *[]){one, damaged(2, SIZE_MAX, 700)}, 2) == DQA_EINPUT);
	EXPECT(merge_code((const char *[]){one, damaged(2, SIZE_MAX, 10)}, 2) == DQA_EARG);
	EXPECT(merge_code((const char *[]){one, damaged(2, SIZE_MAX, 3)}, 2) == DQA_EINPUT);
	/* The same data audited with another rule set. */
	char text[sizeof rules_text + 64];
	snprintf(text, sizeof text, "%s  - file_age: 3650d\n", rules_text);
	write_file("other.yaml", text, strlen(text), false);
	dqa_rules *other;
	dqa_error err;
	EXPECT(dqa_rules_load(&other, path_of("other.yaml"), &err) == 0);
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = 1795392000;
	EXPECT(dqa_audit_shard(other, plain, 1, &opts, 2, 2, two, NULL, &err) == 0);
	EXPECT(merge_code((const char *[]){one, two}, 2) == DQA_EARG);
	dqa_rules_free(other);
}

/* The first error in file order is reported, whatever worker reaches
 * which error first: strict's ragged rows and the record size limit. */
static const char strict_rules_text[] =
	"version: 1\n"
	"limits: {max_record: 300}\n"
	"dataset: {name: t, unit: ward, strict: true}\n"
	"sufficient:\n"
	"  - not_null: name\n";

static void same_error(const dqa_rules *rules, const char *input, unsigned line,
		       const char *message)
{
	static const size_t blocks[] = {1, 7, 64, 333, 4096};
	for (unsigned threads = 1; threads <= 4; threads++) {
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
			dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
			opts.threads = threads;
			opts.block_size = blocks[b];
			dqa_result *res = NULL;
			dqa_error err = {0};
			int rc = dqa_audit_run(&res, rules, &input, 1, &opts, &err);
			if (rc != DQA_EINPUT || err.line != line || !strstr(err.message, message)) {
				fprintf(stderr, "%s: %u threads, %zu-byte blocks: %d at line %u: %s\n",
					input, threads, blocks[b], rc, err.line, err.message);
				tap_failures++;
			}
			dqa_result_free(res);
		}
	}
}

/* 600 rows with ragged rows on lines 390 (and 302 when early_ragged) and
 * 400-byte records on lines 350 and 500. */
static void write_ragged(const char *name, bool early_ragged)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "id,ward,name,note\n");
	for (int row = 1; row < 600; row++) {
		if ((row == 301 && early_ragged) || row == 389)
			strbuf_printf(&sb, "%d,W%d\n", row, row % 7);
		else if (row == 349 || row == 499)
			strbuf_printf(&sb, "%d,W1,\"%0400d\",n\n", row, 0);
		else
			strbuf_printf(&sb, "%d,W%d,name %d,n\n", row, row % 7, row);
	}
	write_file(name, sb.buf, sb.len, false);
	strbuf_release(&sb);
}

static void strict_errors(void)
{
	write_file("strict.yaml", strict_rules_text, strlen(strict_rules_text), false);
	dqa_rules *rules;
	dqa_error err;
	if (dqa_rules_load(&rules, path_of("strict.yaml"), &err) != 0) {
		fprintf(stderr, "%s\n", err.message);
		tap_failures++;
		return;
	}
	/* line = row + 1: ragged rows on lines 302 and 390, a 400-byte
	 * record on line 350 (after the first ragged row) and on line 500. */
	write_ragged("ragged.csv", true);
	same_error(rules, path_of("ragged.csv"), 302, "ragged row: 2 cells missing");
	/* Without the first ragged row, the long record comes first. */
	write_ragged("long.csv", false);
	same_error(rules, path_of("long.csv"), 350, "record larger than 300 bytes");
	dqa_rules_free(rules);
	remove(path_of("strict.yaml"));
	remove(path_of("ragged.csv"));
	remove(path_of("long.csv"));
}

/* dataset: unit from the file path: each input's rows go to its own unit,
 * whatever the threads, blocks or shards (shards take whole files). */
static void units_from_paths(void)
{
	char text[sizeof rules_text + 64];
	const char *at = strstr(rules_text, "unit: ward}");
	snprintf(text, sizeof text, "%.*sunit: {from: path, pattern: '/([a-z]+)[.]csv'}}%s",
		 (int)(at - rules_text), rules_text, at + strlen("unit: ward}"));
	write_file("paths.yaml", text, strlen(text), false);
	dqa_rules *rules;
	dqa_error err;
	if (dqa_rules_load(&rules, path_of("paths.yaml"), &err) != 0) {
		fprintf(stderr, "%s\n", err.message);
		EXPECT(0);
		return;
	}
	/* Own buffers: path_of has fewer than five. */
	static const char *const names[] = {"plain.csv", "data.csv.gz", "huge.csv", "tiny.csv",
					    "header.csv"};
	char paths[5][256];
	const char *all[5];
	for (size_t i = 0; i < 5; i++)
		all[i] = strcpy(paths[i], path_of(names[i]));
	same_everywhere(rules, all, 5, "units from paths");
	char *json = audit(rules, all, 5, 2, 64);
	EXPECT(json && strstr(json, "\"unit\": \"huge\"") && strstr(json, "\"unit\": \"header\""));
	free(json);
	dqa_rules_free(rules);
	remove(path_of("paths.yaml"));
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	write_file("rules.yaml", rules_text, strlen(rules_text), false);
	static const char other[] = "id,name\n000,lê 0\n007,x\n014,lê 2\n021,Nguyễn Văn 3\n";
	write_file("other.csv", other, strlen(other), false);
	dqa_rules *rules;
	dqa_error err;
	if (dqa_rules_load(&rules, path_of("rules.yaml"), &err) != 0) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	struct strbuf data = STRBUF_INIT;
	make_data(&data, 600, false);
	write_file("plain.csv", data.buf, data.len, false);
	write_file("data.csv.gz", data.buf, data.len, true);
	struct strbuf big = STRBUF_INIT;
	make_data(&big, 300, true);
	write_file("huge.csv", big.buf, big.len, false);
	write_file("tiny.csv", "id,ward,name,note\n001,A,x,y", 26, false);
	write_file("header.csv", "id,ward,name,note\n", 18, false);

	const char *plain[] = {path_of("plain.csv")};
	same_everywhere(rules, plain, 1, "plain");
	const char *gz[] = {path_of("data.csv.gz")};
	same_everywhere(rules, gz, 1, "gzip");
	const char *huge[] = {path_of("huge.csv")};
	same_everywhere(rules, huge, 1, "huge field");
	const char *two[] = {path_of("plain.csv"), path_of("data.csv.gz")};
	same_everywhere(rules, two, 2, "two inputs");
	const char *tiny[] = {path_of("tiny.csv")};
	same_everywhere(rules, tiny, 1, "tiny");
	const char *header[] = {path_of("header.csv")};
	same_everywhere(rules, header, 1, "header only");

	/* The JSON really names cross-block duplicates (not a vacuous pass). */
	char *json = audit(rules, two, 2, 3, 64);
	EXPECT(json && strstr(json, "duplicate of "));
	EXPECT(json && strstr(json, "plain.csv line "));
	free(json);

	/* Records that are not well-formed, line ends of each style. */
	struct strbuf messy = STRBUF_INIT;
	for (int style = 0; style < 3; style++) {
		static const char *const eols[] = {"\n", "\r\n", "\r"};
		static const char *const names[] = {"messy LF", "messy CRLF", "messy CR"};
		strbuf_reset(&messy);
		make_messy(&messy, 300, eols[style]);
		write_file("messy.csv", messy.buf, messy.len, false);
		char path[256];
		snprintf(path, sizeof path, "%s", path_of("messy.csv"));
		const char *m[] = {path};
		same_everywhere(rules, m, 1, names[style]);
		/* Not a vacuous pass: every finding is there. */
		json = audit(rules, m, 1, 3, 64);
		EXPECT(json && strstr(json, "text after a closing quote"));
		EXPECT(json && strstr(json, "whitespace before a quoted field"));
		EXPECT(json && strstr(json, "quote inside an unquoted field"));
		EXPECT(json && strstr(json, "line ending "));
		EXPECT(json && strstr(json, "blank line"));
		EXPECT(json && strstr(json, "all 4 fields empty"));
		free(json);
	}
	strbuf_release(&messy);
	remove(path_of("messy.csv"));

	/* Stray bytes in some rows: blocks that hold one are checked value
	 * by value, the others passed whole, wherever the blocks are cut. */
	struct strbuf stray = STRBUF_INIT;
	make_data(&stray, 600, false);
	for (size_t at = 200; at < stray.len; at += 997)
		stray.buf[at] = (char)(at % 2 ? 0xC3 : 0xA9);
	write_file("stray.csv", stray.buf, stray.len, false);
	const char *st[] = {path_of("stray.csv")};
	same_everywhere(rules, st, 1, "stray bytes");
	json = audit(rules, st, 1, 3, 64);
	EXPECT(json && strstr(json, "invalid UTF-8 at byte offset"));
	free(json);
	strbuf_release(&stray);
	remove(path_of("stray.csv"));

	state_errors(rules, (const char *[]){path_of("plain.csv")});
	strict_errors();
	units_from_paths();

	dqa_rules_free(rules);
	strbuf_release(&data);
	strbuf_release(&big);
	const char *names[] = {"rules.yaml", "plain.csv", "data.csv.gz", "huge.csv", "tiny.csv",
			       "header.csv", "other.csv", "other.yaml"};
	for (unsigned i = 0; i <= 7; i++)
		remove(state_path(i));
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		remove(path_of(names[i]));
	remove(dir);
	return TAP_DONE();
}
