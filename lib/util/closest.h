/* Did-you-mean: the known name nearest to one that is not found. */
#ifndef DQA_CLOSEST_H
#define DQA_CLOSEST_H

#include <stddef.h>

/* The candidate equal to word in ASCII letters of either case ('Longitude'
 * for 'longitude'), else the closest by edit distance (at most 2 edits and
 * fewer than word's length), else one that begins word or that word
 * begins (at least 3 letters), else NULL. */
const char *closest_word(const char *word, const char *const *candidates, size_t n);

#endif
