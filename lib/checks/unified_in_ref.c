/* unified.in_ref: the value is one of the values of a column in a reference
 * CSV (PATH#COLUMN, relative to the rule file), loaded with the rules. */
#include "check.h"
#include "../strset.h"

static int in_ref_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "ref");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add ref: refs/list.csv#code",
				       "'in_ref' needs ref");
	struct strset *set = arena_alloc(&ctx->rules->arena, sizeof *set);
	RETURN_IF_NOMEM(set, ctx->err);
	c->config = set;
	return param_csv_column(ctx, v, "ref", set, NULL, NULL);
}

static bool in_ref_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return strset_get(b->def->config, row->fields[col], row->lens[col], NULL);
}

static void in_ref_release(struct check *c)
{
	if (c->config)
		strset_release(c->config);
}

static const char *const in_ref_params[] = {"ref", NULL};

const struct check_ops check_in_ref = {
	.kind = "in_ref", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = in_ref_params, .configure = in_ref_configure, .row = in_ref_row,
	.release = in_ref_release,
};
