/* shared.linkable: the key links to a master dataset, i.e. occurs in a column
 * of another CSV file (`with: PATH#COLUMN`, gzip allowed), loaded once with
 * the rules. The score is the share of rows whose key links. */
#include "check.h"
#include "member.h"

static int linkable_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "with");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add with: ../population/people.csv#citizen_id",
				       "'linkable' needs with");
	struct ref_table *set = member_config(c, ctx);
	if (!set)
		return DQA_ENOMEM;
	struct ref_source src = {.noun = "master dataset", .at = v, .column_at = v};
	FORWARD_IF_ERROR(param_csv_spec(ctx, v, "with", &src.path, &src.column));
	return rules_load_ref(ctx, &src, set);
}

static const char *const linkable_params[] = {"with", NULL};

const struct check_ops check_linkable = {
	.kind = "linkable", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = linkable_params, .configure = linkable_configure,
	.bind = member_bind, .row = member_row, .unbind = member_unbind,
	.memory = member_memory, .release = member_release,
};
