/* dqa export-schema: the columns and constraints of a rule file that a
 * Frictionless Table Schema can state, read from the validated rule file's
 * YAML; every other check is listed as not mapped. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "../rules/yaml_tree.h"
#include "../util/strbuf.h"

struct exporter {
	json_t *fields;               /* array, in declaration order */
	json_t *schema;
	const struct ynode *key;      /* dataset: key, or NULL */
	struct strbuf unmapped;
};

static char *text(const struct ynode *n)
{
	return n && n->kind == YNODE_SCALAR ? strndup(n->text, n->len) : NULL;
}

static json_t *field(struct exporter *ex, const char *name)
{
	size_t i;
	json_t *f;
	json_array_foreach(ex->fields, i, f)
		if (strcmp(json_string_value(json_object_get(f, "name")), name) == 0)
			return f;
	f = json_pack("{s:s, s:s}", "name", name, "type", "string");
	json_array_append_new(ex->fields, f);
	return f;
}

static void constraint(struct exporter *ex, const char *column, const char *key, json_t *value)
{
	json_t *f = field(ex, column), *c = json_object_get(f, "constraints");
	if (!c)
		json_object_set_new(f, "constraints", c = json_object());
	json_object_set_new(c, key, value);
}

/* A scalar as a JSON number when it reads as one, else a string. */
static json_t *scalar_value(const struct ynode *n)
{
	char *s = text(n), *end;
	json_t *v = NULL;
	if (s && n->plain) {
		long long i = strtoll(s, &end, 10);
		if (*s && !*end)
			v = json_integer(i);
		else {
			double d = strtod(s, &end);
			if (*s && !*end)
				v = json_real(d);
		}
	}
	if (!v)
		v = json_string(s ? s : "");
	free(s);
	return v;
}

static void not_mapped(struct exporter *ex, const char *kind, const char *column, const char *why)
{
	strbuf_printf(&ex->unmapped, "%s%s%s: %s\n", kind, column ? " on " : "", column ? column : "",
		      why);
}

/* Frictionless patterns match whole values: "^(?:P)$" or "^P$" is P. */
static json_t *unanchored(const struct ynode *pattern)
{
	char *p = text(pattern);
	size_t n = p ? strlen(p) : 0;
	json_t *out = NULL;
	if (n >= 6 && strncmp(p, "^(?:", 4) == 0 && strcmp(p + n - 2, ")$") == 0)
		out = json_stringn(p + 4, n - 6);
	else if (n >= 2 && p[0] == '^' && p[n - 1] == '$')
		out = json_stringn(p + 1, n - 2);
	free(p);
	return out;
}

static void export_check(struct exporter *ex, const char *kind, const struct ynode *v)
{
	const struct ynode *col = v->kind == YNODE_MAP ? ymap_get(v, "column") : v;
	const struct ynode *cols = v->kind == YNODE_MAP ? ymap_get(v, "columns") : v;
	char *column = text(col);
	bool partial = v->kind == YNODE_MAP && (ymap_get(v, "min_ratio") || ymap_get(v, "where"));
	if (partial)
		not_mapped(ex, kind, column, "min_ratio and where have no Table Schema form");
	if (strcmp(kind, "not_null") == 0 && column) {
		constraint(ex, column, "required", json_true());
	} else if (strcmp(kind, "not_null") == 0 && cols && cols->kind == YNODE_SEQ) {
		for (size_t i = 0; i < cols->n; i++) {
			char *c = text(cols->items[i]);
			if (c)
				constraint(ex, c, "required", json_true());
			free(c);
		}
	} else if (strcmp(kind, "unique") == 0) {
		const struct ynode *list = cols && cols->kind == YNODE_SEQ ? cols : NULL;
		char *one = list && list->n == 1 ? text(list->items[0]) : column;
		if (one && one != column)
			free(column), column = one;
		if (column && ex->key && ex->key->n == 1 && yscalar_eq(ex->key->items[0], column))
			; /* the primaryKey says it */
		else if (column)
			constraint(ex, column, "unique", json_true());
		else
			not_mapped(ex, kind, NULL, "a composite unique other than the key");
	} else if ((strcmp(kind, "range") == 0 || strcmp(kind, "length") == 0 ||
		    strcmp(kind, "date") == 0) && column) {
		bool len = strcmp(kind, "length") == 0;
		const struct ynode *min = ymap_get(v, "min"), *max = ymap_get(v, "max");
		if (min)
			constraint(ex, column, len ? "minLength" : "minimum", scalar_value(min));
		if (max)
			constraint(ex, column, len ? "maxLength" : "maximum", scalar_value(max));
	} else if (strcmp(kind, "regex") == 0 && column) {
		json_t *p = unanchored(ymap_get(v, "pattern"));
		if (p)
			constraint(ex, column, "pattern", p);
		else
			not_mapped(ex, kind, column, "a pattern not anchored at both ends");
	} else if (strcmp(kind, "enum") == 0 && column) {
		const struct ynode *values = ymap_get(v, "values");
		json_t *list = json_array();
		for (size_t i = 0; values && i < values->n; i++)
			json_array_append_new(list, scalar_value(values->items[i]));
		constraint(ex, column, "enum", list);
	} else if ((strcmp(kind, "email") == 0 || strcmp(kind, "url") == 0) && column) {
		json_object_set_new(field(ex, column), "format",
				    json_string(kind[0] == 'e' ? "email" : "uri"));
	} else if (strcmp(kind, "in_ref") == 0 && column) {
		char *ref = text(ymap_get(v, "ref")), *hash = ref ? strrchr(ref, '#') : NULL;
		if (hash) {
			*hash = '\0';
			json_t *fks = json_object_get(ex->schema, "foreignKeys");
			if (!fks)
				json_object_set_new(ex->schema, "foreignKeys", fks = json_array());
			json_array_append_new(fks, json_pack("{s:s, s:{s:s, s:s}}", "fields", column,
							     "reference", "resource", ref, "fields",
							     hash + 1));
			not_mapped(ex, kind, column, "the reference is a path: the foreign key names "
						   "it as its resource");
		}
		free(ref);
	} else if (strcmp(kind, "type") != 0) {
		not_mapped(ex, kind, column, "no Table Schema constraint");
	}
	free(column);
}

