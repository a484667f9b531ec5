#include "closest.h"

#include "../dqa.h"

#include <string.h>
#include <strings.h>

enum { LONGEST = 64 };

/* Levenshtein distance; names longer than LONGEST are never close. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > LONGEST || lb > LONGEST)
		return LONGEST;
	size_t row[LONGEST + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* A candidate that begins the word or that the word begins ('output' and
 * 'out'), at least 3 letters in common. */
static const char *shared_prefix(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	for (size_t i = 0; i < n; i++) {
		size_t clen = strlen(candidates[i]), common = len < clen ? len : clen;
		if (common >= 3 && strncmp(word, candidates[i], common) == 0)
			return candidates[i];
	}
	return NULL;
}

const char *closest_word(const char *word, const char *const *candidates, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(word, candidates[i]) == 0)
			return candidates[i];
	const char *best = NULL;
	size_t best_d = 3;
	/* Replacing every letter of a short word is no suggestion ('zz' -> 'a'). */
	size_t len = strlen(word);
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d < best_d && d < len) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best ? best : shared_prefix(word, candidates, n);
}

const char *dqa_closest_word(const char *word, const char *const *candidates, size_t n)
{
	return closest_word(word, candidates, n);
}
