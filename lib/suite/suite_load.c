/* Loading a suite file: the datasets it lists, each rule file loaded and
 * checked, each data glob expanded (relative to the suite file) before any
 * audit starts, so a typo stops the whole suite at once. */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../util/error.h"
#include "../rules/rules.h"

struct loader {
	struct dqa_suite *s;
	unsigned shard, shards;       /* whose data to expand: 0 shards, none */
	dqa_error *err;
};

static int fail_at(struct loader *l, const struct ynode *at, const char *hint, const char *what)
{
	return error_at(l->err, DQA_ERULES, l->s->path, at->pos, hint, "%s", what);
}

static bool is_string(const struct ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !yscalar_is_null(n);
}

/* path relative to the suite file's folder, unless absolute. */
static const char *beside(struct loader *l, const char *path)
{
	const char *slash = strrchr(l->s->path, '/');
	if (path[0] == '/' || !slash)
		return arena_strdup(&l->s->arena, path);
	size_t dir = (size_t)(slash - l->s->path) + 1;
	char *full = arena_alloc(&l->s->arena, dir + strlen(path) + 1);
	if (full) {
		memcpy(full, l->s->path, dir);
		strcpy(full + dir, path);
	}
	return full;
}

/* Dataset names become folder names in the report. */
static bool safe_name(const char *name)
{
	if (!name[0] || name[0] == '.' || strlen(name) > 100)
		return false;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p))
			return false;
	return true;
}

/* Every glob of `data`, expanded in order, then folders into their files. */
static int expand_data(struct loader *l, const struct ynode *data, struct suite_dataset *d)
{
	size_t n = data->kind == YNODE_SEQ ? data->n : 1;
	const struct ynode *const *items = data->kind == YNODE_SEQ
		? (const struct ynode *const *)data->items : &data;
	glob_t g = {0};
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!is_string(items[i]))
			return fail_at(l, items[i], "write a path or glob, such as data/*/citizens.csv",
				       "'data' must be a path, a glob or a list of them");
		const char *pattern = beside(l, items[i]->text);
		RETURN_IF_NOMEM(pattern, l->err);
		int g_rc = glob(pattern, i ? GLOB_APPEND : 0, NULL, &g);
		if (g_rc == GLOB_NOMATCH)
			rc = error_at(l->err, DQA_EINPUT, l->s->path, items[i]->pos,
				      "paths and globs are relative to the suite file",
				      "no file matches '%s'", pattern);
		else if (g_rc != 0)
			rc = error_at(l->err, DQA_EINPUT, l->s->path, items[i]->pos, NULL,
				      "cannot expand '%s'", pattern);
	}
	if (rc == 0)
		rc = dqa_inputs_expand(&d->inputs, &d->ninputs, (const char *const *)g.gl_pathv,
				       g.gl_pathc, l->err);
	globfree(&g);
	return rc;
}

static int load_dataset(struct loader *l, const struct ynode *map, size_t index,
			struct suite_dataset *d)
{
	if (map->kind != YNODE_MAP)
		return fail_at(l, map, "write {rules: FILE, data: [GLOB...]}",
			       "each entry of 'datasets' must be a mapping");
	static const char *const keys[] = {"name", "rules", "data"};
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = ymap_key(map, i);
		if (!yscalar_eq(key, keys[0]) && !yscalar_eq(key, keys[1]) && !yscalar_eq(key, keys[2]))
			return fail_at(l, key, "a dataset takes: name rules data",
				       "unknown key in a suite dataset");
	}
	const struct ynode *rules = ymap_get(map, "rules"), *data = ymap_get(map, "data");
	const struct ynode *name = ymap_get(map, "name");
	if (!is_string(rules))
		return fail_at(l, rules ? rules : map, "add rules: PATH (relative to the suite file)",
			       "a suite dataset needs a rule file");
	if (!data)
		return fail_at(l, map, "add data: [GLOB...] (relative to the suite file)",
			       "a suite dataset needs data");
	const char *path = beside(l, rules->text);
	RETURN_IF_NOMEM(path, l->err);
	FORWARD_IF_ERROR(dqa_rules_load(&d->rules, path, l->err));
	if (name && !is_string(name))
		return fail_at(l, name, NULL, "'name' must be a string");
	d->name = name ? name->text : dqa_rules_dataset_name(d->rules);
	if (!safe_name(d->name))
		return fail_at(l, name ? name : rules,
			       "names the report folder: letters, digits, '.', '_' and '-'",
			       name ? "unusable dataset name" : "unusable dataset name: give name:");
	if (!l->shards || index % l->shards != l->shard - 1)
		return 0;
	FORWARD_IF_ERROR(expand_data(l, data, d));
	return dqa_rules_check_data(d->rules, (const char *const *)d->inputs, d->ninputs, l->err);
}

