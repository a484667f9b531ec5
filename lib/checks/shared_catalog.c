/* shared.catalog: the dataset (its rules name) is listed in a shared data
 * catalog CSV, and the listed row fills the required fields. The catalog is
 * read once with the rules. evaluated = 1 + required fields; an unlisted
 * dataset fails all of them, a listed one each field that is blank. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "../util/values.h"

struct catalog_config {
	const char *file;              /* as written in the rule */
	const char *id_column;
	const char **required;
	size_t nrequired;
	/* what the catalog says, found while the rules load */
	bool listed;
	uint64_t line;
	bool *filled;                  /* per required field */
};

struct catalog_load {
	struct rules_ctx *ctx;
	struct catalog_config *cfg;
	const struct ynode *id_at, *required_at;
	int id_col;                    /* -1 until the header is read */
	int *required_cols;
};

static int column_of(struct catalog_load *l, const struct record *rec, const char *name,
		     const struct ynode *at)
{
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(rec->fields[i], name) == 0)
			return (int)i;
	char hint[256];
	size_t len = (size_t)snprintf(hint, sizeof hint, "its header has:");
	for (size_t i = 0; i < rec->n && len < sizeof hint; i++)
		len += (size_t)snprintf(hint + len, sizeof hint - len, " %s", rec->fields[i]);
	return rules_error(l->ctx, at, hint, "no column '%s' in the catalog", name);
}

static int catalog_header(struct catalog_load *l, const struct record *rec)
{
	struct catalog_config *cfg = l->cfg;
	if ((l->id_col = column_of(l, rec, cfg->id_column, l->id_at)) < 0)
		return l->id_col;
	for (size_t i = 0; i < cfg->nrequired; i++) {
		const struct ynode *at = l->required_at->kind == YNODE_SEQ
			? l->required_at->items[i] : l->required_at;
		if ((l->required_cols[i] = column_of(l, rec, cfg->required[i], at)) < 0)
			return l->required_cols[i];
	}
	return 0;
}

static int on_catalog_record(void *opaque, const struct record *rec)
{
	struct catalog_load *l = opaque;
	struct catalog_config *cfg = l->cfg;
	if (l->id_col < 0)
		return catalog_header(l, rec);
	const char *name = l->ctx->rules->name;
	if ((size_t)l->id_col >= rec->n || strcmp(rec->fields[l->id_col], name) != 0)
		return 0;
	cfg->listed = true;
	cfg->line = rec->line;
	for (size_t i = 0; i < cfg->nrequired; i++) {
		size_t col = (size_t)l->required_cols[i];
		cfg->filled[i] = col < rec->n && !value_blank(rec->fields[col], rec->lens[col]);
	}
	return 1;   /* the first row naming the dataset is its entry */
}

static int read_params(struct check *c, const struct ynode *value, struct rules_ctx *ctx,
		       struct catalog_config *cfg, struct catalog_load *l)
{
	const struct ynode *file = value;
	cfg->id_column = "dataset";
	if (value->kind == YNODE_MAP) {
		if (!(file = ymap_get(value, "file")))
			return rules_error_pos(ctx, c->pos, "add file: ../catalog.csv",
					       "'catalog' needs file");
		if ((l->id_at = ymap_get(value, "id_column")))
			FORWARD_IF_ERROR(param_string(ctx, l->id_at, "id_column", &cfg->id_column));
		if ((l->required_at = ymap_get(value, "required")))
			FORWARD_IF_ERROR(param_string_list(ctx, l->required_at, "required",
							   &cfg->required, &cfg->nrequired));
	}
	if (!l->id_at)
		l->id_at = file;
	return param_string(ctx, file, "file", &cfg->file);
}

static int catalog_configure(struct check *c, const struct ynode *value, struct rules_ctx *ctx)
{
	struct arena *a = &ctx->rules->arena;
	struct catalog_config *cfg = arena_alloc(a, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	struct catalog_load l = {ctx, cfg, NULL, NULL, -1, NULL};
	FORWARD_IF_ERROR(read_params(c, value, ctx, cfg, &l));
	cfg->filled = arena_alloc(a, (cfg->nrequired + 1) * sizeof *cfg->filled);
	l.required_cols = arena_alloc(a, (cfg->nrequired + 1) * sizeof *l.required_cols);
	RETURN_NOMEM_UNLESS(cfg->filled && l.required_cols, ctx->err);
	const char *path = rules_path(ctx, cfg->file);
	RETURN_IF_NOMEM(path, ctx->err);
	const struct ynode *file_at = value->kind == YNODE_MAP ? ymap_get(value, "file") : value;
	FORWARD_IF_ERROR(rules_note_file(ctx, path, file_at ? file_at->pos : c->pos));
	struct dialect dialect = DIALECT_INIT;
	int rc = reader_scan(path, &dialect, on_catalog_record, &l, ctx->err);
	FORWARD_IF_ERROR(rules_input_error(ctx, rc, file_at, "catalog"));
	if (l.id_col < 0)
		return rules_error(ctx, file_at, NULL, "the catalog '%s' is empty", path);
	return 0;
}

static int catalog_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct catalog_config *cfg = b->def->config;
	uint64_t failed = 0;
	char note[512] = "";
	size_t len = 0;
	if (!cfg->listed) {
		failed = 1 + cfg->nrequired;
		snprintf(note, sizeof note, "'%s' is not listed in %s (column %s)",
			 plan->rules->name, cfg->file, cfg->id_column);
	}
	for (size_t i = 0; cfg->listed && i < cfg->nrequired; i++) {
		if (cfg->filled[i])
			continue;
		if (!failed++)
			len = (size_t)snprintf(note, sizeof note, "%s line %llu: empty", cfg->file,
					       (unsigned long long)cfg->line);
		if (len < sizeof note)
			len += (size_t)snprintf(note + len, sizeof note - len, "%s '%s'",
						failed > 1 ? "," : "", cfg->required[i]);
	}
	return check_tally_all(b, plan, 1 + cfg->nrequired, failed, note, err);
}

static const char *const catalog_params[] = {"file", "id_column", "required", NULL};

const struct check_ops check_catalog = {
	.kind = "catalog", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "fields", .shape = SHAPE_NONE,
	.params = catalog_params, .configure = catalog_configure,
	.dataset = catalog_dataset,
};
