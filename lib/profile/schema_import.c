/* dqa import-schema: a Frictionless Table Schema or Data Package resource
 * as a rule file. Every constraint maps to a check kind; what has no dqa
 * equivalent is listed, in comments and for stderr, never dropped. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "../checks/datapackage.h"
#include "../rules/yaml_write.h"
#include "../util/error.h"

struct importer {
	struct strbuf out;            /* the rule file */
	struct strbuf correct, sufficient, clean, unified;
	struct strbuf unmapped;       /* one line per thing not mapped */
	const json_t *package;        /* NULL for a bare table schema */
	const json_t *schema;
	const char *path;
};

static void put(struct strbuf *out, const char *s)
{
	yaml_put_scalar(out, s, strlen(s));
}

static void unmapped(struct importer *im, const char *field, const char *what, const char *why)
{
	strbuf_printf(&im->unmapped, "%s%s%s: %s\n", field ? field : "", field ? ": " : "", what,
		      why);
}

/* A JSON number or string (a date bound) as YAML. */
static void put_bound(struct strbuf *out, const json_t *v)
{
	if (json_is_integer(v))
		strbuf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		strbuf_printf(out, "%.15g", json_real_value(v));
	else if (json_is_string(v))
		put(out, json_string_value(v));
}

/* Frictionless dates: "default" and "any" are ISO; a strftime layout
 * (with or without the legacy "fmt:" prefix) is kept. */
static const char *date_format(const json_t *field)
{
	const char *f = json_string_value(json_object_get(field, "format"));
	if (!f || strcmp(f, "default") == 0 || strcmp(f, "any") == 0)
		return NULL;
	return strncmp(f, "fmt:", 4) == 0 ? f + 4 : f;
}

static const char *column_type(struct importer *im, const char *name, const json_t *field)
{
	const char *type = json_string_value(json_object_get(field, "type"));
	if (!type || strcmp(type, "string") == 0 || strcmp(type, "any") == 0)
		return "string";
	if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0 ||
	    strcmp(type, "date") == 0)
		return type;
	if (strcmp(type, "datetime") == 0)
		return "datetime";
	if (strcmp(type, "boolean") != 0)
		unmapped(im, name, type, "a type dqa does not check; declared as string");
	return "string";
}

static void check_head(struct strbuf *out, const char *kind, const char *name)
{
	strbuf_printf(out, "  - %s: {column: ", kind);
	put(out, name);
}

static void map_type(struct importer *im, const char *name, const json_t *field,
		     const char *type)
{
	const char *empty = ", allow_empty: true";
	const char *ftype = json_string_value(json_object_get(field, "type"));
	const char *format = json_string_value(json_object_get(field, "format"));
	if (strcmp(type, "string") != 0) {
		check_head(&im->correct, "type", name);
		strbuf_printf(&im->correct, "%s}\n", empty);
	}
	if (ftype && strcmp(ftype, "boolean") == 0) {
		strbuf_puts(&im->correct, "  # boolean: Frictionless' default true and false values\n");
		check_head(&im->correct, "enum", name);
		strbuf_printf(&im->correct, "%s, values: [\"true\", \"True\", \"TRUE\", \"1\", "
					    "\"false\", \"False\", \"FALSE\", \"0\"]}\n", empty);
	}
	if (ftype && strcmp(ftype, "string") == 0 && format) {
		const char *kind = strcmp(format, "email") == 0 ? "email"
				   : strcmp(format, "uri") == 0 ? "url" : NULL;
		if (kind) {
			check_head(&im->correct, kind, name);
			strbuf_printf(&im->correct, "%s}\n", empty);
		} else if (strcmp(format, "default") != 0) {
			unmapped(im, name, format, "a string format dqa does not check");
		}
	}
}

static void map_range(struct importer *im, const char *name, const char *type,
		      const json_t *min, const json_t *max)
{
	if (!min && !max)
		return;
	bool dates = strcmp(type, "date") == 0 || strcmp(type, "datetime") == 0;
	check_head(&im->correct, dates ? "date" : "range", name);
	strbuf_puts(&im->correct, ", allow_empty: true");
	if (min) {
		strbuf_puts(&im->correct, ", min: ");
		put_bound(&im->correct, min);
	}
	if (max) {
		strbuf_puts(&im->correct, ", max: ");
		put_bound(&im->correct, max);
	}
	strbuf_puts(&im->correct, "}\n");
}

