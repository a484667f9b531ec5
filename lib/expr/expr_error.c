/* The errors the compiler's stages raise, positioned inside the rule-file
 * scalar; a file of its own so lexer, parser, type checker and code
 * generator do not call back into compile.c, which calls them. */
#include <stdarg.h>
#include <stdio.h>

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
