/* shared.metadata: a sidecar file (JSON by its .json name, else YAML) holds
 * every required field with a non-empty value; a Frictionless
 * datapackage.json is read through its own mapping (datapackage.c). A
 * missing or unreadable sidecar is a quality finding, not an error: every
 * field fails. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "datapackage.h"

static const char *const default_require[] = {
	"owner", "license", "description", "update_frequency", "contact",
};

struct metadata_config {
	const char *path;
	const char *const *require;
	size_t nrequire;
};

static int metadata_configure(struct check *c, const struct ynode *value,
			      struct rules_ctx *ctx)
{
	struct metadata_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->require = default_require;
	cfg->nrequire = sizeof default_require / sizeof *default_require;
	const struct ynode *file = value;
	if (value->kind == YNODE_MAP) {
		file = ymap_get(value, "file");
		if (!file)
			return rules_error_pos(ctx, c->pos, "add file: dataset.meta.yaml",
					       "'metadata' needs file");
		const struct ynode *req = ymap_get(value, "require");
		if (req)
			FORWARD_IF_ERROR(param_string_list(ctx, req, "require",
							   (const char ***)&cfg->require,
							   &cfg->nrequire));
	}
	const char *name;
	FORWARD_IF_ERROR(param_string(ctx, file, "file", &name));
	cfg->path = rules_path(ctx, name);
	RETURN_IF_NOMEM(cfg->path, ctx->err);
	return rules_note_file(ctx, cfg->path, file->pos);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static bool json_field_filled(const json_t *root, const char *name)
{
	const json_t *v = json_object_get(root, name);
	if (!v || json_is_null(v))
		return false;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_object(v))
		return json_object_size(v) > 0;
	return true;
}

static bool yaml_field_filled(const struct ynode *root, const char *name)
{
	const struct ynode *v = ymap_get(root, name);
	if (!v || yscalar_is_null(v))
		return false;
	return v->kind == YNODE_SCALAR ? v->len > 0 : v->n > 0;
}

/* Counts missing fields; writes why into note. Returns -1 when the file
 * cannot be used at all. */
static long count_missing(const struct metadata_config *cfg, char *note, size_t cap)
{
	long missing = 0;
	size_t len = 0;
	json_t *json = NULL;
	struct ydoc doc = {.arena = ARENA_INIT};
	if (has_suffix(cfg->path, ".json")) {
		json_error_t jerr;
		json = json_load_file(cfg->path, 0, &jerr);
		int open_errno = errno;
		/* Say it as the YAML branch does, without jansson's repeated path. */
		if (!json && json_error_code(&jerr) == json_error_cannot_open_file) {
			snprintf(note, cap, "%s: cannot open: %s", cfg->path, strerror(open_errno));
			return -1;
		}
		if (!json || !json_is_object(json)) {
			snprintf(note, cap, "%s: %s", cfg->path,
				 json ? "not a JSON object" : jerr.text);
			json_decref(json);
			return -1;
		}
	} else {
		dqa_error yerr = {0};
		if (ydoc_load(&doc, cfg->path, &yerr) < 0 || doc.root->kind != YNODE_MAP) {
			snprintf(note, cap, "%s: %s", cfg->path,
				 doc.root ? "not a YAML mapping" : yerr.message);
			ydoc_release(&doc);
			return -1;
		}
	}
	for (size_t i = 0; i < cfg->nrequire; i++) {
		int mapped = json && datapackage_path(cfg->path)
			? datapackage_field(json, cfg->require[i]) : -1;
		bool filled = mapped >= 0 ? mapped
			: json ? json_field_filled(json, cfg->require[i])
			       : yaml_field_filled(doc.root, cfg->require[i]);
		if (filled)
			continue;
		missing++;
		if (len < cap)
			len += (size_t)snprintf(note + len, cap - len, "%s'%s'",
						missing > 1 ? ", " : "missing or empty: ",
						cfg->require[i]);
	}
	json_decref(json);
	ydoc_release(&doc);
	return missing;
}

static int metadata_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct metadata_config *cfg = b->def->config;
	char note[512] = "";
	long missing = count_missing(cfg, note, sizeof note);
	if (missing < 0)
		missing = (long)cfg->nrequire;
	return check_tally_all(b, plan, cfg->nrequire, (uint64_t)missing, note, err);
}

static const char *const metadata_params[] = {"file", "require", NULL};

const struct check_ops check_metadata = {
	.kind = "metadata", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "fields", .shape = SHAPE_NONE,
	.params = metadata_params, .configure = metadata_configure,
	.dataset = metadata_dataset,
};
