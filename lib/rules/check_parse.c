/* Parses the entries of a criterion list: `- KIND: shorthand` or
 * `- KIND: {params}`, the parameters common to every kind, column lists,
 * default ids and per-column expansion; the kind reads its own parameters. */
#include <stdio.h>
#include <string.h>

#include "../checks/check.h"
#include "../expr/expr.h"
#include "rules.h"
#include "mistakes.h"

static const char *const common_params[] = {
	"id", "weight", "min_ratio", "allow_empty", "severity", "message", "where", "label",
};
enum { NCOMMON = sizeof common_params / sizeof *common_params, MAX_KEYS = 32 };

/* Keys a kind's mapping accepts: the common ones, its column key(s), its own. */
static size_t known_keys(const struct check_ops *ops, const char **keys)
{
	size_t n = 0;
	for (size_t i = 0; i < NCOMMON; i++)
		keys[n++] = common_params[i];
	if (ops->shape == SHAPE_COLUMN)
		keys[n++] = "column";
	else if (ops->shape != SHAPE_NONE) {
		keys[n++] = "columns";
		keys[n++] = "column";
	}
	for (const char *const *p = ops->params; p && *p && n < MAX_KEYS; p++)
		keys[n++] = *p;
	return n;
}

static int check_keys(struct rules_ctx *ctx, const struct check_ops *ops,
		      const struct ynode *map)
{
	const char *keys[MAX_KEYS];
	size_t n = known_keys(ops, keys);
	char prefix[64], hint[256];
	snprintf(prefix, sizeof prefix, "'%s' takes:", ops->kind);
	const struct ynode *key = rules_unknown_key(map, keys, n, NCOMMON, prefix, hint,
						    sizeof hint);
	if (!key)
		return 0;
	if (strncmp(hint, "did you mean", 12) != 0) {
		size_t len = strlen(hint);
		snprintf(hint + len, sizeof hint - len,
			 " and the common id, weight, min_ratio, allow_empty");
	}
	return rules_error(ctx, key, hint, "unknown parameter '%s' for '%s'", key->text,
			   ops->kind);
}

/* `where: EXPR` selects the rows a row-level check evaluates. */
static int read_where(struct rules_ctx *ctx, const struct ynode *v, struct check *c)
{
	if (c->ops->scope != SCOPE_ROW)
		return rules_error(ctx, v, "'where' selects rows for row-level checks such as "
				   "not_null; see dqa-rules(5)",
				   "'%s' is judged once for the dataset and takes no 'where'",
				   c->ops->kind);
	return expr_compile(ctx, v, "'where' filter", &c->where);
}

/* `label: TEXT` for every language, or `label: {vi: ..., en: ...}`; a
 * language left out shows the other one. */
static int read_label(struct rules_ctx *ctx, const struct ynode *v, struct check *c)
{
	static const char *const languages[] = {"en", "vi"};
	if (v->kind != YNODE_MAP) {
		FORWARD_IF_ERROR(param_string(ctx, v, "label", &c->label_en));
		c->label_vi = c->label_en;
		return 0;
	}
	char hint[128];
	const struct ynode *key = rules_unknown_key(v, languages, 2, 0, "'label' takes:", hint,
						    sizeof hint);
	if (key)
		return rules_error(ctx, key, hint, "unknown language '%s' in 'label'", key->text);
	const struct ynode *en = ymap_get(v, "en"), *vi = ymap_get(v, "vi");
	if (!en && !vi)
		return rules_error(ctx, v, "write label: {vi: ..., en: ...} or one text",
				   "'label' gives no text");
	if (en)
		FORWARD_IF_ERROR(param_string(ctx, en, "label", &c->label_en));
	if (vi)
		FORWARD_IF_ERROR(param_string(ctx, vi, "label", &c->label_vi));
	if (!en)
		c->label_en = c->label_vi;
	if (!vi)
		c->label_vi = c->label_en;
	return 0;
}

/* A parameter's value as written: a scalar, or a list of scalars joined
 * with ", "; *out NULL for anything else (a mapping says nothing in a line). */
static int param_text(struct rules_ctx *ctx, const struct ynode *v, const char **out)
{
	*out = NULL;
	if (v->kind == YNODE_SCALAR)
		*out = v->text;
	if (v->kind != YNODE_SEQ)
		return 0;
	size_t len = 1;
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != YNODE_SCALAR)
			return 0;
		len += v->items[i]->len + 2;
	}
	char *text = arena_alloc(&ctx->rules->arena, len);
	RETURN_IF_NOMEM(text, ctx->err);
	size_t at = 0;
	text[0] = '\0';
	for (size_t i = 0; i < v->n; i++)
		at += (size_t)snprintf(text + at, len - at, "%s%s", i ? ", " : "",
				       v->items[i]->text);
	*out = text;
	return 0;
}

