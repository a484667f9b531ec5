/* Scoring: check ratios roll up to criteria (check weights), criteria to
 * units (criterion weights), units to the dataset (each unit counts once).
 * Everything here is derived from the counts in the result. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"

const char *dqa_status_name(dqa_status s)
{
	static const char *const names[] = {"pass", "warn", "fail", "missing", "n/a"};
	return (unsigned)s <= DQA_NO_SCORE ? names[s] : "n/a";
}

/* Statuses follow the score as printed (two decimals), so a unit shown as
 * 90.00 never warns below 90. */
static dqa_status status_of(const struct dqa_result *r, double score)
{
	if (isnan(score))
		return DQA_NO_SCORE;
	double shown = round(score * 100) / 100;
	return shown >= r->warn_below ? DQA_PASS : shown >= r->fail_below ? DQA_WARN : DQA_FAIL;
}

/* Weighted mean of the non-NaN values; NaN when none carries weight. */
static double weighted_mean(const double *values, const double *weights, size_t n)
{
	double sum = 0, total = 0;
	for (size_t i = 0; i < n; i++) {
		if (isnan(values[i]) || weights[i] <= 0)
			continue;
		sum += weights[i] * values[i];
		total += weights[i];
	}
	return total > 0 ? sum / total : NAN;
}

static void score_checks(struct res_unit *u, double crit_weight[DQA_CRITERIA])
{
	double sums[DQA_CRITERIA] = {0};
	memset(crit_weight, 0, DQA_CRITERIA * sizeof *crit_weight);
	for (size_t i = 0; i < u->nchecks; i++) {
		struct res_check *c = &u->checks[i];
		c->score = NAN;
		c->passed = true;
		if (!c->evaluated)
			continue;
		double ratio = (double)(c->evaluated - c->failed) / (double)c->evaluated;
		c->score = 100 * ratio;
		c->passed = ratio >= c->min_ratio;
		if (c->weight > 0) {
			sums[c->criterion] += c->weight * c->score;
			crit_weight[c->criterion] += c->weight;
		}
	}
	for (int k = 0; k < DQA_CRITERIA; k++)
		u->criteria[k] = crit_weight[k] > 0 ? sums[k] / crit_weight[k] : NAN;
}

static void pick_reasons(struct res_unit *u)
{
	u->nreasons = 0;
	for (size_t i = 0; i < u->nchecks; i++) {
		if (!(u->checks[i].cost > 0))
			continue;
		size_t pos = u->nreasons < 3 ? u->nreasons++ : 3;
		while (pos > 0 && u->checks[u->reasons[pos - 1]].cost < u->checks[i].cost) {
			if (pos < 3)
				u->reasons[pos] = u->reasons[pos - 1];
			pos--;
		}
		if (pos < 3)
			u->reasons[pos] = i;
	}
}

static void score_unit(const struct dqa_result *r, struct res_unit *u)
{
	if (u->missing) {
		for (int k = 0; k < DQA_CRITERIA; k++)
			u->criteria[k] = r->criterion_used[k] ? 0 : NAN;
		u->score = 0;
		u->status = DQA_MISSING;
		return;
	}
	double crit_weight[DQA_CRITERIA];
	score_checks(u, crit_weight);
	u->score = weighted_mean(u->criteria, r->weights, DQA_CRITERIA);
	u->status = status_of(r, u->score);
	double total_w = 0;
	for (int k = 0; k < DQA_CRITERIA; k++)
		if (!isnan(u->criteria[k]) && r->weights[k] > 0)
			total_w += r->weights[k];
	for (size_t i = 0; i < u->nchecks; i++) {
		struct res_check *c = &u->checks[i];
		int k = c->criterion;
		c->cost = 0;
		if (!isnan(c->score) && crit_weight[k] > 0 && total_w > 0)
			c->cost = (100 - c->score) * (c->weight / crit_weight[k]) *
				  (r->weights[k] / total_w);
	}
	pick_reasons(u);
}

struct warning_key {
	double score;
	const char *name;
	size_t unit;
};

static int worst_first(const void *a, const void *b)
{
	const struct warning_key *ka = a, *kb = b;
	if (ka->score != kb->score)
		return ka->score < kb->score ? -1 : 1;
	return strcmp(ka->name, kb->name);
}

static void build_warnings(struct dqa_result *r)
{
	r->nwarnings = 0;
	r->warnings = arena_alloc(&r->arena, (r->nunits + 1) * sizeof *r->warnings);
	struct warning_key *keys = malloc((r->nunits + 1) * sizeof *keys);
	if (!r->warnings || !keys) {
		free(keys);
		return;
	}
	for (size_t i = 0; i < r->nunits; i++) {
		const struct res_unit *u = &r->units[i];
		if (u->status == DQA_WARN || u->status == DQA_FAIL || u->status == DQA_MISSING)
			keys[r->nwarnings++] = (struct warning_key){u->score, u->name, i};
	}
	qsort(keys, r->nwarnings, sizeof *keys, worst_first);
	for (size_t i = 0; i < r->nwarnings; i++)
		r->warnings[i] = keys[i].unit;
	free(keys);
}

void result_score(struct dqa_result *r)
{
	double sums[DQA_CRITERIA] = {0};
	size_t counts[DQA_CRITERIA] = {0};
	for (size_t i = 0; i < r->nunits; i++) {
		struct res_unit *u = &r->units[i];
		score_unit(r, u);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			if (isnan(u->criteria[k]))
				continue;
			sums[k] += u->criteria[k];
			counts[k]++;
		}
	}
	for (int k = 0; k < DQA_CRITERIA; k++)
		r->criteria[k] = counts[k] ? sums[k] / (double)counts[k] : NAN;
	r->score = weighted_mean(r->criteria, r->weights, DQA_CRITERIA);
	r->status = status_of(r, r->score);
	build_warnings(r);
}

double dqa_result_score(const dqa_result *res)
{
	return res->score;
}

dqa_status dqa_result_status(const dqa_result *res)
{
	return res->status;
}
