/* clean.case across parallel workers: two workers that each observe part
 * of the rows, merged (the later part into the earlier), give the same
 * tallies and notes as one worker that observes them all. */
#include <stdlib.h>

#include "checks/check.h"
#include "plan.h"
#include "tap.h"

extern const struct check_ops check_case;

/* unit of each row and its value; counts worked out by hand below */
static const struct {
	size_t unit;
	const char *value;
} rows[] = {
	{0, "Nguyễn Văn An"}, {1, "TRẦN THỊ BÌNH"}, {0, "lê văn đức"}, {1, "Đặng Thu"},
	{1, ""}, {0, "Ưng Hoà"}, {1, "hà nội"}, {0, "ĐỖ HÙNG"}, {1, "Bùi văn Ánh"},
};
enum { NROWS = sizeof rows / sizeof *rows, NUNITS = 2 };

static void observe(struct bound_check *b, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		size_t len = strlen(rows[i].value);
		const char *fields[] = {rows[i].value};
		struct plan_row row = {fields, &len, i + 2, 0, rows[i].unit, 1, NULL};
		check_case.observe(b, &row);
	}
}

/* Runs the check with the rows split at `split` over two workers. */
static void run(struct plan *p, struct bound_check *b, size_t split)
{
	struct bound_check later = *b;
	dqa_error err = {0};
	EXPECT(check_case.bind(b, p, &err) == 0 && check_case.bind(&later, p, &err) == 0);
	observe(b, 0, split);
	observe(&later, split, NROWS);
	EXPECT(check_case.merge(b, &later, &err) == 0);
	check_case.unbind(&later);
	EXPECT(check_case.dataset(b, p, &err) == 0);
	check_case.unbind(b);
}

int main(void)
{
	struct dqa_rules rules = {.arena = ARENA_INIT};
	dqa_error err = {0};
	struct rules_ctx ctx = {&rules, &err, NULL};
	struct check def = {.ops = &check_case};
	EXPECT(check_case.configure(&def, NULL, &ctx) == 0);   /* style consistent */

	struct arena out = ARENA_INIT;
	uint64_t unit_rows[NUNITS] = {4, 5};
	const char *inputs[] = {"data.csv"};
	int cols[] = {0};
	struct tally whole[NUNITS] = {0}, split[NUNITS] = {0};
	struct plan p = {.out = &out, .nchecks = 1, .nunits = NUNITS, .unit_rows = unit_rows,
			 .inputs = inputs, .ninputs = 1};
	struct bound_check b = {.def = &def, .plan = &p, .cols = cols};

	p.tallies = whole;
	run(&p, &b, NROWS);
	/* title: Nguyễn Văn An, Đặng Thu, Ưng Hoà (3); upper: TRẦN THỊ BÌNH,
	 * ĐỖ HÙNG (2); lower: lê văn đức, hà nội (2); mixed: Bùi văn Ánh. */
	EXPECT(whole[0].evaluated == 4 && whole[0].failed == 2);
	EXPECT(whole[1].evaluated == 4 && whole[1].failed == 3);
	EXPECT_STR(whole[0].note, "dominant style title (3 of 8 values); "
				  "1 upper (first at line 9), 1 lower (first at line 4)");
	EXPECT_STR(whole[1].note, "dominant style title (3 of 8 values); "
				  "1 upper (first at line 3), 1 lower (first at line 8), "
				  "1 mixed (first at line 10)");

	for (size_t at = 0; at <= NROWS; at++) {
		memset(split, 0, sizeof split);
		p.tallies = split;
		run(&p, &b, at);
		for (size_t u = 0; u < NUNITS; u++) {
			EXPECT(split[u].evaluated == whole[u].evaluated);
			EXPECT(split[u].failed == whole[u].failed);
			EXPECT_STR(split[u].note, whole[u].note);
		}
	}
	arena_release(&out);
	arena_release(&rules.arena);
	return TAP_DONE();
}
