/* correct.enum: the value is exactly (byte for byte) one of a list. Its row
 * test, membership in a set of values, also serves in_ref and linkable
 * (member.h). */
#include "check.h"
#include "member.h"
#include <string.h>

struct ref_table *member_config(struct check *c, struct rules_ctx *ctx)
{
	struct ref_table *set = arena_alloc(&ctx->rules->arena, sizeof *set);
	if (!set) {
		dqa_fail(ctx->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
		return NULL;
	}
	c->config = set;
	return set;
}

int member_add_list(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		    struct ref_table *set)
{
	const char **values;
	size_t n;
	FORWARD_IF_ERROR(param_string_list(ctx, node, what, &values, &n));
	for (size_t i = 0; i < n; i++)
		if (strset_put(&set->keys, values[i], strlen(values[i]), NULL) < 0)
			return dqa_fail(ctx->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	return 0;
}

static int enum_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "values");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add values: [A, B]", "'enum' needs values");
	struct ref_table *set = member_config(c, ctx);
	return set ? member_add_list(ctx, v, "values", set) : DQA_ENOMEM;
}

bool member_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	const struct ref_table *set = b->def->config;
	int col = b->cols[0];
	return strset_get(&set->keys, row->fields[col], row->lens[col], NULL);
}

size_t member_memory(const struct bound_check *b, uint64_t *entries)
{
	const struct ref_table *set = b->def->config;
	*entries = set->keys.count;
	return strset_memory(&set->keys);
}

void member_release(struct check *c)
{
	if (c->config)
		ref_table_release(c->config);
}

static const char *const enum_params[] = {"values", NULL};

const struct check_ops check_enum = {
	.kind = "enum", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = enum_params, .configure = enum_configure, .row = member_row,
	.memory = member_memory, .release = member_release,
};
