/* unified.in_ref: the value is one of the values of a column in a reference
 * CSV (PATH#COLUMN, relative to the rule file), loaded with the rules. */
#include "check.h"
#include "member.h"
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

static const char *const in_ref_params[] = {"ref", NULL};

const struct check_ops check_in_ref = {
	.kind = "in_ref", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = in_ref_params, .configure = in_ref_configure, .row = member_row,
	.release = member_release,
};
