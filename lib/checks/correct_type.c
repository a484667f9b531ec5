/* correct.type: values parse as the column's type (integer, number, date
 * with a format, boolean); `type` and `format` default to the declaration. */
#include "check.h"

struct type_config {
	enum vtype type;
	const char *format;
	struct number_style number;
};

/* A column with no declared type: perhaps declared in another letter case. */
static int no_type_error(struct rules_ctx *ctx, struct colref col)
{
	struct dqa_rules *r = ctx->rules;
	const char **names = arena_alloc(&r->arena, (r->ncolumns + 1) * sizeof *names);
	RETURN_IF_NOMEM(names, ctx->err);
	for (size_t i = 0; i < r->ncolumns; i++)
		names[i] = r->columns[i].name;
	const char *declared = closest_word(col.name, names, r->ncolumns);
	const struct column_decl *decl = declared ? rules_column(r, declared) : NULL;
	char hint[160];
	if (decl)
		snprintf(hint, sizeof hint, "'%s' is declared at line %u under 'columns:': one of "
			 "the two names is misspelt", decl->name, decl->pos.line);
	else
		snprintf(hint, sizeof hint,
			 "declare it under 'columns:' or add type: integer|number|date|boolean");
	return rules_error_pos(ctx, col.pos, hint, "no type to check for column '%s'", col.name);
}

static int type_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct type_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	const struct column_decl *decl = rules_column(ctx->rules, c->cols[0].name);
	cfg->type = decl ? decl->type : VT_STRING;
	cfg->format = decl ? decl->format : NULL;
	cfg->number = decl ? decl->number : NUMBER_STYLE_PLAIN;
	const struct ynode *v;
	if ((v = ymap_get(map, "type"))) {
		const char *name;
		FORWARD_IF_ERROR(param_string(ctx, v, "type", &name));
		bool found = false;
		for (enum vtype t = VT_STRING; t <= VT_BOOLEAN && !found; t++)
			if (yscalar_eq(v, vtype_name(t)))
				cfg->type = t, found = true;
		if (!found)
			return rules_error(ctx, v, "types: string, integer, number, date, boolean",
					   "unknown type '%s'", name);
	}
	if ((v = ymap_get(map, "format"))) {
		if (cfg->type != VT_DATE)
			return rules_error(ctx, v, "only dates take a format",
					   "'format' given for a %s check", vtype_name(cfg->type));
		FORWARD_IF_ERROR(rules_date_format(ctx, v, &cfg->format));
	}
	if (cfg->type == VT_STRING && !ymap_get(map, "type"))
		return no_type_error(ctx, c->cols[0]);
	c->config = cfg;
	FORWARD_IF_ERROR(check_param_default(ctx, c, "type", vtype_name(cfg->type)));
	return cfg->format ? check_param_default(ctx, c, "format", cfg->format) : 0;
}

static bool type_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	const struct type_config *cfg = b->def->config;
	int col = b->cols[0];
	return vtype_reads(cfg->type, cfg->format, cfg->number, row->fields[col], row->lens[col]);
}

static const char *const type_params[] = {"type", "format", NULL};

const struct check_ops check_type = {
	.kind = "type", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .params = type_params,
	.configure = type_configure, .row = type_row,
};
