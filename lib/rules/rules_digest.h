/* The digest of the rules that made a run, recorded in the history so a
 * change of rules is named rather than mistaken for a change of data. */
#ifndef DQA_RULES_DIGEST_H
#define DQA_RULES_DIGEST_H

#include "rules.h"

enum { RULES_DIGEST_LEN = 16 };

/* 16 lower-case hex digits of a 64-bit hash over the rule file's bytes (as
 * loaded) and, in the order the rules named them, the bytes of every
 * reference, catalog and sidecar file (a missing one hashes as
 * missing: that is a finding, not an error). file_hashes (NULL, or room
 * for r->nfiles) receives each of those files' own hash, in that order.
 * 0 or a negative code. */
int rules_digest(const struct dqa_rules *r, char out[RULES_DIGEST_LEN + 1],
		 uint64_t *file_hashes, dqa_error *err);

#endif
