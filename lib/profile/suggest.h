/* A rule file suggested from a profile (dqa suggest): every check states
 * the observation it rests on in a YAML comment, and its min_ratio lets the
 * profiled data pass, the outliers named in the comment. */
#ifndef DQA_PROFILE_SUGGEST_H
#define DQA_PROFILE_SUGGEST_H

#include "profile.h"

struct strset;

/* The unit reference: a path#column as the rule file names it, and its
 * values. */
struct unit_ref_list {
	const char *spec;
	const struct strset *values;
};

/* Writes the rule file suggested from p into out; refs (n of them) are
 * the reference lists a unit column is matched against. When no column
 * alone is a key it reads p's inputs again for a composite one (keys.h).
 * Returns 0 or a negative DQA_E* with err filled. */
int suggest_write(const struct dqa_profile *p, const struct unit_ref_list *refs, size_t nrefs,
		  struct strbuf *out, dqa_error *err);

#endif
