/* A program built against the installed libdqa (dqa.h and pkg-config
 * only): audits RULES DATA at a fixed --now and prints the result JSON,
 * which install.py compares with the installed dqa's. */
#include <dqa.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const dqa_error *err)
{
	char *text = NULL;
	dqa_error_format(&text, err);
	fprintf(stderr, "%s\n", text ? text : err->message);
	free(text);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: audit_example RULES DATA NOW\n");
		return 2;
	}
	dqa_error err;
	dqa_rules *rules;
	if (dqa_rules_load(&rules, argv[1], &err) < 0)
		return fail(&err);
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	if (dqa_time_parse(argv[3], &opts.now) < 0) {
		fprintf(stderr, "bad time '%s'\n", argv[3]);
		return 2;
	}
	opts.generated_at = opts.now;
	const char *inputs[] = {argv[2]};
	dqa_result *res;
	int rc = dqa_audit_run(&res, rules, inputs, 1, &opts, &err);
	if (rc < 0) {
		dqa_rules_free(rules);
		return fail(&err);
	}
	char *json = NULL;
	rc = dqa_result_json(&json, res, &err);
	if (rc == 0)
		fputs(json, stdout);
	free(json);
	dqa_result_free(res);
	dqa_rules_free(rules);
	return rc == 0 ? 0 : fail(&err);
}
