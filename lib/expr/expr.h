/* The expression language of `expr` checks and `where` filters: compiled
 * once from a rule-file scalar into typed postfix code, bound per worker to
 * a header, evaluated per row without allocation. Grammar and semantics are
 * in dqa-rules(5), EXPRESSIONS. */
#ifndef DQA_EXPR_H
#define DQA_EXPR_H

#include <stdint.h>

#include "../rules/rules.h"

/* Bounds that keep compiling and evaluating cheap and the parser's
 * recursion shallow, whatever a rule file holds. */
enum { EXPR_MAX_NODES = 256, EXPR_MAX_DEPTH = 64 };

struct expr;       /* compiled; immutable and shared by every worker */
struct expr_run;   /* one worker's evaluation scratch */

enum expr_result { EXPR_FALSE, EXPR_TRUE, EXPR_ERROR };

/* Compiles the scalar `node` into *out, allocated in ctx->rules->arena;
 * `what` names it in messages ("expression", "'where' filter"). Columns
 * take the types declared in ctx->rules->columns, so those must be parsed
 * first. Syntax and type errors are DQA_ERULES pointing inside the scalar.
 * Release with expr_release. */
int expr_compile(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 struct expr **out);

/* Frees what the arena does not own (compiled regexes). NULL is a no-op. */
void expr_release(struct expr *e);

/* The columns the expression reads, each once, in order of first use; the
 * positions point into the rule file. */
const struct colref *expr_columns(const struct expr *e, size_t *n);

/* Scratch for one worker: cols[i] is the header index of expr_columns()[i];
 * now (epoch seconds) is the audit's reference time, whose UTC date is
 * `today`. On failure *out may be partly built: free it with expr_run_free. */
int expr_run_new(struct expr_run **out, const struct expr *e, const int *cols,
		 int64_t now, dqa_error *err);
void expr_run_free(struct expr_run *run);

/* Evaluates the expression on one row (fields/lens as wide as the header).
 * EXPR_ERROR when a value does not convert, a division by zero, an integer
 * overflow or a regex limit; note (when non-NULL) then says what. */
enum expr_result expr_eval(const struct expr *e, struct expr_run *run,
			   const char *const *fields, const size_t *lens, char *note,
			   size_t note_cap);

#endif
