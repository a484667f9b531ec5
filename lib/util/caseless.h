/* Names that differ only in letter case: the first suggestion to make for
 * a column or key that is not found ('Longitude' for 'longitude'). */
#ifndef DQA_CASELESS_H
#define DQA_CASELESS_H

#include <stddef.h>

/* The first of names[0, n) equal to word in ASCII letters of either case,
 * or NULL. */
const char *caseless_match(const char *word, const char *const *names, size_t n);

#endif
