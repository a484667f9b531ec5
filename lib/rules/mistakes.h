/* Every mistake of a rule file in one run: the loader records a rule error
 * where it can go on (the next check, column, key or section) instead of
 * stopping at the first, and reports them in file order. */
#ifndef DQA_MISTAKES_H
#define DQA_MISTAKES_H

#include "rules.h"

/* Errors beyond this many are counted, not kept. */
enum { MISTAKES_KEPT = 100 };

struct rule_mistakes {
	dqa_error *items;   /* the first MISTAKES_KEPT found */
	size_t n, found;
};

/* Where loading can go on after rc: a rule error (DQA_ERULES, with the
 * failing line as its excerpt) is recorded and 0 returned; any other
 * failure, or any error when ctx collects none, is returned as it is. */
int rules_go_on(struct rules_ctx *ctx, int rc);

/* FORWARD_IF_ERROR at such a point. */
#define GO_ON_AFTER(ctx, expr)                                                 \
	do {                                                                   \
		int go_on_rc_ = rules_go_on((ctx), (expr));                    \
		if (go_on_rc_ < 0)                                             \
			return go_on_rc_;                                      \
	} while (0)

/* Sorts the recorded mistakes into file order. */
void rule_mistakes_sort(struct rule_mistakes *m);

void rule_mistakes_release(struct rule_mistakes *m);

#endif
