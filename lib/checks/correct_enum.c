/* correct.enum: the value is exactly (byte for byte) one of a list. Its row
 * test, membership in a string set, also serves in_ref (member.h). */
#include "check.h"
#include "member.h"
#include <string.h>

#include "../strset.h"

static int enum_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "values");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add values: [A, B]", "'enum' needs values");
	const char **values;
	size_t n;
	FORWARD_IF_ERROR(param_string_list(ctx, v, "values", &values, &n));
	struct strset *set = arena_alloc(&ctx->rules->arena, sizeof *set);
	RETURN_IF_NOMEM(set, ctx->err);
	c->config = set;
	for (size_t i = 0; i < n; i++)
		if (strset_put(set, values[i], strlen(values[i]), NULL) < 0)
			return dqa_fail(ctx->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	return 0;
}

bool member_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	return strset_get(b->def->config, row->fields[col], row->lens[col], NULL);
}

void member_release(struct check *c)
{
	if (c->config)
		strset_release(c->config);
}

static const char *const enum_params[] = {"values", NULL};

const struct check_ops check_enum = {
	.kind = "enum", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = enum_params, .configure = enum_configure, .row = member_row,
	.release = member_release,
};
