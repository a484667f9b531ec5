/* sufficient.required_columns: the header holds every listed column. Scored
 * (not fatal): evaluated = columns listed, failed = columns absent. */
#include <stdio.h>
#include <string.h>

#include "check.h"

struct required_config {
	const char **names;
	size_t n;
};

static int required_configure(struct check *c, const struct ynode *value,
			      struct rules_ctx *ctx)
{
	const struct ynode *list = value->kind == YNODE_MAP ? ymap_get(value, "columns") : value;
	if (!list)
		return rules_error_pos(ctx, c->pos, "add columns: [a, b]",
				       "'required_columns' needs columns");
	struct required_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	return param_string_list(ctx, list, "columns", &cfg->names, &cfg->n);
}

static int required_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct required_config *cfg = b->def->config;
	size_t absent = 0;
	char note[512] = "";
	size_t len = 0;
	for (size_t i = 0; i < cfg->n; i++) {
		bool found = false;
		for (size_t h = 0; h < plan->nheader && !found; h++)
			found = strcmp(plan->header[h], cfg->names[i]) == 0;
		if (found)
			continue;
		absent++;
		if (len < sizeof note)
			len += (size_t)snprintf(note + len, sizeof note - len, "%s'%s'",
						absent > 1 ? ", " : "absent: ", cfg->names[i]);
	}
	return check_tally_all(b, plan, cfg->n, absent, absent ? note : NULL, err);
}

static const char *const required_params[] = {"columns", NULL};

const struct check_ops check_required_columns = {
	.kind = "required_columns", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "columns", .shape = SHAPE_NONE,
	.params = required_params, .configure = required_configure,
	.dataset = required_dataset,
};
