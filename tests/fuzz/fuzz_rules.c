/* libFuzzer target: the rule-file loader (libyaml events to a positioned
 * tree, every section and check kind, expressions, limits). Any input must
 * load or fail with DQA_ERULES naming the file and a position in it, never
 * crash, leak or read past a buffer. Reference files a fuzzed rule names
 * resolve against /tmp, where nothing is written but this target's file. */
#include <string.h>

#include "dqa.h"
#include "tempfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tempfile(data, size, ".yaml");
	dqa_rules *rules = NULL;
	dqa_error err = {0};
	int rc = dqa_rules_load(&rules, path, &err);
	if (rc == 0) {
		dqa_rules_check_count(rules);
	} else {
		/* A rule file is wrong at a place in it; reading it may fail too
		 * (a reference file), and memory may run out. */
		if (rc != DQA_ERULES && rc != DQA_EINPUT && rc != DQA_ENOMEM)
			abort();
		if (rc == DQA_ERULES && (strcmp(err.file, path) != 0 || err.line == 0))
			abort();
		char *text = NULL;
		dqa_error_format(&text, &err);
		free(text);
	}
	dqa_rules_free(rules);
	return 0;
}
