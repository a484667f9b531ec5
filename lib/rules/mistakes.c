#include "mistakes.h"

#include <stdlib.h>

int rules_go_on(struct rules_ctx *ctx, int rc)
{
	struct rule_mistakes *m = ctx->mistakes;
	if (rc != DQA_ERULES || !m)
		return rc;
	ydoc_excerpt(&ctx->rules->doc, ctx->err);
	if (m->n < MISTAKES_KEPT) {
		if (!m->items && !(m->items = malloc(MISTAKES_KEPT * sizeof *m->items)))
			return error_nomem(ctx->err);
		m->items[m->n++] = *ctx->err;
	}
	m->found++;
	*ctx->err = (dqa_error){0};
	return 0;
}

static int by_position(const void *a, const void *b)
{
	const dqa_error *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->column > y->column) - (x->column < y->column);
}

void rule_mistakes_sort(struct rule_mistakes *m)
{
	/* qsort is not stable; no two mistakes share a position in practice,
	 * and when they do either order is file order. */
	if (m->n > 1)
		qsort(m->items, m->n, sizeof *m->items, by_position);
}

void rule_mistakes_release(struct rule_mistakes *m)
{
	free(m->items);
	*m = (struct rule_mistakes){0};
}
