/* What a rule file's readers share: criterion and type names, errors at a
 * position, did-you-mean, typed parameter readers, column and path lookups.
 * Check kinds (lib/checks/), expressions (lib/expr/) and the loader
 * (rules.c, check_parse.c) call these; nothing here calls back up. */
#include "rules.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/timeparse.h"
#include "../util/values.h"

const char *const criterion_names[DQA_CRITERIA] = {
	"correct", "sufficient", "clean", "alive", "unified", "shared",
};

const char *dqa_criterion_name(dqa_criterion c)
{
	return (unsigned)c < DQA_CRITERIA ? criterion_names[c] : NULL;
}

static const char *const vtype_names[] = {"string", "integer", "number", "date", "boolean"};

const char *vtype_name(enum vtype t)
{
	return vtype_names[t];
}

bool vtype_reads(enum vtype t, const char *format, struct number_style number, const char *s,
		 size_t len)
{
	int64_t when;
	switch (t) {
	case VT_STRING: return true;
	case VT_INTEGER: return value_integer_in(number, s, len, NULL);
	case VT_NUMBER: return value_number_in(number, s, len, NULL);
	case VT_BOOLEAN: return value_boolean(s, len);
	case VT_DATE: return time_parse_as(format, s, len, &when);
	}
	return false;
}

static int vrules_error(struct rules_ctx *ctx, struct dqa_pos pos, const char *hint,
			const char *fmt, va_list ap)
{
	char message[sizeof ctx->err->message];
	vsnprintf(message, sizeof message, fmt, ap);
	return error_at(ctx->err, DQA_ERULES, ctx->rules->path, pos, hint, "%s", message);
}

int rules_error(struct rules_ctx *ctx, const struct ynode *at, const char *hint,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vrules_error(ctx, at ? at->pos : (struct dqa_pos){1, 1, 1}, hint, fmt, ap);
	va_end(ap);
	return rc;
}

int rules_error_pos(struct rules_ctx *ctx, struct dqa_pos pos, const char *hint,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vrules_error(ctx, pos, hint, fmt, ap);
	va_end(ap);
	return rc;
}

const struct ynode *rules_unknown_key(const struct ynode *map, const char *const *known,
				      size_t nknown, size_t first_listed, const char *prefix,
				      char *hint, size_t cap)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = ymap_key(map, i);
		bool ok = false;
		for (size_t k = 0; k < nknown && !ok; k++)
			ok = yscalar_eq(key, known[k]);
		if (ok)
			continue;
		const char *near = closest_word(key->text, known, nknown);
		if (near) {
			snprintf(hint, cap, "did you mean '%s'?", near);
			return key;
		}
		size_t len = (size_t)snprintf(hint, cap, "%s", prefix);
		for (size_t k = first_listed; k < nknown && len < cap; k++)
			len += (size_t)snprintf(hint + len, cap - len, " %s", known[k]);
		return key;
	}
	return NULL;
}

int param_string(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 const char **out)
{
	if (node->kind != YNODE_SCALAR || yscalar_is_null(node))
		return rules_error(ctx, node, NULL, "'%s' must be a string", what);
	*out = node->text;
	return 0;
}

int param_number(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		 double *out)
{
	if (node->kind == YNODE_SCALAR && node->plain && node->len > 0) {
		char *end;
		double v = strtod(node->text, &end);
		if (*end == '\0' && isfinite(v)) {
			*out = v;
			return 0;
		}
		/* inf, nan and 1e999 parse, but no weight, ratio or bound is
		 * served by them (leave a bound out for no limit) */
		if (*end == '\0')
			return rules_error(ctx, node, "write a plain number such as 10 or 0.95",
					   "'%s' must be a finite number", what);
	}
	return rules_error(ctx, node, "write a plain number such as 10 or 0.95",
			   "'%s' must be a number", what);
}

int param_bool(struct rules_ctx *ctx, const struct ynode *node, const char *what, bool *out)
{
	if (node->kind == YNODE_SCALAR && node->plain) {
		if (yscalar_eq(node, "true") || yscalar_eq(node, "yes")) {
			*out = true;
			return 0;
		}
		if (yscalar_eq(node, "false") || yscalar_eq(node, "no")) {
			*out = false;
			return 0;
		}
	}
	return rules_error(ctx, node, "write true or false", "'%s' must be true or false", what);
}

