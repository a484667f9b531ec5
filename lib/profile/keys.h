/* A key of several columns for dqa suggest: when no column alone is a key,
 * the smallest set of at most KEY_MAX_COLUMNS columns, none of them ever
 * empty, whose combined values are unique in the profiled rows. A second
 * scan of the inputs tries the sets the profile allows. */
#ifndef DQA_PROFILE_KEYS_H
#define DQA_PROFILE_KEYS_H

#include "profile.h"
#include "summary.h"

enum { KEY_MAX_COLUMNS = 3 };

struct composite_key {
	size_t n;                        /* its columns; 0: none found */
	size_t cols[KEY_MAX_COLUMNS];
	size_t tried;                    /* sets of columns scanned */
	bool bounded;                    /* some sets were given up at the memory bound */
};

/* Looks for the composite key of p's rows (cols: p's column summaries) into
 * out; n stays 0 when single_key >= 0 (a column is the key already), when
 * an input is stdin (read once only), or when no set is unique. Returns 0
 * or a negative DQA_E* with err filled. */
int composite_key_find(const struct dqa_profile *p, const struct column_summary *cols,
		       int single_key, struct composite_key *out, dqa_error *err);

#endif
