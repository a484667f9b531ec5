/* Scoring, as dqa-rules(5) SCORING states it: a unit's unit-level checks
 * roll up to its criteria (check weights), its criteria to its score
 * (criterion weights). A dataset criterion is the weighted mean of the
 * units' roll-up (each unit once; weight: the criterion's unit-level check
 * weights) and of each dataset-level check (its own weight); criteria roll
 * up to the dataset's score. Everything here is derived from the counts. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "util/round.h"

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
	double shown = round_to(score, 2);
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

/* A check's score is its pass share; NaN (n/a) when nothing was evaluated. */
static void score_check(struct res_check *c)
{
	c->score = NAN;
	c->passed = true;
	c->cost = 0;
	if (!c->evaluated)
		return;
	double ratio = (double)(c->evaluated - c->failed) / (double)c->evaluated;
	c->score = 100 * ratio;
	c->passed = ratio >= c->min_ratio;
}

/* Scores each check and adds the scored ones, by criterion, to the
 * weighted sums and their weights: a unit's checks, or the dataset's. */
static void add_checks(struct res_check *checks, size_t n, double sums[DQA_CRITERIA],
		       double weights[DQA_CRITERIA])
{
	for (size_t i = 0; i < n; i++) {
		struct res_check *c = &checks[i];
		score_check(c);
		if (!isnan(c->score) && c->weight > 0) {
			sums[c->criterion] += c->weight * c->score;
			weights[c->criterion] += c->weight;
		}
	}
}

static void score_checks(struct res_unit *u, double crit_weight[DQA_CRITERIA])
{
	double sums[DQA_CRITERIA] = {0};
	memset(crit_weight, 0, DQA_CRITERIA * sizeof *crit_weight);
	add_checks(u->checks, u->nchecks, sums, crit_weight);
	for (int k = 0; k < DQA_CRITERIA; k++)
		u->criteria[k] = crit_weight[k] > 0 ? sums[k] / crit_weight[k] : NAN;
}

/* Whether check a ranks before check b, which comes earlier in the rules:
 * most points lost as the reports show them (two decimals), then most
 * failed; a tie keeps rule order. "What to fix first" ranks so too. */
static bool ranks_before(const struct res_check *a, const struct res_check *b)
{
	double cost_a = round_to(a->cost, 2), cost_b = round_to(b->cost, 2);
	if (cost_a != cost_b)
		return cost_a > cost_b;
	return a->failed > b->failed;
}

static void pick_reasons(struct res_unit *u)
{
	u->nreasons = 0;
	for (size_t i = 0; i < u->nchecks; i++) {
		if (!(u->checks[i].cost > 0))
			continue;
		size_t pos = u->nreasons < 3 ? u->nreasons++ : 3;
		while (pos > 0 && ranks_before(&u->checks[i], &u->checks[u->reasons[pos - 1]])) {
			if (pos < 3)
				u->reasons[pos] = u->reasons[pos - 1];
			pos--;
		}
		if (pos < 3)
			u->reasons[pos] = i;
	}
}

/* The summed weight of the criteria that have a score. */
static double scored_weight(const struct dqa_result *r, const double *criteria)
{
	double total = 0;
	for (int k = 0; k < DQA_CRITERIA; k++)
		if (!isnan(criteria[k]) && r->weights[k] > 0)
			total += r->weights[k];
	return total;
}

/* Points a check took off a score: its shortfall times its share of its
 * criterion's weight times the criterion's share of the criteria weight. */
static void set_cost(const struct dqa_result *r, struct res_check *c, double crit_weight,
		     double total_w)
{
	int k = c->criterion;
	c->cost = 0;
	if (!isnan(c->score) && crit_weight > 0 && total_w > 0)
		c->cost = (100 - c->score) * (c->weight / crit_weight) * (r->weights[k] / total_w);
}

static void score_present_unit(const struct dqa_result *r, struct res_unit *u)
{
	double crit_weight[DQA_CRITERIA];
	score_checks(u, crit_weight);
	u->score = weighted_mean(u->criteria, r->weights, DQA_CRITERIA);
	u->status = status_of(r, u->score);
	double total_w = scored_weight(r, u->criteria);
	for (size_t i = 0; i < u->nchecks; i++)
		set_cost(r, &u->checks[i], crit_weight[u->checks[i].criterion], total_w);
	pick_reasons(u);
}