/* The kind's own parameters as written (a shorthand counts as its first). */
static int read_params(struct rules_ctx *ctx, const struct ynode *value, struct check *c)
{
	const char *const *names = c->ops->params;
	const char *text;
	if (!names || !names[0] || (value->kind != YNODE_MAP && c->ops->shape != SHAPE_NONE))
		return 0;
	if (value->kind != YNODE_MAP) {
		FORWARD_IF_ERROR(param_text(ctx, value, &text));
		return text ? check_param_default(ctx, c, names[0], text) : 0;
	}
	for (const char *const *name = names; *name; name++) {
		const struct ynode *v = ymap_get(value, *name);
		if (!v)
			continue;
		FORWARD_IF_ERROR(param_text(ctx, v, &text));
		if (text)
			FORWARD_IF_ERROR(check_param_default(ctx, c, *name, text));
	}
	return 0;
}

static int read_common(struct rules_ctx *ctx, const struct ynode *map, struct check *c)
{
	const struct ynode *v;
	if ((v = ymap_get(map, "id")))
		FORWARD_IF_ERROR(param_string(ctx, v, "id", &c->id));
	if ((v = ymap_get(map, "weight"))) {
		FORWARD_IF_ERROR(param_number(ctx, v, "weight", &c->weight));
		if (c->weight < 0)
			return rules_error(ctx, v, NULL, "'weight' must not be negative");
	}
	if ((v = ymap_get(map, "min_ratio"))) {
		FORWARD_IF_ERROR(param_number(ctx, v, "min_ratio", &c->min_ratio));
		if (c->min_ratio < 0 || c->min_ratio > 1)
			return rules_error(ctx, v, "0.95 means 95% of rows must pass",
					   "'min_ratio' must be between 0 and 1");
	}
	if ((v = ymap_get(map, "allow_empty")))
		FORWARD_IF_ERROR(param_bool(ctx, v, "allow_empty", &c->allow_empty));
	if ((v = ymap_get(map, "severity")))
		FORWARD_IF_ERROR(param_string(ctx, v, "severity", &c->severity));
	if ((v = ymap_get(map, "message")))
		FORWARD_IF_ERROR(param_string(ctx, v, "message", &c->message));
	if ((v = ymap_get(map, "label")))
		FORWARD_IF_ERROR(read_label(ctx, v, c));
	return 0;
}

static int read_columns(struct rules_ctx *ctx, const struct check_ops *ops,
			const struct ynode *node, struct check *c)
{
	if (ops->shape == SHAPE_COLUMN && node->kind != YNODE_SCALAR)
		return rules_error(ctx, node, "give one column name",
				   "'%s' checks a single column", ops->kind);
	const char **names;
	FORWARD_IF_ERROR(param_string_list(ctx, node, "columns", &names, &c->ncols));
	c->cols = arena_alloc(&ctx->rules->arena, c->ncols * sizeof *c->cols);
	RETURN_IF_NOMEM(c->cols, ctx->err);
	for (size_t i = 0; i < c->ncols; i++)
		c->cols[i] = (struct colref){names[i], node->kind == YNODE_SEQ
							       ? node->items[i]->pos : node->pos};
	return 0;
}

int rules_add_check(struct rules_ctx *ctx, struct check *c, const struct ynode *at)
{
	struct dqa_rules *r = ctx->rules;
	for (size_t i = 0; i < r->nchecks; i++)
		if (strcmp(r->checks[i]->id, c->id) == 0)
			return rules_error(ctx, at, "give one of them an explicit 'id'",
					   "duplicate check id '%s'", c->id);
	if (arena_reserve(&r->arena, (void **)&r->checks, &r->checks_cap, r->nchecks,
			  sizeof *r->checks) < 0)
		return error_nomem(ctx->err);
	r->checks[r->nchecks++] = c;
	return 0;
}

/* criterion.kind[.col+col], or the explicit id (plus .col when expanded). */
static const char *make_id(struct rules_ctx *ctx, const struct check *c, const char *explicit_id,
			   bool expanded)
{
	char id[512];
	size_t len;
	if (explicit_id && !expanded)
		return explicit_id;
	if (explicit_id)
		len = (size_t)snprintf(id, sizeof id, "%s", explicit_id);
	else
		len = (size_t)snprintf(id, sizeof id, "%s.%s", dqa_criterion_name(c->criterion),
				       c->ops->kind);
	for (size_t i = 0; i < c->ncols && len < sizeof id; i++)
		len += (size_t)snprintf(id + len, sizeof id - len, "%c%s", i ? '+' : '.',
					c->cols[i].name);
	return arena_strdup(&ctx->rules->arena, id);
}

/* One check per instance (per column when expanded), configured by its
 * kind, with its id made from the columns it ends up with. */
static int add_instances(struct rules_ctx *ctx, const struct check *base,
			 const struct ynode *kind_node, const struct ynode *params)
{
	const struct check_ops *ops = base->ops;
	bool expand = ops->shape == SHAPE_PER_COLUMN && base->ncols > 1;
	size_t instances = expand ? base->ncols : 1;
	for (size_t i = 0; i < instances; i++) {
		struct check *c = arena_alloc(&ctx->rules->arena, sizeof *c);
		RETURN_IF_NOMEM(c, ctx->err);
		*c = *base;
		if (expand) {
			c->cols = &base->cols[i];
			c->ncols = 1;
		}
		if (ops->configure)
			FORWARD_IF_ERROR(ops->configure(c, params, ctx));
		c->id = make_id(ctx, c, base->id, expand);
		int rc = c->id ? rules_add_check(ctx, c, kind_node)
			       : error_nomem(ctx->err);
		if (rc < 0 && ops->release)
			ops->release(c);
		FORWARD_IF_ERROR(rc);
	}
	return 0;
}