static const char *one_field(const json_t *fields)
{
	if (json_is_string(fields))
		return json_string_value(fields);
	return json_array_size(fields) == 1 ? json_string_value(json_array_get(fields, 0)) : NULL;
}

static void map_constraints(struct importer *im, const char *name, const json_t *field,
			    const char *type)
{
	const json_t *c = json_object_get(field, "constraints");
	bool required = json_is_true(json_object_get(c, "required"));
	/* Constraints other than required apply to values only (Frictionless
	 * skips missing ones): every value check allows empties. */
	const char *empty = ", allow_empty: true";
	map_type(im, name, field, type);
	if (required) {
		strbuf_puts(&im->sufficient, "  - not_null: ");
		put(&im->sufficient, name);
		strbuf_putc(&im->sufficient, '\n');
	}
	/* A one-field primaryKey is already unique (import writes that check). */
	const char *pk = one_field(json_object_get(im->schema, "primaryKey"));
	if (json_is_true(json_object_get(c, "unique")) && !(pk && strcmp(pk, name) == 0)) {
		strbuf_puts(&im->clean, "  - unique: {columns: [");
		put(&im->clean, name);
		strbuf_printf(&im->clean, "]%s}\n", empty);
	}
	map_range(im, name, type, json_object_get(c, "minimum"), json_object_get(c, "maximum"));
	const json_t *minlen = json_object_get(c, "minLength"), *maxlen = json_object_get(c, "maxLength");
	if (minlen || maxlen) {
		check_head(&im->correct, "length", name);
		strbuf_puts(&im->correct, empty);
		if (minlen)
			strbuf_printf(&im->correct, ", min: %lld", (long long)json_integer_value(minlen));
		if (maxlen)
			strbuf_printf(&im->correct, ", max: %lld", (long long)json_integer_value(maxlen));
		strbuf_puts(&im->correct, "}\n");
	}
	const char *pattern = json_string_value(json_object_get(c, "pattern"));
	if (pattern) {
		/* Frictionless patterns match the whole value. */
		struct strbuf anchored = STRBUF_INIT;
		strbuf_printf(&anchored, "^(?:%s)$", pattern);
		check_head(&im->correct, "regex", name);
		strbuf_printf(&im->correct, "%s, pattern: ", empty);
		put(&im->correct, anchored.buf);
		strbuf_puts(&im->correct, "}\n");
		strbuf_release(&anchored);
	}
	const json_t *values = json_object_get(c, "enum"), *v;
	size_t i;
	if (json_is_array(values)) {
		check_head(&im->correct, "enum", name);
		strbuf_printf(&im->correct, "%s, values: [", empty);
		json_array_foreach(values, i, v) {
			strbuf_puts(&im->correct, i ? ", " : "");
			if (json_is_string(v))
				put(&im->correct, json_string_value(v));
			else
				put_bound(&im->correct, v);
		}
		strbuf_puts(&im->correct, "]}\n");
	}
	const char *key;
	json_object_foreach((json_t *)c, key, v) {
		static const char *const known[] = {"required", "unique", "minimum", "maximum",
						    "minLength", "maxLength", "pattern", "enum"};
		bool mapped = false;
		for (size_t k = 0; k < sizeof known / sizeof *known; k++)
			mapped |= strcmp(key, known[k]) == 0;
		if (!mapped)
			unmapped(im, name, key, "a constraint dqa does not know");
	}
}

static void write_columns(struct importer *im, const json_t *fields)
{
	size_t i;
	const json_t *field;
	strbuf_puts(&im->out, "columns:\n");
	json_array_foreach(fields, i, field) {
		const char *name = json_string_value(json_object_get(field, "name"));
		if (!name)
			continue;
		const char *type = column_type(im, name, field);
		const char *format = date_format(field);
		strbuf_puts(&im->out, "  ");
		put(&im->out, name);
		strbuf_printf(&im->out, ": {type: %s", strcmp(type, "datetime") ? type : "date");
		if (strcmp(type, "datetime") == 0 && !format)
			format = "%Y-%m-%dT%H:%M:%SZ";
		if (format && (strcmp(type, "date") == 0 || strcmp(type, "datetime") == 0)) {
			strbuf_puts(&im->out, ", format: ");
			put(&im->out, format);
		}
		strbuf_puts(&im->out, "}\n");
		map_constraints(im, name, field, type);
	}
}

