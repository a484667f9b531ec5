/* Scoring maths on a hand-built result: check scores, weighted criteria,
 * unit and dataset roll-ups with dataset-level checks, costs, statuses,
 * the warning list and the empty extract. The expected numbers are worked
 * out in the comments (the formula is dqa-rules(5) SCORING). */
#include <math.h>

#include "result.h"
#include "tap.h"

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

int main(void)
{
	struct dqa_result r = {.warn_below = 90, .fail_below = 75};
	for (int k = 0; k < DQA_CRITERIA; k++)
		r.weights[k] = 1;
	r.weights[DQA_ALIVE] = 2;
	r.criterion_used[DQA_CORRECT] = r.criterion_used[DQA_ALIVE] = true;
	r.criterion_used[DQA_CLEAN] = r.criterion_used[DQA_UNIFIED] = true;
	/* the rule set's unit-level check weights: correct c1 + c2, alive a1 */
	r.unit_weights[DQA_CORRECT] = 4;
	r.unit_weights[DQA_ALIVE] = 1;
	/* Dataset-level: d1 in correct (w2) 1 of 2 fields fail -> 50; d2 the only
	 * clean check 3/4 -> 75; d3 in unified evaluated nothing -> n/a. */
	struct res_check d_checks[] = {
		{.id = "d1", .criterion = DQA_CORRECT, .weight = 2, .min_ratio = 1,
		 .evaluated = 2, .failed = 1},
		{.id = "d2", .criterion = DQA_CLEAN, .weight = 1, .min_ratio = 0.5,
		 .evaluated = 4, .failed = 1},
		{.id = "d3", .criterion = DQA_UNIFIED, .weight = 1, .min_ratio = 1},
	};
	r.dataset_checks = d_checks;
	r.ndataset_checks = 3;

	/* Unit A: correct has checks 9/10 (w1) and 4/4 (w3) -> (90 + 300)/4 = 97.5;
	 * alive 1/2 -> 50. Unit score (97.5*1 + 50*2)/3 = 65.8333 -> fail. */
	struct res_check a_checks[] = {
		{.id = "c1", .criterion = DQA_CORRECT, .weight = 1, .min_ratio = 0.8,
		 .evaluated = 10, .failed = 1},
		{.id = "c2", .criterion = DQA_CORRECT, .weight = 3, .min_ratio = 1,
		 .evaluated = 4, .failed = 0},
		{.id = "a1", .criterion = DQA_ALIVE, .weight = 1, .min_ratio = 1,
		 .evaluated = 2, .failed = 1},
	};
	/* Unit B: correct 100, alive: nothing evaluated -> null; score 100. */
	struct res_check b_checks[] = {
		{.id = "c1", .criterion = DQA_CORRECT, .weight = 1, .min_ratio = 1,
		 .evaluated = 3, .failed = 0},
		{.id = "a1", .criterion = DQA_ALIVE, .weight = 1, .min_ratio = 1,
		 .evaluated = 0, .failed = 0},
	};
	struct res_unit units[] = {
		{.name = "A", .rows = 10, .checks = a_checks, .nchecks = 3},
		{.name = "B", .rows = 3, .checks = b_checks, .nchecks = 2},
		{.name = "C", .missing = true},
	};
	r.units = units;
	r.nunits = 3;
	result_score(&r);

	EXPECT(near(a_checks[0].score, 90) && a_checks[0].passed);   /* 0.9 >= 0.8 */
	EXPECT(near(a_checks[2].score, 50) && !a_checks[2].passed);
	EXPECT(near(units[0].criteria[DQA_CORRECT], 97.5));
	EXPECT(near(units[0].criteria[DQA_ALIVE], 50));
	EXPECT(isnan(units[0].criteria[DQA_CLEAN]));
	EXPECT(near(units[0].score, (97.5 + 100) / 3));
	EXPECT(units[0].status == DQA_FAIL);
	/* Costs add up to what the unit lost: c1 10*(1/4)*(1/3), a1 50*(2/3). */
	EXPECT(near(a_checks[0].cost, 10.0 / 12));
	EXPECT(near(a_checks[1].cost, 0));
	EXPECT(near(a_checks[2].cost, 100.0 / 3));
	EXPECT(near(a_checks[0].cost + a_checks[2].cost, 100 - units[0].score));
	EXPECT(units[0].nreasons == 2 && units[0].reasons[0] == 2 && units[0].reasons[1] == 0);

	EXPECT(isnan(b_checks[1].score) && isnan(units[1].criteria[DQA_ALIVE]));
	EXPECT(near(units[1].score, 100) && units[1].status == DQA_PASS);

	EXPECT(units[2].status == DQA_MISSING && units[2].score == 0);
	EXPECT(units[2].criteria[DQA_CORRECT] == 0 && isnan(units[2].criteria[DQA_CLEAN]));

	/* Dataset-level checks never reach a unit: A's numbers above are what
	 * its own checks make. Units' roll-up: correct mean(97.5, 100, 0) =
	 * 65.8333; alive mean(50, 0) = 25 (B has no alive score).
	 * Dataset correct (4*65.8333 + 2*50)/6 = 60.5556; clean 75 (d2 alone);
	 * alive 25; unified: no score (d3 n/a, no unit check), so not 0.
	 * Score (60.5556 + 75 + 2*25)/4 = 46.3889. */
	double correct = (4 * 197.5 / 3 + 2 * 50) / 6;
	EXPECT(near(d_checks[0].score, 50) && !d_checks[0].passed);
	EXPECT(near(d_checks[1].score, 75) && d_checks[1].passed);
	EXPECT(isnan(d_checks[2].score) && d_checks[2].cost == 0);
	EXPECT(near(r.criteria[DQA_CORRECT], correct));
	EXPECT(near(r.criteria[DQA_CLEAN], 75));
	EXPECT(near(r.criteria[DQA_ALIVE], 25));
	EXPECT(isnan(r.criteria[DQA_UNIFIED]));
	EXPECT(near(r.score, (correct + 75 + 50) / 4));
	EXPECT(r.status == DQA_FAIL);
	/* A dataset-level check's cost is what it took off the dataset score:
	 * d1 50*(2/6)*(1/4), d2 25*(1/1)*(1/4). */
	EXPECT(near(d_checks[0].cost, 50.0 * 2 / 6 / 4));
	EXPECT(near(d_checks[1].cost, 25.0 / 4));

	/* Warnings: C (0, missing) before A (65.83); B passes. */
	EXPECT(r.nwarnings == 2 && r.warnings[0] == 2 && r.warnings[1] == 0);
	arena_release(&r.arena);

	/* No score is not zero: when no present unit scores alive (B's alive
	 * check is n/a), the missing unit C takes no part in alive. */
	struct dqa_result s = {.warn_below = 90, .fail_below = 75};
	for (int k = 0; k < DQA_CRITERIA; k++)
		s.weights[k] = 1;
	s.criterion_used[DQA_CORRECT] = s.criterion_used[DQA_ALIVE] = true;
	s.unit_weights[DQA_CORRECT] = s.unit_weights[DQA_ALIVE] = 1;
	struct res_unit s_units[] = {
		{.name = "B", .rows = 3, .checks = b_checks, .nchecks = 2},
		{.name = "C", .missing = true},
	};
	s.units = s_units;
	s.nunits = 2;
	result_score(&s);
	EXPECT(s_units[1].criteria[DQA_CORRECT] == 0 && isnan(s_units[1].criteria[DQA_ALIVE]));
	EXPECT(near(s.criteria[DQA_CORRECT], 50) && isnan(s.criteria[DQA_ALIVE]));
	EXPECT(near(s.score, 50));
	arena_release(&s.arena);

	/* An empty extract: no units, no score but the failed dataset check;
	 * the dataset fails even when that criterion weighs nothing. */
	struct dqa_result e = {.warn_below = 90, .fail_below = 75, .empty_fails = true};
	struct res_check no_rows = {.id = "sufficient.not_empty", .criterion = DQA_SUFFICIENT,
				    .weight = 1, .min_ratio = 1, .evaluated = 1, .failed = 1};
	e.dataset_checks = &no_rows;
	e.ndataset_checks = 1;
	result_score(&e);
	EXPECT(isnan(e.score) && e.status == DQA_FAIL && e.nwarnings == 0);
	arena_release(&e.arena);
	return TAP_DONE();
}
