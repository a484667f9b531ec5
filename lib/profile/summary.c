/* Reading a column's statistics out: exact answers from the value table
 * while it is exact, the sketches' answers past it. */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const double quantile_levels[NQUANTILES] = {0.01, 0.25, 0.5, 0.75, 0.99};
const char *const quantile_names[NQUANTILES] = {"p1", "p25", "p50", "p75", "p99"};

struct weighted {
	double value;
	uint64_t count;
};

static int by_value(const void *a, const void *b)
{
	double x = ((const struct weighted *)a)->value, y = ((const struct weighted *)b)->value;
	return (x > y) - (x < y);
}

static double at_rank(const struct weighted *nums, double q, uint64_t total)
{
	uint64_t rank = (uint64_t)floor(q * (double)(total - 1)), seen = 0;
	size_t i = 0;
	while ((seen += nums[i].count) <= rank)
		i++;
	return nums[i].value;
}

/* Quantiles (or, for a date column, the tenth percentile) from the exact value table: the value at rank
 * floor(q * (n - 1)) of the n numbers in order, as ddsketch_quantile. */
static int exact_quantiles(const struct column_stats *c, int64_t now_year,
			   struct column_summary *out)
{
	size_t n, k = 0;
	struct counter_entry *all = counter_entries(&c->counts, &n);
	struct weighted *nums = n ? malloc(n * sizeof *nums) : NULL;
	if (n && (!all || !nums)) {
		free(all);
		free(nums);
		return -1;
	}
	uint64_t total = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* The table packs its keys without NULs; classify_value wants one. */
		char *value = strndup(all[i].value, all[i].len);
		if (!value) {
			rc = -1;
			break;
		}
		struct value_class vc;
		classify_value(value, all[i].len, now_year, &vc);
		free(value);
		bool timed = out->type == KIND_DATE || out->type == KIND_DATETIME;
		if (timed ? vc.formats != 0
			  : (vc.kinds & (1u << KIND_NUMBER | 1u << KIND_DECIMAL_COMMA)) != 0) {
			nums[k++] = (struct weighted){timed ? (double)vc.time : vc.number,
						      all[i].count};
			total += all[i].count;
		}
	}
	qsort(nums, k, sizeof *nums, by_value);
	for (size_t q = 0; q < NQUANTILES && total && rc == 0; q++)
		out->quantiles[q] = at_rank(nums, quantile_levels[q], total);
	if (total && out->type >= KIND_DATETIME && out->type <= KIND_DATE) {
		out->time_p10 = (int64_t)at_rank(nums, 0.1, total);
		out->has_time_p10 = true;
	}
	free(all);
	free(nums);
	return rc;
}

static int quantiles(const struct column_stats *c, int64_t now_year, struct column_summary *out)
{
	out->has_quantiles = c->numbers > 0;
	out->quantiles_exact = counter_exact(&c->counts);
	if (!out->has_quantiles)
		return 0;
	if (out->quantiles_exact)
		return exact_quantiles(c, now_year, out);
	for (size_t q = 0; q < NQUANTILES; q++)
		out->quantiles[q] = ddsketch_quantile(&c->quantiles, quantile_levels[q]);
	return 0;
}

int column_summarize(const struct column_stats *c, const char *name, int64_t now_year,
		     struct column_summary *out)
{
	*out = (struct column_summary){.name = name, .values = c->values, .empty = c->empty,
				       .evaluated = c->values + c->hygiene[HYG_WHITESPACE_ONLY]};
	out->type = column_type(c, &out->format, &out->type_share);
	out->distinct_exact = counter_exact(&c->counts);
	out->distinct = out->distinct_exact ? c->counts.set.count
					    : (uint64_t)llround(hll_estimate(&c->distinct));
	bool numeric = out->type == KIND_INTEGER || out->type == KIND_NUMBER ||
		       out->type == KIND_DECIMAL_COMMA;
	bool timed = out->type == KIND_DATE || out->type == KIND_DATETIME;
	out->numeric = numeric;
	out->min = numeric ? &c->num_min : timed ? &c->time_min : &c->text_min;
	out->max = numeric ? &c->num_max : timed ? &c->time_max : &c->text_max;
	if (!out->min->text)
		out->min = out->max = NULL;
	out->ntop = counter_top(&c->counts, out->top, TOP_VALUES);
	out->top_exact = counter_exact(&c->counts);
	out->top_sample_level = c->counts.level;
	out->nshapes = counter_top(&c->shapes, out->shapes, TOP_SHAPES);
	out->shapes_exact = counter_exact(&c->shapes);
	if (timed && counter_exact(&c->counts))
		return exact_quantiles(c, now_year, out);
	return numeric ? quantiles(c, now_year, out) : 0;
}