/* A field list: "a" or ["a", "b"]. */
static void put_fields(struct strbuf *out, const json_t *fields)
{
	size_t i;
	const json_t *f;
	strbuf_putc(out, '[');
	if (json_is_string(fields))
		put(out, json_string_value(fields));
	json_array_foreach(fields, i, f) {
		strbuf_puts(out, i ? ", " : "");
		put(out, json_string_value(f) ? json_string_value(f) : "");
	}
	strbuf_putc(out, ']');
}

static const json_t *find_resource(const json_t *package, const char *name)
{
	size_t i;
	const json_t *r;
	json_array_foreach(json_object_get(package, "resources"), i, r) {
		const char *n = json_string_value(json_object_get(r, "name"));
		if (!name || (n && strcmp(n, name) == 0))
			return r;
	}
	return NULL;
}

/* foreignKeys to another resource of the package: in_ref on its path. */
static void write_foreign_keys(struct importer *im, const json_t *schema)
{
	size_t i;
	const json_t *fk;
	json_array_foreach(json_object_get(schema, "foreignKeys"), i, fk) {
		const json_t *ref = json_object_get(fk, "reference");
		const char *column = one_field(json_object_get(fk, "fields"));
		const char *target = one_field(json_object_get(ref, "fields"));
		const char *res = json_string_value(json_object_get(ref, "resource"));
		const json_t *other = im->package && res && *res ? find_resource(im->package, res)
								 : NULL;
		const char *path = json_string_value(json_object_get(other, "path"));
		if (!column || !target || !path) {
			unmapped(im, column, "foreignKeys",
				 !column || !target ? "composite foreign keys have no dqa check"
						    : "only a key to another resource's path maps to in_ref");
			continue;
		}
		strbuf_puts(&im->unified, "  # foreign key to resource ");
		strbuf_puts(&im->unified, res);
		strbuf_puts(&im->unified, " (its path is relative to the package descriptor)\n");
		check_head(&im->unified, "in_ref", column);
		strbuf_puts(&im->unified, ", allow_empty: true, ref: ");
		struct strbuf spec = STRBUF_INIT;
		strbuf_printf(&spec, "%s#%s", path, target);
		put(&im->unified, spec.buf);
		strbuf_release(&spec);
		strbuf_puts(&im->unified, "}\n");
	}
}

/* missingValues other than "": dqa reads only empty fields as missing. */
static void note_missing_values(struct importer *im, const json_t *schema)
{
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(schema, "missingValues"), i, v) {
		const char *s = json_string_value(v);
		if (s && *s) {
			char what[128];
			snprintf(what, sizeof what, "missingValues \"%s\"", s);
			unmapped(im, NULL, what, "dqa counts only empty fields as missing");
		}
	}
}

/* shared.metadata on the package: the fields it fills are required. */
static void write_metadata(struct importer *im, struct strbuf *shared)
{
	static const char *const fields[] = {"title", "description", "owner", "contact",
					     "license", "schema", "update_frequency"};
	bool any = false;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		int has = datapackage_field(im->package, fields[i]);
		if (has < 0)
			has = json_object_get(im->package, fields[i]) != NULL;
		if (!has)
			continue;
		if (!any) {
			strbuf_puts(shared, "shared:\n  - metadata: {file: ");
			put(shared, im->path);
			strbuf_puts(shared, ", require: [");
		}
		strbuf_printf(shared, "%s%s", any ? ", " : "", fields[i]);
		any = true;
	}
	if (any)
		strbuf_puts(shared, "]}\n");
}

static void section(struct strbuf *out, const char *name, const struct strbuf *body)
{
	if (body->len)
		strbuf_printf(out, "%s:\n%s", name, body->buf);
}

