/* Time helpers of the alive checks: which date format a check reads its
 * column with, parsing with it, durations as parameters and in notes. */
#ifndef DQA_CHECKS_WHEN_H
#define DQA_CHECKS_WHEN_H

#include "check.h"

/* The check's `format` parameter (map may be NULL), else the column's
 * declared date format, else NULL (ISO 8601). */
int when_format(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		const char **format);
bool when_parse(const char *format, const char *s, size_t len, int64_t *t);
/* A required or optional duration parameter such as 7d; *seconds is left
 * alone when an optional one is absent. */
int when_duration(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		  const char *name, bool required, int64_t *seconds);
/* "3d 4h", "2h 5m", "45s": the two largest units of a non-negative span. */
void when_span(int64_t seconds, char *buf, size_t cap);

#endif
