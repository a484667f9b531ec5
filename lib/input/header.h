/* The column names a header record gives: validated and made usable. */
#ifndef DQA_HEADER_H
#define DQA_HEADER_H

#include "../util/arena.h"
#include "reader.h"

/* The names of header's fields, in a (NULL-terminated array): a blank name
 * becomes column_N (N its 1-based position) and *note (in a) then names
 * them for correct.structure; else *note is NULL. A name that is not valid
 * UTF-8 fails (the hint suggests dataset: encoding), as do duplicate names
 * (the message lists every one). Errors are DQA_EINPUT at input's header
 * line. */
int header_names(const struct record *header, const char *input, struct arena *a,
		 char ***names, const char **note, dqa_error *err);

#endif
