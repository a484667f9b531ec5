/* Required metadata fields read from a Frictionless data package descriptor
 * (datapackage.json): the names dqa uses mapped to the descriptor's own. */
#ifndef DQA_CHECKS_DATAPACKAGE_H
#define DQA_CHECKS_DATAPACKAGE_H

#include <jansson.h>
#include <stdbool.h>

/* Is `path` a descriptor: named datapackage.json or *.datapackage.json? */
bool datapackage_path(const char *path);
/* 1 when the descriptor fills the field, 0 when it does not, -1 when the
 * field is not one the mapping knows (the caller then looks it up as a
 * top-level property). */
int datapackage_field(const json_t *package, const char *name);

#endif
