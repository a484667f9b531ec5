/* Time helpers of the alive checks: durations as parameters and in notes.
 * (Date formats: rules_check_date_format; parsing: time_parse_as.) */
#ifndef DQA_CHECKS_WHEN_H
#define DQA_CHECKS_WHEN_H

#include "check.h"

/* The rule error for a bare 'm' or 'M' as the unit of node v's duration
 * (the grammar: duration_parse). */
int when_ambiguous(struct rules_ctx *ctx, const struct ynode *v);
/* A required or optional duration parameter such as 7d; *seconds is left
 * alone when an optional one is absent. */
int when_duration(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		  const char *name, bool required, int64_t *seconds);
/* "3d 4h", "2h 5min", "45s": the two largest units of a non-negative span. */
void when_span(int64_t seconds, char *buf, size_t cap);

#endif
