/* correct.enum: the value is exactly (byte for byte) one of a list. Its row
 * test, membership in a set of values, also serves in_ref and linkable
 * (member.h). */
#include "check.h"
#include "member.h"
#include <stdlib.h>
#include <string.h>

struct ref_table *member_config(struct check *c, struct rules_ctx *ctx)
{
	struct ref_table *set = arena_alloc(&ctx->rules->arena, sizeof *set);
	if (!set) {
		error_nomem(ctx->err);
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
			return error_nomem(ctx->err);
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

enum { SMALL_SET = 8 };

/* A set this small (most enums) is scanned, not hashed: comparing lengths
 * first, a lookup costs one or two memcmp calls and no hash. */
struct small_set {
	size_t n;
	size_t lens[SMALL_SET];
	const char *values[SMALL_SET];
};

int member_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	const struct ref_table *set = b->def->config;
	if (set->keys.count > SMALL_SET)
		return 0;
	struct small_set *small = calloc(1, sizeof *small);
	RETURN_IF_NOMEM(small, err);
	const char *key;
	size_t pos = 0, len;
	uint64_t value;
	while (strset_next(&set->keys, &pos, &key, &len, &value)) {
		small->values[small->n] = len ? key : "";
		small->lens[small->n++] = len;
	}
	b->state = small;
	return 0;
}

bool member_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	int col = b->cols[0];
	const char *value = row->fields[col];
	size_t len = row->lens[col];
	const struct small_set *small = b->state;
	if (!small) {
		const struct ref_table *set = b->def->config;
		return strset_get(&set->keys, value, len, NULL);
	}
	for (size_t i = 0; i < small->n; i++)
		if (small->lens[i] == len && memcmp(small->values[i], value, len) == 0)
			return true;
	return false;
}

void member_unbind(struct bound_check *b)
{
	free(b->state);
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
	.params = enum_params, .configure = enum_configure, .bind = member_bind,
	.row = member_row, .unbind = member_unbind, .memory = member_memory, .release = member_release,
};
