/* Checks whose config is a set of values (enum, in_ref, linkable): the value
 * must be in it. Implemented in correct_enum.c. */
#ifndef DQA_MEMBER_H
#define DQA_MEMBER_H

#include "check.h"

/* c->config becomes an empty struct ref_table in the rules arena. */
struct ref_table *member_config(struct check *c, struct rules_ctx *ctx);
/* Adds the strings of a YAML scalar or list to the set. */
int member_add_list(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		    struct ref_table *set);
/* bind, row and unbind of all three. */
int member_bind(struct bound_check *b, const struct plan *plan, dqa_error *err);
bool member_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap);
void member_unbind(struct bound_check *b);
void member_release(struct check *c);
size_t member_memory(const struct bound_check *b, uint64_t *entries);

#endif
