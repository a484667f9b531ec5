/* File paths as outputs name them. */
#ifndef DQA_UTIL_PATHS_H
#define DQA_UTIL_PATHS_H

#include <stdbool.h>

/* path as an output shows it: as given when as_given or when relative to
 * the working directory, else (absolute) its base name, so that a published
 * report does not tell how a server's folders are laid out. Points into
 * path. */
const char *path_shown(const char *path, bool as_given);

#endif
