/* Scoring maths on a hand-built result: check scores, weighted criteria,
 * unit and dataset roll-ups, costs, statuses and the warning list. The
 * expected numbers are worked out in the comments. */
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

	/* Dataset: correct mean(97.5, 100, 0) = 65.8333; alive mean(50, 0) = 25
	 * (B has no alive score); score (65.8333 + 2*25)/3 = 38.6111. */
	EXPECT(near(r.criteria[DQA_CORRECT], 197.5 / 3));
	EXPECT(near(r.criteria[DQA_ALIVE], 25));
	EXPECT(near(r.score, (197.5 / 3 + 50) / 3));
	EXPECT(r.status == DQA_FAIL);

	/* Warnings: C (0, missing) before A (65.83); B passes. */
	EXPECT(r.nwarnings == 2 && r.warnings[0] == 2 && r.warnings[1] == 0);
	arena_release(&r.arena);
	return TAP_DONE();
}
