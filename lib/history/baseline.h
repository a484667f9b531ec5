/* The baseline of the regression gate as loaded (baseline.c), shared with
 * the comparison after a change of rules (baseline_rules.c). */
#ifndef DQA_HISTORY_BASELINE_H
#define DQA_HISTORY_BASELINE_H

#include "../util/arena.h"
#include "../result.h"

struct strbuf;

/* A score of the baseline: a unit's total, or one of its checks/criteria. */
struct base_score {
	const char *unit, *part;   /* part NULL: the unit's score */
	double score;
};

struct baseline {
	struct arena arena;
	struct base_score *scores;     /* totals, and the parts reasons name */
	size_t n, cap;
	struct base_score *checks;     /* every unit's check scores, by id */
	size_t nchecks, checks_cap;
	const char **ids;              /* the baseline run's check ids */
	size_t nids, ids_cap;
	const char *rules_hash;        /* history: "" when not recorded; JSON: NULL */
	double overall;
	int64_t run_at;
	bool found;
};

/* Scores as printed: two decimals, half away from zero. */
double baseline_rounded(double v);

/* The unit of res called name, or NULL. */
const struct res_unit *baseline_find_unit(const struct dqa_result *res, const char *name);

/* Records a check id of the baseline run once. 0 or -1 (out of memory). */
int baseline_add_id(struct baseline *b, const char *id);

/* True when the baseline ran other rules than res: a history's run with
 * another rules hash (false when it recorded none), or a result.json with
 * other check ids. */
bool baseline_rules_changed(const struct baseline *b, const struct dqa_result *res);

/* After a change of rules: appends the note naming the checks added and
 * removed to sb, compares each unit's checks that both runs have against
 * max_drop and, when some dropped more, appends the explanation headed by
 * head. Returns 1 when something dropped, else 0. */
int baseline_compare_common(const struct baseline *b, const struct dqa_result *res,
			    double max_drop, const char *head, struct strbuf *sb);

#endif
