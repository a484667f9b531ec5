/* One source of truth per run parameter, through the public API:
 * - the worker count is resolved once and reported back (a request above
 *   DQA_THREADS_MAX runs DQA_THREADS_MAX workers; dqa merge takes one too);
 * - the rule file's bytes are read once, at load: a shard state carries
 *   their hash, and a rule-file error shows the line as loaded, whatever
 *   happened to the file since. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "tap.h"

static char dir[] = "/tmp/dqa-params-XXXXXX";

/* Each call a buffer of its own: the test makes fewer than 32. */
static const char *path_of(const char *name)
{
	static char path[32][256];
	static int next;
	char *p = path[next++ % 32];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	return p;
}

static void write_text(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "wb");
	fputs(text, f);
	fclose(f);
}

/* The unique check resolves its key sets on the merge's threads too. */
static const char rules_v1[] =
	"version: 1\n"
	"dataset: {name: people, unit: ward}\n"
	"clean:\n"
	"  - unique: {column: id}\n";
/* The same rules, other bytes: a comment is an edit all the same. */
static const char rules_v2[] =
	"version: 1\n"
	"dataset: {name: people, unit: ward}\n"
	"clean:\n"
	"  - unique: {column: id}   # edited during the audit\n";
static const char data[] = "id,ward\n1,A\n2,A\n2,B\n3,B\n";

static dqa_audit_options audit_options(unsigned threads)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = 1795392000;
	opts.threads = threads;
	return opts;
}

static char *json_of(dqa_result *res)
{
	char *json = NULL;
	EXPECT(dqa_result_json(&json, res, NULL) == 0);
	return json;
}

/* What ran is reported: the request resolved and capped in one place. */
static void test_threads(const dqa_rules *rules, const char *const *inputs)
{
	const unsigned asked[] = {1, 3, 1000};
	const unsigned ran[] = {1, 3, DQA_THREADS_MAX};
	char *first = NULL;
	for (size_t i = 0; i < 3; i++) {
		dqa_audit_options opts = audit_options(asked[i]);
		dqa_result *res = NULL;
		dqa_error err = {0};
		EXPECT(dqa_audit_run(&res, rules, inputs, 1, &opts, &err) == 0);
		if (!res)
			continue;
		EXPECT(dqa_result_threads(res) == ran[i]);
		char *json = json_of(res);
		if (!first)
			first = json;
		else {
			EXPECT_STR(json, first);
			free(json);
		}
		dqa_result_free(res);
	}
	dqa_audit_options opts = audit_options(0);
	dqa_result *res = NULL;
	dqa_error err = {0};
	EXPECT(dqa_audit_run(&res, rules, inputs, 1, &opts, &err) == 0);
	EXPECT(res && dqa_result_threads(res) >= 1 && dqa_result_threads(res) <= DQA_THREADS_MAX);
	dqa_result_free(res);
	free(first);
}

/* dqa merge runs the thread count it is given, with the same result. */
static void test_merge_threads(const char *state)
{
	char *first = NULL;
	for (unsigned threads = 1; threads <= 3; threads += 2) {
		dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
		mopts.threads = threads;
		dqa_result *res = NULL;
		dqa_error err = {0};
		EXPECT(dqa_merge_run(&res, &state, 1, &mopts, &err) == 0);
		if (!res) {
			fprintf(stderr, "merge failed: %s\n", err.message);
			continue;
		}
		EXPECT(dqa_result_threads(res) == threads);
		char *json = json_of(res);
		if (!first)
			first = json;
		else {
			EXPECT_STR(json, first);
			free(json);
		}
		dqa_result_free(res);
	}
	free(first);
}

/* The rule file changes between the load and the audit: the shard state
 * holds the hash of the bytes the audit ran, so a merge sees the edit. */
static void test_state_hash(const char *const *inputs)
{
	write_text("rules.yaml", rules_v1);
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	EXPECT(dqa_rules_load(&rules, path_of("rules.yaml"), &err) == 0);
	if (!rules)
		return;
	write_text("rules.yaml", rules_v2);
	dqa_audit_options opts = audit_options(2);
	const char *state = path_of("shard.state");
	EXPECT(dqa_audit_shard(rules, inputs, 1, &opts, 1, 1, state, NULL, &err) == 0);
	dqa_rules_free(rules);

	/* the file as it is now is not what the shard audited */
	dqa_merge_options mopts = DQA_MERGE_OPTIONS_INIT;
	dqa_result *res = NULL;
	EXPECT(dqa_merge_run(&res, &state, 1, &mopts, &err) == DQA_EARG);
	EXPECT(strstr(err.message, "rule file changed") != NULL);
	dqa_result_free(res);

	/* put back as loaded, the rules are the shard's again */
	write_text("rules.yaml", rules_v1);
	res = NULL;
	EXPECT(dqa_merge_run(&res, &state, 1, &mopts, &err) == 0);
	dqa_result_free(res);
	test_merge_threads(state);
}

/* A column the rules name is missing from the data: the error points into
 * the rule file and shows the line as loaded, not as edited since. */
static void test_excerpt(void)
{
	write_text("columns.yaml", "version: 1\n"
				   "dataset: {name: people}\n"
				   "sufficient:\n"
				   "  - not_null: {column: phone}\n");
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	EXPECT(dqa_rules_load(&rules, path_of("columns.yaml"), &err) == 0);
	if (!rules)
		return;
	write_text("columns.yaml", "version: 1\n"
				   "dataset: {name: people}\n"
				   "sufficient:\n"
				   "  - not_null: {column: email}\n");
	const char *inputs[] = {path_of("data.csv")};
	EXPECT(dqa_rules_check_data(rules, inputs, 1, &err) == DQA_ERULES);
	EXPECT(err.line == 4 && err.has_excerpt);
	char *text = NULL;
	EXPECT(dqa_error_format(&text, &err) == 0);
	EXPECT(text && strstr(text, "    4 |   - not_null: {column: phone}\n") != NULL);
	EXPECT(text && strstr(text, "email") == NULL);
	free(text);
	dqa_rules_free(rules);

	/* an error while loading carries its excerpt too */
	write_text("bad.yaml", "version: 1\ndataset: {name: people}\nclean:\n  - uniqe: {column: id}\n");
	EXPECT(dqa_rules_load(&rules, path_of("bad.yaml"), &err) == DQA_ERULES);
	write_text("bad.yaml", "");
	EXPECT(err.line == 4 && err.has_excerpt);
	EXPECT_STR(err.excerpt, "  - uniqe: {column: id}");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	write_text("data.csv", data);
	write_text("rules.yaml", rules_v1);
	const char *inputs[] = {path_of("data.csv")};
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	EXPECT(dqa_rules_load(&rules, path_of("rules.yaml"), &err) == 0);
	if (rules)
		test_threads(rules, inputs);
	dqa_rules_free(rules);
	test_state_hash(inputs);
	test_excerpt();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	EXPECT(system(cmd) == 0);
	return TAP_DONE();
}
