/* What a YAML syntax error usually means in a rule file. libyaml names the
 * grammar rule that failed ("did not find expected key"), often on the line
 * after the mistake; this looks at the lines around it to name the mistake
 * people make (a dedented item, an over-indented key, a missing '- ', a
 * backslash in double quotes, an unquoted ':' or '{' inside {...}) and to
 * put the caret on it. */
#ifndef DQA_YAML_HINTS_H
#define DQA_YAML_HINTS_H

#include <stddef.h>

#include "../util/error.h"

struct yaml_diagnosis {
	struct dqa_pos pos;   /* where the mistake is, 1-based */
	char hint[256];       /* empty when none of the common cases */
};

/* problem: libyaml's; at: where libyaml stopped (1-based); text, len: the
 * rule file. */
void yaml_diagnose(const char *text, size_t len, const char *problem, struct dqa_pos at,
		   struct yaml_diagnosis *out);

#endif
