/* unified.in_ref: the value is one of a reference list: a column of a CSV
 * file (PATH#COLUMN, relative to the rule file, gzip allowed) loaded with
 * the rules, or a YAML list written in the rule. */
#include "check.h"
#include "member.h"

static int in_ref_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "ref");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add ref: refs/list.csv#code",
				       "'in_ref' needs ref");
	struct ref_table *set = member_config(c, ctx);
	if (!set)
		return DQA_ENOMEM;
	FORWARD_IF_ERROR(v->kind == YNODE_SEQ ? member_add_list(ctx, v, "ref", set)
					      : param_csv_column(ctx, v, "ref", set, false));
	char codes[24];
	snprintf(codes, sizeof codes, "%zu", set->keys.count);
	return check_param_default(ctx, c, "codes", codes);
}

static const char *const in_ref_params[] = {"ref", NULL};

const struct check_ops check_in_ref = {
	.kind = "in_ref", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = in_ref_params, .configure = in_ref_configure,
	.bind = member_bind, .row = member_row, .unbind = member_unbind,
	.memory = member_memory, .release = member_release,
};