/* A missing unit scores 0 in the criteria some present unit scores (no
 * score is not zero: elsewhere it has none) and 0 overall. */
static void score_missing_unit(const bool scored[DQA_CRITERIA], struct res_unit *u)
{
	for (int k = 0; k < DQA_CRITERIA; k++)
		u->criteria[k] = scored[k] ? 0 : NAN;
	u->score = 0;
	u->status = DQA_MISSING;
	u->nreasons = 0;
}

/* The units' roll-up: per criterion, the plain mean over the units that
 * score it (each unit counts once); NaN when none does. */
static void unit_rollup(struct dqa_result *r, double rollup[DQA_CRITERIA])
{
	double sums[DQA_CRITERIA] = {0};
	size_t counts[DQA_CRITERIA] = {0};
	bool scored[DQA_CRITERIA] = {false};
	for (size_t i = 0; i < r->nunits; i++) {
		struct res_unit *u = &r->units[i];
		if (u->missing)
			continue;
		score_present_unit(r, u);
		for (int k = 0; k < DQA_CRITERIA; k++)
			scored[k] |= !isnan(u->criteria[k]);
	}
	for (size_t i = 0; i < r->nunits; i++) {
		struct res_unit *u = &r->units[i];
		if (u->missing)
			score_missing_unit(scored, u);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			if (isnan(u->criteria[k]))
				continue;
			sums[k] += u->criteria[k];
			counts[k]++;
		}
	}
	for (int k = 0; k < DQA_CRITERIA; k++)
		rollup[k] = counts[k] ? sums[k] / (double)counts[k] : NAN;
}

/* Dataset criteria: the units' roll-up weighted by the unit-level check
 * weights, beside each scored dataset-level check with its own weight. */
static void score_dataset(struct dqa_result *r, const double rollup[DQA_CRITERIA],
			  double total[DQA_CRITERIA])
{
	double sums[DQA_CRITERIA] = {0};
	for (int k = 0; k < DQA_CRITERIA; k++) {
		total[k] = 0;
		if (!isnan(rollup[k]) && r->unit_weights[k] > 0) {
			sums[k] = r->unit_weights[k] * rollup[k];
			total[k] = r->unit_weights[k];
		}
	}
	add_checks(r->dataset_checks, r->ndataset_checks, sums, total);
	for (int k = 0; k < DQA_CRITERIA; k++)
		r->criteria[k] = total[k] > 0 ? sums[k] / total[k] : NAN;
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
	double rollup[DQA_CRITERIA], total[DQA_CRITERIA];
	unit_rollup(r, rollup);
	score_dataset(r, rollup, total);
	r->score = weighted_mean(r->criteria, r->weights, DQA_CRITERIA);
	/* no records is a finding whatever the weights make of it */
	r->status = r->empty_fails ? DQA_FAIL : status_of(r, r->score);
	double total_w = scored_weight(r, r->criteria);
	for (size_t i = 0; i < r->ndataset_checks; i++) {
		struct res_check *c = &r->dataset_checks[i];
		set_cost(r, c, total[c->criterion], total_w);
	}
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

bool dqa_result_no_rows(const dqa_result *res)
{
	return res->empty_fails;
}

void result_check_sum(const struct dqa_result *r, const char *id, struct check_sum *t)
{
	t->evaluated = t->failed = 0;
	t->nsamples = 0;
	for (size_t u = 0; u < r->nunits; u++)
		for (size_t k = 0; k < r->units[u].nchecks; k++) {
			const struct res_check *c = &r->units[u].checks[k];
			if (strcmp(c->id, id) != 0)
				continue;
			t->evaluated += c->evaluated;
			t->failed += c->failed;
			for (size_t s = 0; s < c->nsamples && t->nsamples < t->cap; s++)
				t->samples[t->nsamples++] = &c->samples[s];
		}
}
