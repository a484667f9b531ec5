/* A column's statistics read out for rendering and for suggest: the type,
 * the extremes of that type, distinct count, quantiles, top values and
 * shapes, each exact or with its error bound. */
#ifndef DQA_PROFILE_SUMMARY_H
#define DQA_PROFILE_SUMMARY_H

#include "column.h"

enum { TOP_VALUES = 10, TOP_SHAPES = 5, NQUANTILES = 5 };

/* The quantile levels reported, and their names ("p1", "p25", ...). */
extern const double quantile_levels[NQUANTILES];
extern const char *const quantile_names[NQUANTILES];

struct column_summary {
	const char *name;
	enum value_kind type;
	const char *format;             /* date format or decimal separator, or NULL */
	double type_share;              /* of non-empty values passing as type */
	uint64_t values, empty;
	uint64_t evaluated;             /* what a check with allow_empty evaluates:
					   values and the whitespace-only ones */
	uint64_t distinct;
	bool distinct_exact;
	const struct extreme *min, *max;   /* of the type: numbers, times or text; NULL when none */
	bool numeric;                   /* min and max are numbers */
	double quantiles[NQUANTILES];
	bool has_quantiles, quantiles_exact;
	int64_t time_p10;               /* date columns with an exact table: the
					   time at rank floor(0.1 * (n - 1)) */
	bool has_time_p10;
	struct counter_entry top[TOP_VALUES];
	size_t ntop;
	bool top_exact;
	unsigned top_sample_level;      /* estimated top counts: from a sample of one
					   occurrence in 2^level */
	struct counter_entry shapes[TOP_SHAPES];
	size_t nshapes;
	bool shapes_exact;
};

/* Fills out from c (which must outlive it). Returns 0, -1 out of memory. */
int column_summarize(const struct column_stats *c, const char *name, int64_t now_year,
		     struct column_summary *out);

#endif
