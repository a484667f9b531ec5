/* dataset: unit: {from: path, pattern: ...}: the unit of every row of a
 * data file is taken from the file's path, by a template such as
 * 'data/{unit}/citizens.csv' or a regex with one capture group. */
#ifndef DQA_UNIT_PATH_H
#define DQA_UNIT_PATH_H

#include "rules.h"

struct unit_path;

/* Reads the mapping {from: path, pattern: P} into *out (rules arena; free
 * the compiled pattern with unit_path_release). Errors point into the rule
 * file. */
int unit_path_parse(struct rules_ctx *ctx, const struct ynode *map, struct unit_path **out);

/* The unit in path: *name and *len point into path. Fails with DQA_ERULES
 * at the pattern when path does not match, gives an empty unit or is
 * standard input ("-"). */
int unit_path_match(const struct unit_path *up, const struct dqa_rules *rules, const char *path,
		    const char **name, size_t *len, dqa_error *err);

void unit_path_release(struct unit_path *up);

#endif
