/* The verdict of a dataset-wide check, given to every unit (check.h). */
#include "check.h"

int check_tally_all(const struct bound_check *b, struct plan *plan, uint64_t evaluated,
		    uint64_t failed, const char *note, dqa_error *err)
{
	const char *stored = note && note[0] ? arena_strdup(plan->out, note) : NULL;
	RETURN_IF_NOMEM(!note || !note[0] || stored ? plan : NULL, err);
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		struct tally *t = plan_tally(plan, u, b->index);
		t->evaluated = evaluated;
		t->failed = failed;
		t->note = stored;
	}
	return 0;
}