static int load_root(struct loader *l, const struct ynode *root)
{
	struct dqa_suite *s = l->s;
	if (root->kind != YNODE_MAP || !yscalar_eq(ymap_get(root, "version"), "1"))
		return fail_at(l, root, "start with 'version: 1', then 'datasets:'",
			       "a suite file is a mapping with version: 1");
	const struct ynode *v = ymap_get(root, "name");
	if (v && !is_string(v))
		return fail_at(l, v, NULL, "'name' must be a string");
	if (v)
		s->name = v->text;
	const struct ynode *list = ymap_get(root, "datasets");
	if (!list || list->kind != YNODE_SEQ || list->n == 0)
		return fail_at(l, list ? list : root, "list them: datasets: [{rules: ..., data: ...}]",
			       "a suite needs a non-empty list of datasets");
	s->datasets = arena_alloc(&s->arena, list->n * sizeof *s->datasets);
	RETURN_IF_NOMEM(s->datasets, l->err);
	memset(s->datasets, 0, list->n * sizeof *s->datasets);
	for (size_t i = 0; i < list->n; i++) {
		s->ndatasets = i + 1;
		FORWARD_IF_ERROR(load_dataset(l, list->items[i], i, &s->datasets[i]));
		for (size_t k = 0; k < i; k++)
			if (strcmp(s->datasets[k].name, s->datasets[i].name) == 0)
				return fail_at(l, list->items[i], "give one of them another name:",
					       "two datasets of one name");
	}
	return 0;
}

/* The suite file read once: its bytes, hash and tree stay in s->doc. */
static int read_suite(struct dqa_suite *s, const char *path, const uint64_t *shard_hash,
		      dqa_error *err)
{
	FORWARD_IF_ERROR(ydoc_read(&s->doc, path, err));
	if (shard_hash && s->doc.hash != *shard_hash)
		return error_at(err, DQA_EARG, path, DQA_NOPOS,
				"audit the shards again with the suite file as it is now",
				"suite file changed since the shards were audited");
	return ydoc_parse(&s->doc, err);
}

int suite_load(dqa_suite **out, const char *path, unsigned shard, unsigned shards,
	       const uint64_t *shard_hash, dqa_error *err)
{
	*out = NULL;
	struct dqa_suite *s = calloc(1, sizeof *s);
	RETURN_IF_NOMEM(s, err);
	struct loader l = {s, shard, shards, err};
	s->shard = shard;
	s->shards = shards;
	s->path = arena_strdup(&s->arena, path);
	s->name = s->path ? path_stem(&s->arena, s->path) : NULL;
	int rc = s->name ? read_suite(s, path, shard_hash, err) : error_nomem(err);
	if (rc == 0 && (rc = load_root(&l, s->doc.root)) < 0)
		ydoc_excerpt(&s->doc, err);
	if (rc < 0) {
		dqa_suite_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int dqa_suite_load(dqa_suite **out, const char *path, dqa_error *err)
{
	return suite_load(out, path, 1, 1, NULL, err);
}

int dqa_suite_load_shard(dqa_suite **out, const char *path, unsigned index, unsigned count,
			 dqa_error *err)
{
	if (index < 1 || index > count)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL, "no shard %u of %u", index,
				count);
	return suite_load(out, path, index, count, NULL, err);
}

void dqa_suite_free(dqa_suite *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ndatasets; i++) {
		dqa_rules_free(s->datasets[i].rules);
		dqa_inputs_free(s->datasets[i].inputs, s->datasets[i].ninputs);
		dqa_result_free(s->datasets[i].result);
	}
	json_decref(s->json);
	json_decref(s->lines);
	json_decref(s->rows);
	json_decref(s->entries);
	json_decref(s->unit_files);
	ydoc_release(&s->doc);
	arena_release(&s->arena);
	free(s);
}
