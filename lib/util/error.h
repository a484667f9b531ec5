/* Filling dqa_error values and the early-return macros used across libdqa. */
#ifndef DQA_ERROR_H
#define DQA_ERROR_H

#include "../dqa.h"

/* A position in a file: 1-based line and column, span in characters. */
struct dqa_pos {
	unsigned line, column, span;
};

/* Fills err (when non-NULL) and returns code, so callers can write
 * `return error_at(err, DQA_ERULES, ...)`. file and hint may be NULL. */
int error_at(dqa_error *err, int code, const char *file, struct dqa_pos pos,
	     const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Replaces the hint of an already filled error. */
void error_hint(dqa_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define DQA_NOPOS ((struct dqa_pos){0, 0, 0})

/* Propagates a negative return code. */
#define FORWARD_IF_ERROR(expr)                                                 \
	do {                                                                   \
		int forward_rc_ = (expr);                                      \
		if (forward_rc_ < 0)                                           \
			return forward_rc_;                                    \
	} while (0)

/* Returns an out-of-memory error when ptr is NULL. */
#define RETURN_IF_NOMEM(ptr, err)                                              \
	do {                                                                   \
		if ((ptr) == NULL)                                             \
			return error_at((err), DQA_ENOMEM, NULL, DQA_NOPOS,    \
					NULL, "out of memory");                \
	} while (0)

/* Returns DQA_ECANCELED once dqa_cancel has been called. */
#define RETURN_IF_CANCELLED(err)                                               \
	do {                                                                   \
		if (dqa_cancelled())                                           \
			return error_at((err), DQA_ECANCELED, NULL, DQA_NOPOS, \
					NULL, "interrupted");                  \
	} while (0)

#endif
