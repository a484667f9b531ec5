/* The compiler's entry point: a rule-file scalar through lexer, parser,
 * type checker and code generator to a struct expr; and the errors they
 * raise, positioned inside the scalar. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "expr_impl.h"
#include "../util/values.h"

int expr_error(const struct expr_src *src, size_t off, size_t len, const char *hint,
	       const char *fmt, ...)
{
	char message[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	struct dqa_pos pos = src->node->pos;
	/* Columns inside a scalar that spans lines cannot be told; point at it.
	 * The YAML tree gives a scalar on one line its full width as span. */
	if (pos.span >= utf8_length(src->text, src->len)) {
		pos = yscalar_pos_at(src->node, off);
		size_t span = utf8_length(src->text + off, off + len <= src->len ? len : 0);
		pos.span = span ? (unsigned)span : 1;
	}
	return rules_error_pos(src->ctx, pos, hint, "%s", message);
}

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
