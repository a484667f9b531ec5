/* Reading the rule file's `limits:` section (lib/input/limits.h holds
 * the limits and their defaults). */
#ifndef DQA_LIMITS_PARSE_H
#define DQA_LIMITS_PARSE_H

#include "../input/limits.h"
#include "rules.h"

/* Reads the `limits:` mapping into out (which holds the defaults): sizes
 * in bytes, with an optional K, M or G suffix (binary), counts as whole
 * numbers, each at least 1. */
int limits_parse(struct rules_ctx *ctx, const struct ynode *map, struct limits *out);

#endif