static int import(struct importer *im, const json_t *root, const char *resource,
		  dqa_error *err)
{
	const json_t *schema = root, *res = NULL;
	if (json_object_get(root, "resources")) {
		im->package = root;
		if (!(res = find_resource(root, resource)))
			return error_at(err, DQA_EINPUT, im->path, DQA_NOPOS, NULL,
					resource ? "no resource named '%s'" : "no resources%s",
					resource ? resource : "");
		schema = json_object_get(res, "schema");
		if (!json_is_object(schema))
			return error_at(err, DQA_EINPUT, im->path, DQA_NOPOS,
					"inline the schema in the descriptor",
					"the resource's schema is not an object");
	}
	im->schema = schema;
	if (!json_is_array(json_object_get(schema, "fields")))
		return error_at(err, DQA_EINPUT, im->path, DQA_NOPOS,
				"a Table Schema has \"fields\"; a Data Package \"resources\"",
				"neither a Table Schema nor a Data Package");
	const char *name = json_string_value(json_object_get(res ? res : root, "name"));
	strbuf_printf(&im->out, "# Imported by dqa import-schema from %s\nversion: 1\ndataset:\n",
		      im->path);
	if (name) {
		strbuf_puts(&im->out, "  name: ");
		put(&im->out, name);
		strbuf_putc(&im->out, '\n');
	}
	const json_t *pk = json_object_get(schema, "primaryKey");
	if (pk) {
		strbuf_puts(&im->out, "  key: ");
		put_fields(&im->out, pk);
		strbuf_puts(&im->out, "\n");
		strbuf_puts(&im->clean, "  - unique: {columns: ");
		put_fields(&im->clean, pk);
		strbuf_puts(&im->clean, "}\n");
	}
	write_columns(im, json_object_get(schema, "fields"));
	write_foreign_keys(im, schema);
	note_missing_values(im, schema);
	struct strbuf shared = STRBUF_INIT;
	if (im->package)
		write_metadata(im, &shared);
	section(&im->out, "correct", &im->correct);
	section(&im->out, "sufficient", &im->sufficient);
	section(&im->out, "clean", &im->clean);
	section(&im->out, "unified", &im->unified);
	strbuf_add(&im->out, shared.buf ? shared.buf : "", shared.len);
	strbuf_release(&shared);
	if (im->unmapped.len) {
		strbuf_puts(&im->out, "# not mapped:\n");
		for (const char *line = im->unmapped.buf; *line;) {
			size_t n = strcspn(line, "\n");
			strbuf_printf(&im->out, "#   %.*s\n", (int)n, line);
			line += n + (line[n] != '\0');
		}
	}
	return 0;
}

static char *import_text(const char *path, const char *resource, size_t *len,
			 char **not_mapped, dqa_error *err)
{
	json_error_t jerr;
	*not_mapped = NULL;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		error_at(err, DQA_EINPUT, path, (struct dqa_pos){(unsigned)jerr.line,
								 (unsigned)jerr.column, 0},
			 NULL, "%s", jerr.text);
		return NULL;
	}
	struct importer im = {.out = STRBUF_INIT, .correct = STRBUF_INIT,
			      .sufficient = STRBUF_INIT, .clean = STRBUF_INIT,
			      .unified = STRBUF_INIT, .unmapped = STRBUF_INIT, .path = path};
	int rc = import(&im, root, resource, err);
	json_decref(root);
	strbuf_release(&im.correct);
	strbuf_release(&im.sufficient);
	strbuf_release(&im.clean);
	strbuf_release(&im.unified);
	char *text = NULL;
	if (rc == 0) {
		*len = im.out.len;
		text = strbuf_detach(&im.out);
		*not_mapped = im.unmapped.len ? strbuf_detach(&im.unmapped) : strdup("");
		if (!text || !*not_mapped)
			error_nomem(err);
	}
	strbuf_release(&im.out);
	strbuf_release(&im.unmapped);
	return text;
}

int dqa_schema_import(char **out, size_t *len, char **not_mapped, const char *path,
		      const char *resource, dqa_error *err)
{
	*err = (dqa_error){0};
	*out = import_text(path, resource, len, not_mapped, err);
	if (*out)
		return 0;
	free(*not_mapped);
	*not_mapped = NULL;
	return err->code ? err->code : error_nomem(err);
}
