/* The compiler's entry point: a rule-file scalar through lexer, parser,
 * type checker and code generator to a struct expr (their errors are
 * positioned by expr_error.c). */
#include <stdio.h>
#include <stdlib.h>

#include "expr_impl.h"

int expr_compile(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 struct expr **out)
{
	if (node->kind != YNODE_SCALAR)
		return rules_error(ctx, node, "write it in quotes: \"end_date >= start_date\"",
				   "the %s must be a string, not %s", what,
				   ynode_kind_name(node->kind));
	struct expr_src src = {ctx, node, what, node->text, node->len};
	struct tree *t = calloc(1, sizeof *t);
	struct expr *e = arena_alloc(&ctx->rules->arena, sizeof *e);
	if (!t || !e) {
		free(t);
		return error_nomem(ctx->err);
	}
	e->text = node->text;
	e->regex_match = ctx->rules->limits.regex_match;
	e->regex_depth = ctx->rules->limits.regex_depth;
	int rc = expr_parse(&src, t);
	if (rc == 0)
		rc = expr_typecheck(&src, t);
	if (rc == 0)
		rc = expr_codegen(&src, t, e);
	free(t);
	if (rc < 0) {
		expr_release(e);
		return rc;
	}
	*out = e;
	return 0;
}

void expr_release(struct expr *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nregexes; i++)
		pcre2_code_free(e->regexes[i].code);
	e->nregexes = 0;
}

const struct colref *expr_columns(const struct expr *e, size_t *n)
{
	*n = e->ncols;
	return e->cols;
}
