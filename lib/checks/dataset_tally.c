/* Tallies set after the scan: the verdict of a dataset-level check, kept
 * once for the dataset, and the implicit hygiene checks that score only
 * when some row failed them (check.h). */
#include "check.h"

int check_tally_all(const struct bound_check *b, struct plan *plan, uint64_t evaluated,
		    uint64_t failed, const char *note, dqa_error *err)
{
	const char *stored = note && note[0] ? arena_strdup(plan->out, note) : NULL;
	RETURN_NOMEM_UNLESS(!note || !note[0] || stored, err);
	struct tally *t = plan_dataset_tally(plan, b->index);
	t->evaluated = evaluated;
	t->failed = failed;
	t->note = stored;
	return 0;
}

/* Valid UTF-8 and no blank rows are what every extract should be, not an
 * achievement: such a check scores (every row evaluated) only when some row
 * of the dataset failed it; else it has no score and changes no mean. */
int check_unscore_when_clean(struct bound_check *b, struct plan *p, dqa_error *err)
{
	(void)err;
	for (size_t u = 0; u < p->nunits; u++)
		if (plan_tally(p, u, b->index)->failed)
			return 0;
	for (size_t u = 0; u < p->nunits; u++)
		plan_tally(p, u, b->index)->evaluated = 0;
	return 0;
}
