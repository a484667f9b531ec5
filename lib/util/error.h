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

/* Gives a rule-file error (DQA_ERULES at a line and column) its excerpt:
 * that line of text, the len bytes of the file it points into, as read at
 * load. A no-op for other errors and for one that has its excerpt. */
void error_excerpt(dqa_error *err, const char *text, size_t len);

/* dqa_error_format with another word than "error" ("warning"). */
int error_format_as(char **out, const dqa_error *err, const char *severity);

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

/* The out-of-memory error: fills err (when non-NULL), returns DQA_ENOMEM. */
int error_nomem(dqa_error *err);

/* Returns the out-of-memory error unless ok holds: ok states what the
 * allocations before it must have achieved, e.g.
 * RETURN_NOMEM_UNLESS(r->names && r->counts, err). */
#define RETURN_NOMEM_UNLESS(ok, err)                                           \
	do {                                                                   \
		if (!(ok))                                                     \
			return error_nomem(err);                               \
	} while (0)

/* Returns the out-of-memory error when ptr is NULL. */
#define RETURN_IF_NOMEM(ptr, err) RETURN_NOMEM_UNLESS((ptr) != NULL, err)

/* Returns DQA_ECANCELED once dqa_cancel has been called. */
#define RETURN_IF_CANCELLED(err)                                               \
	do {                                                                   \
		if (dqa_cancelled())                                           \
			return error_at((err), DQA_ECANCELED, NULL, DQA_NOPOS, \
					NULL, "interrupted");                  \
	} while (0)

/* ASSERT(cond): an invariant of the code, not a check of input (input
 * errors are dqa_error values). Compiled in when DQA_ASSERTS is defined,
 * which meson does for debug and sanitizer builds (option 'asserts',
 * docs/internals/errors.md): a false one prints where and aborts, so the
 * sanitizer build and the fuzzers stop on it. In release builds it
 * evaluates nothing. */
#ifdef DQA_ASSERTS
#define ASSERT(cond) ((cond) ? (void)0 : assert_failed(#cond, __FILE__, __LINE__, __func__))
#else
#define ASSERT(cond) ((void)sizeof(!(cond)))
#endif

/* Prints "dqa: internal error: FILE:LINE: FUNC: assertion 'COND' failed"
 * on stderr and aborts; only ASSERT calls it. */
_Noreturn void assert_failed(const char *cond, const char *file, int line, const char *func);

#endif
