/* Checks whose config is a string set (enum, in_ref): the value must be in
 * it. Implemented in correct_enum.c. */
#ifndef DQA_MEMBER_H
#define DQA_MEMBER_H

#include "check.h"

bool member_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap);
void member_release(struct check *c);

#endif
