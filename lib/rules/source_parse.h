/* Reading the rule file's `source:` entry: the database and query whose
 * rows the audit reads when no DATA operand is given (lib/input/pg.h). */
#ifndef DQA_SOURCE_PARSE_H
#define DQA_SOURCE_PARSE_H

#include "rules.h"

/* Reads `source: {postgresql: URI, query: "SELECT ..."}` into the rules'
 * source and dialect.query: a libpq URI without a password, and a query
 * unless the URI names a table (table=), never both. */
int source_parse(struct rules_ctx *ctx, const struct ynode *map);

#endif
