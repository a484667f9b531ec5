/* What `dqa lint` found in a rule file: its error, if it does not load,
 * and the warnings about a rule file that does, in file order. The report
 * layer writes them (lib/report/lint_write.c). */
#ifndef DQA_LINT_H
#define DQA_LINT_H

#include "../dqa.h"

struct lint_finding {
	dqa_error at;                 /* file, position, message, hint, excerpt */
	bool warning;                 /* else an error */
};

struct dqa_lint {
	const char *rules_path;
	size_t nchecks;               /* of a rule file that loaded */
	struct lint_finding *items;
	size_t n, cap;
	size_t errors_found;          /* the rule file's, beyond those kept */
};

#endif
