/* expr: a row passes when a cross-field expression is true, e.g.
 * `end_date >= start_date`. Allowed under every criterion; its columns (for
 * samples and allow_empty) are the columns the expression reads. */
#include "check.h"
#include "../expr/expr.h"

static int expr_configure(struct check *c, const struct ynode *value, struct rules_ctx *ctx)
{
	const struct ynode *text = value;
	if (value->kind == YNODE_MAP && !(text = ymap_get(value, "expr")))
		return rules_error_pos(ctx, c->pos, "add expr: \"end_date >= start_date\"",
				       "'expr' needs an expression");
	struct expr *e;
	FORWARD_IF_ERROR(expr_compile(ctx, text, "expression", &e));
	c->config = e;
	const struct colref *cols = expr_columns(e, &c->ncols);
	c->cols = (struct colref *)cols;
	return 0;
}

static int expr_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	struct expr_run *run;
	int rc = expr_run_new(&run, b->def->config, b->cols, plan->opts.now, err);
	b->state = run;
	return rc;
}

static bool expr_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	return expr_eval(b->def->config, b->state, row->fields, row->lens, note, cap) == EXPR_TRUE;
}

static void expr_unbind(struct bound_check *b)
{
	expr_run_free(b->state);
}

static void expr_check_release(struct check *c)
{
	expr_release(c->config);
}

static const char *const expr_params[] = {"expr", NULL};

const struct check_ops check_expr = {
	.kind = "expr", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .params = expr_params,
	.configure = expr_configure, .bind = expr_bind, .row = expr_row,
	.unbind = expr_unbind, .release = expr_check_release,
};