int param_string_list(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		      const char ***out, size_t *n)
{
	if (node->kind == YNODE_SCALAR) {
		const char **list = arena_alloc(&ctx->rules->arena, sizeof *list);
		RETURN_IF_NOMEM(list, ctx->err);
		FORWARD_IF_ERROR(param_string(ctx, node, what, &list[0]));
		*out = list;
		*n = 1;
		return 0;
	}
	if (node->kind != YNODE_SEQ || node->n == 0)
		return rules_error(ctx, node, "write [a, b] or a single value",
				   "'%s' must be a non-empty list of strings", what);
	const char **list = arena_alloc(&ctx->rules->arena, node->n * sizeof *list);
	RETURN_IF_NOMEM(list, ctx->err);
	for (size_t i = 0; i < node->n; i++)
		FORWARD_IF_ERROR(param_string(ctx, node->items[i], what, &list[i]));
	*out = list;
	*n = node->n;
	return 0;
}

int check_param_default(struct rules_ctx *ctx, struct check *c, const char *name,
			const char *value)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return 0;
	struct check_param *params = arena_alloc(&ctx->rules->arena,
						 (c->nparams + 1) * sizeof *params);
	RETURN_IF_NOMEM(params, ctx->err);
	if (c->nparams)
		memcpy(params, c->params, c->nparams * sizeof *params);
	params[c->nparams] = (struct check_param){arena_strdup(&ctx->rules->arena, name),
						  arena_strdup(&ctx->rules->arena, value)};
	RETURN_IF_NOMEM(params[c->nparams].name && params[c->nparams].value ? params : NULL,
			ctx->err);
	c->params = params;
	c->nparams++;
	return 0;
}

const char *rules_path(struct rules_ctx *ctx, const char *path)
{
	if (path[0] == '/' || !ctx->rules->dir[0])
		return path;
	size_t len = strlen(ctx->rules->dir) + strlen(path) + 2;
	char *full = arena_alloc(&ctx->rules->arena, len);
	if (full)
		snprintf(full, len, "%s/%s", ctx->rules->dir, path);
	return full;
}

int rules_note_file(struct rules_ctx *ctx, const char *path, struct dqa_pos at)
{
	struct dqa_rules *r = ctx->rules;
	if (arena_reserve(&r->arena, (void **)&r->files, &r->files_cap, r->nfiles,
			  sizeof *r->files) < 0 ||
	    arena_reserve(&r->arena, (void **)&r->file_pos, &r->file_pos_cap, r->nfiles,
			  sizeof *r->file_pos) < 0)
		return error_nomem(ctx->err);
	r->file_pos[r->nfiles] = at;
	r->files[r->nfiles++] = path;
	return 0;
}

const struct column_decl *rules_column(const struct dqa_rules *r, const char *name)
{
	for (size_t i = 0; i < r->ncolumns; i++)
		if (strcmp(r->columns[i].name, name) == 0)
			return &r->columns[i];
	return NULL;
}

int param_type(struct rules_ctx *ctx, const struct ynode *node, enum vtype *out)
{
	for (size_t t = 0; t < sizeof vtype_names / sizeof *vtype_names; t++) {
		if (yscalar_eq(node, vtype_names[t])) {
			*out = (enum vtype)t;
			return 0;
		}
	}
	const char *near = node->kind == YNODE_SCALAR
		? closest_word(node->text, vtype_names, sizeof vtype_names / sizeof *vtype_names) : NULL;
	char hint[128];
	snprintf(hint, sizeof hint, near ? "did you mean '%s'?"
					 : "types: string, integer, number, date, boolean", near);
	return rules_error(ctx, node, hint, "unknown type '%s'",
			   node->kind == YNODE_SCALAR ? node->text : "?");
}

int rules_date_format(struct rules_ctx *ctx, const struct ynode *node, const char **out)
{
	FORWARD_IF_ERROR(param_string(ctx, node, "format", out));
	if (!time_format_has_directive(*out)) {
		char translated[128], hint[192];
		if (time_format_from_notation(*out, translated, sizeof translated))
			snprintf(hint, sizeof hint, "write it as format: '%s' (strftime directives)", translated);
		else
			snprintf(hint, sizeof hint, "dates understand %%Y %%m %%d %%H %%M %%S and %%%%");
		return rules_error(ctx, node, hint,
				   "date format '%s' has no %% directive: it matches only itself",
				   *out);
	}
	const char *bad = time_format_problem(*out);
	if (!bad)
		return 0;
	struct dqa_pos pos = yscalar_pos_at(node, (size_t)(bad - *out));
	pos.span = 2;
	return error_at(ctx->err, DQA_ERULES, ctx->rules->path, pos,
			"dates understand %Y %m %d %H %M %S and %%",
			"unsupported directive in date format '%s'", *out);
}

int rules_check_date_format(struct rules_ctx *ctx, const char *column, const struct ynode *map,
			    const char **out)
{
	const struct column_decl *decl = rules_column(ctx->rules, column);
	*out = decl && decl->type == VT_DATE ? decl->format : NULL;
	const struct ynode *v = map ? ymap_get(map, "format") : NULL;
	return v ? rules_date_format(ctx, v, out) : 0;
}