static int parse_entry(struct rules_ctx *ctx, dqa_criterion criterion,
		       const struct check_ops *ops, const struct ynode *kind_node,
		       const struct ynode *value)
{
	struct check base = {.ops = ops, .criterion = criterion, .pos = kind_node->pos,
			     .weight = 1, .min_ratio = 1, .dataset_level = ops->dataset_level,
			     .counts = ops->counts ? ops->counts : "rows"};
	const struct ynode *params = NULL, *columns = NULL;
	if (value->kind == YNODE_MAP) {
		FORWARD_IF_ERROR(check_keys(ctx, ops, value));
		FORWARD_IF_ERROR(read_common(ctx, value, &base));
		params = value;
		if (ops->shape != SHAPE_NONE) {
			columns = ymap_get(value, "columns");
			if (!columns)
				columns = ymap_get(value, "column");
			if (!columns)
				return rules_error(ctx, kind_node, "add column: NAME",
						   "'%s' needs a column", ops->kind);
		}
	} else if (ops->mapping_only) {
		return rules_error(ctx, value, "see dqa-rules(5) for its parameters",
				   "'%s' needs a mapping of parameters, e.g. {column: ...}",
				   ops->kind);
	} else if (ops->shape == SHAPE_NONE) {
		params = value;
	} else {
		columns = value;
	}
	const struct ynode *where = value->kind == YNODE_MAP ? ymap_get(value, "where") : NULL;
	int rc = read_params(ctx, value, &base);
	if (rc == 0 && columns)
		rc = read_columns(ctx, ops, columns, &base);
	if (rc == 0 && where)
		rc = read_where(ctx, where, &base);
	if (rc == 0)
		rc = add_instances(ctx, &base, kind_node, params);
	/* the filter is shared by the instances; released once if none took it
	 * (expr_release is idempotent when some did) */
	if (rc < 0)
		expr_release(base.where);
	return rc;
}

/* Other tools' names for dqa's kinds (dbt, Great Expectations, Soda,
 * Deequ), named in the error instead of a spelling guess. */
static const struct { const char *word, *kind; } other_tools[] = {
	{"accepted_values", "enum"}, {"in", "enum"}, {"isin", "enum"},
	{"between", "range"}, {"value_range", "range"},
	{"not_empty", "not_null"}, {"completeness", "not_null"}, {"missing", "not_null"},
	{"pattern", "regex"}, {"matches", "regex"},
	{"freshness", "fresh"}, {"recency", "fresh"},
	{"is_unique", "unique"}, {"unique_combination", "unique"}, {"primary_key", "unique"},
	{"relationships", "in_ref"}, {"foreign_key", "in_ref"},
	{"row_count", "rows"},
};

static int unknown_kind_error(struct rules_ctx *ctx, const struct ynode *kind)
{
	char hint[160] = "see dqa-rules(5) for the check kinds";
	for (size_t i = 0; i < sizeof other_tools / sizeof *other_tools; i++)
		if (strcmp(kind->text, other_tools[i].word) == 0) {
			snprintf(hint, sizeof hint, "dqa calls it '%s': see %s in dqa-rules(5)",
				 other_tools[i].kind, other_tools[i].kind);
			return rules_error(ctx, kind, hint, "unknown check kind '%s'", kind->text);
		}
	const char *names[64];
	size_t n = check_kind_names(names, 64);
	const char *near = closest_word(kind->text, names, n);
	if (near)
		snprintf(hint, sizeof hint, "did you mean '%s'?", near);
	return rules_error(ctx, kind, hint, "unknown check kind '%s'", kind->text);
}

/* One item of a criterion's list: '- KIND: ...'. */
static int parse_item(struct rules_ctx *ctx, dqa_criterion criterion, const struct ynode *entry)
{
	if (entry->kind != YNODE_MAP || entry->n != 1)
		return rules_error(ctx, entry, "write '- KIND: ...', e.g. '- not_null: [full_name]'",
				   "a check is a single key naming its kind");
	const struct ynode *kind = ymap_key(entry, 0);
	const struct check_ops *ops = check_kind(kind->text, kind->len);
	if (!ops)
		return unknown_kind_error(ctx, kind);
	return parse_entry(ctx, criterion, ops, kind, ymap_value(entry, 0));
}

int rules_parse_checks(struct rules_ctx *ctx, dqa_criterion criterion, const struct ynode *list)
{
	if (yscalar_is_null(list))
		return 0;
	if (list->kind != YNODE_SEQ)
		return rules_error(ctx, list, "write one check per line, starting with '- '",
				   "'%s' must be a list of checks", dqa_criterion_name(criterion));
	for (size_t i = 0; i < list->n; i++)
		GO_ON_AFTER(ctx, parse_item(ctx, criterion, list->items[i]));
	return 0;
}
