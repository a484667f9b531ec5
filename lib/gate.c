/* The quality gate: whether a finished audit (or suite) passes, judged on
 * the score as every report shows it, and why not in one sentence. The
 * command line only maps the verdict to its exit status. */
#include <math.h>
#include <stdio.h>

#include "dqa.h"
#include "util/round.h"

bool dqa_gate(const dqa_gate_input *in, char *why, size_t cap)
{
	/* 89.996 shows as 90.00 and passes --fail-under 90. */
	double score = round_to(in->score, 2);
	const char *whose = in->suite ? "suite score" : "overall score";
	if (in->no_rows) {
		snprintf(why, cap, "the extract has no rows (a rule file accepts that with "
				   "dataset: {allow_empty: true})");
		return false;
	}
	if (in->status == DQA_FAIL) {
		snprintf(why, cap, in->suite ? "a dataset's status is fail (suite score %.2f)"
					     : "overall status is fail (score %.2f)", score);
		return false;
	}
	if (in->fail_under < 0)
		return true;
	if (isnan(score)) {
		snprintf(why, cap, "nothing was scored, so no score reaches --fail-under");
		return false;
	}
	if (score < in->fail_under) {
		snprintf(why, cap, "%s %.2f is below --fail-under %g", whose, score, in->fail_under);
		return false;
	}
	return true;
}
