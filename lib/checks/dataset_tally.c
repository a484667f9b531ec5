/* The verdict of a dataset-level check, kept once for the dataset (check.h). */
#include "check.h"

int check_tally_all(const struct bound_check *b, struct plan *plan, uint64_t evaluated,
		    uint64_t failed, const char *note, dqa_error *err)
{
	const char *stored = note && note[0] ? arena_strdup(plan->out, note) : NULL;
	RETURN_IF_NOMEM(!note || !note[0] || stored ? plan : NULL, err);
	struct tally *t = plan_dataset_tally(plan, b->index);
	t->evaluated = evaluated;
	t->failed = failed;
	t->note = stored;
	return 0;
}