static void export_columns(struct exporter *ex, const struct ynode *columns)
{
	for (size_t i = 0; columns && i < columns->n; i++) {
		char *name = text(ymap_key(columns, i));
		const struct ynode *decl = ymap_value(columns, i);
		char *type = text(decl->kind == YNODE_MAP ? ymap_get(decl, "type") : NULL);
		char *format = text(decl->kind == YNODE_MAP ? ymap_get(decl, "format") : NULL);
		json_t *f = field(ex, name);
		if (type)
			json_object_set_new(f, "type", json_string(type));
		if (format)
			json_object_set_new(f, "format", json_string(format));
		free(name);
		free(type);
		free(format);
	}
}

static char *export_text(const char *rules_path, char **not_mapped_out, dqa_error *err)
{
	dqa_rules *rules = NULL;
	*not_mapped_out = NULL;
	if (dqa_rules_load(&rules, rules_path, err) < 0)
		return NULL;   /* only a valid rule file is exported */
	dqa_rules_free(rules);
	struct ydoc doc;
	if (ydoc_load(&doc, rules_path, err) < 0)
		return NULL;
	struct exporter ex = {.fields = json_array(), .schema = json_object(),
			      .unmapped = STRBUF_INIT};
	const struct ynode *root = doc.root, *dataset = ymap_get(root, "dataset");
	ex.key = dataset ? ymap_get(dataset, "key") : NULL;
	json_object_set(ex.schema, "fields", ex.fields);
	export_columns(&ex, ymap_get(root, "columns"));
	static const char *const criteria[] = {"correct", "sufficient", "clean", "alive", "unified",
					       "shared"};
	for (size_t c = 0; c < sizeof criteria / sizeof *criteria; c++) {
		const struct ynode *list = ymap_get(root, criteria[c]);
		for (size_t i = 0; list && i < list->n; i++) {
			const struct ynode *entry = list->items[i];
			char *kind = text(ymap_key(entry, 0));
			if (kind)
				export_check(&ex, kind, ymap_value(entry, 0));
			free(kind);
		}
	}
	if (ex.key && ex.key->kind == YNODE_SEQ) {
		json_t *pk = json_array();
		for (size_t i = 0; i < ex.key->n; i++) {
			char *k = text(ex.key->items[i]);
			json_array_append_new(pk, json_string(k ? k : ""));
			free(k);
		}
		json_object_set_new(ex.schema, "primaryKey", pk);
	}
	json_object_set_new(ex.schema, "missingValues", json_pack("[s]", ""));
	char *json = json_dumps(ex.schema, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(ex.fields);
	json_decref(ex.schema);
	ydoc_release(&doc);
	*not_mapped_out = ex.unmapped.len ? strbuf_detach(&ex.unmapped) : strdup("");
	strbuf_release(&ex.unmapped);
	if (!json || !*not_mapped_out) {
		free(json);
		free(*not_mapped_out);
		*not_mapped_out = NULL;
		error_nomem(err);
		return NULL;
	}
	return json;
}

int dqa_schema_export(char **out, char **not_mapped, const char *rules_path, dqa_error *err)
{
	*err = (dqa_error){0};
	*out = export_text(rules_path, not_mapped, err);
	if (*out)
		return 0;
	free(*not_mapped);
	*not_mapped = NULL;
	return err->code ? err->code : error_nomem(err);
}
