/* Lint's look at the data: the first records of the inputs read against
 * the columns' declared types and formats. */
#ifndef DQA_LINT_DATA_H
#define DQA_LINT_DATA_H

#include <stdint.h>

#include "../dqa.h"

struct dqa_rules;

/* One finding (a positioned error or warning) for the lint to keep. */
typedef int (*lint_add_fn)(void *ctx, const dqa_error *at, bool warning, dqa_error *err);

/* Reads up to max_records records (0: all) of inputs in order and reports,
 * at a column's declaration, a typed column of which fewer than half the
 * non-empty values read as its type, with a value that does not and the
 * format or number style that reads most of them. */
int lint_column_types(const struct dqa_rules *r, const char *const *inputs, size_t ninputs,
		      uint64_t max_records, lint_add_fn add, void *ctx, dqa_error *err);

/* A check needs this many values before its failures say anything. */
enum { LINT_MIN_EVALUATED = 10 };

/* Audits the first max_records records (0: all) and warns, at a row
 * check, when it fails more than 90% of the values it evaluated (at least
 * LINT_MIN_EVALUATED), with two of them. */
int lint_failing_checks(const struct dqa_rules *r, const char *const *inputs, size_t ninputs,
			uint64_t max_records, lint_add_fn add, void *ctx, dqa_error *err);

/* A reference, catalog or sidecar file the rules name that cannot be
 * read: an error at the rule that names it. */
int lint_named_files(const struct dqa_rules *r, lint_add_fn add, void *ctx, dqa_error *err);

#endif
