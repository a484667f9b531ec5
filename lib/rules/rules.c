/* Loads a rule file: the top-level sections, the dataset settings, column
 * declarations and scoring; the criterion lists go to check_parse.c. With
 * check_parse.c this is the loader, the one part of lib/rules/ that sits
 * above lib/checks/ (it names the kinds); the helpers kinds call are in
 * params.c. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checks/check.h"
#include "../expr/expr.h"
#include "../input/sniff.h"
#include "../input/transcode.h"
#include "geo_map.h"
#include "limits_parse.h"
#include "mistakes.h"
#include "source_parse.h"
#include "unit_path.h"

/* Fails on a mapping key not among known, suggesting the closest one. */
static int expect_keys(struct rules_ctx *ctx, const struct ynode *map, const char *where,
		       const char *const *known, size_t nknown)
{
	char prefix[64], hint[200];
	snprintf(prefix, sizeof prefix, "%s takes:", where);
	const struct ynode *key = rules_unknown_key(map, known, nknown, 0, prefix, hint,
						    sizeof hint);
	if (!key)
		return 0;
	return rules_error(ctx, key, hint, "unknown key '%s' in %s", key->text, where);
}

static int expect_kind(struct rules_ctx *ctx, const struct ynode *node, enum ynode_kind kind,
		       const char *what)
{
	if (node->kind == kind)
		return 0;
	return rules_error(ctx, node, NULL, "'%s' must be %s, not %s", what,
			   ynode_kind_name(kind), ynode_kind_name(node->kind));
}


static int colref_from(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		       struct colref *out)
{
	FORWARD_IF_ERROR(param_string(ctx, node, what, &out->name));
	out->pos = node->pos;
	return 0;
}

static int parse_char(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		      char *out)
{
	const char *s;
	FORWARD_IF_ERROR(param_string(ctx, node, what, &s));
	if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0) {
		*out = '\t';
		return 0;
	}
	if (strlen(s) != 1 || s[0] == '\n' || s[0] == '\r')
		return rules_error(ctx, node, "write one character, such as ';' or tab",
				   "'%s' must be a single character", what);
	*out = s[0];
	return 0;
}

static int parse_encoding(struct rules_ctx *ctx, const struct ynode *node,
			  const struct encoding **out)
{
	const char *s;
	FORWARD_IF_ERROR(param_string(ctx, node, "encoding", &s));
	if ((*out = encoding_find(s)))
		return 0;
	const char *names[32];
	size_t n = encoding_names(names, sizeof names / sizeof *names);
	const char *near = closest_word(s, names, n);
	char hint[160];
	snprintf(hint, sizeof hint, near ? "did you mean '%s'?"
					 : "encodings: utf-8, windows-1258, tcvn3, vni, latin1, utf-16",
		 near);
	return rules_error(ctx, node, hint, "unknown encoding '%s'", s);
}

/* format: how every input is read, instead of sniffing each. */
static int parse_format(struct rules_ctx *ctx, const struct ynode *node, unsigned char *out)
{
	const char *s;
	enum input_format format;
	FORWARD_IF_ERROR(param_string(ctx, node, "format", &s));
	if (input_format_parse(s, &format) < 0)
		return rules_error(ctx, node, "formats: csv, ndjson (JSON Lines or a JSON array), xlsx",
				   "unknown input format '%s'", s);
	*out = (unsigned char)format;
	return 0;
}

/* header_row: the 1-based line of the header. */
static int parse_header_row(struct rules_ctx *ctx, const struct ynode *node, unsigned *out)
{
	double v;
	FORWARD_IF_ERROR(param_number(ctx, node, "header_row", &v));
	if (v < 1 || v > 1000 || v != (unsigned)v)
		return rules_error(ctx, node, "give the line of the header, from 1 (the first line)",
				   "'header_row' must be a whole number from 1 to 1000");
	*out = (unsigned)v;
	return 0;
}

/* `expected_units: {file: F, code: C, name: N}`: the codes of column C of
 * F, each named by column N of its first row in reports. */
static int parse_expected_mapping(struct rules_ctx *ctx, const struct ynode *node)
{
	static const char *const keys[] = {"file", "code", "name"};
	struct dqa_rules *r = ctx->rules;
	FORWARD_IF_ERROR(expect_keys(ctx, node, "expected_units", keys, sizeof keys / sizeof *keys));
	const struct ynode *file = ymap_get(node, "file"), *code = ymap_get(node, "code"),
			  *name = ymap_get(node, "name");
	if (!file || !code)
		return rules_error(ctx, node, "write {file: refs/units.csv, code: COLUMN, name: COLUMN}",
				   "'expected_units' needs 'file' and 'code'");
	struct ref_source src = {.noun = "reference file", .at = file, .column_at = code,
				 .paired_at = name, .keep_order = true};
	FORWARD_IF_ERROR(param_string(ctx, file, "file", &src.path));
	FORWARD_IF_ERROR(param_string(ctx, code, "code", &src.column));
	if (name)
		FORWARD_IF_ERROR(param_string(ctx, name, "name", &src.paired));
	struct ref_table units = {STRSET_INIT, NULL, 0};
	int rc = rules_load_ref(ctx, &src, &units);
	r->expected_units = units.ordered;
	r->nexpected = rc == 0 ? units.n : 0;
	if (rc == 0 && name) {
		r->expected_names = arena_alloc(&r->arena, (units.n + 1) * sizeof *r->expected_names);
		if (!r->expected_names)
			rc = error_nomem(ctx->err);
		for (size_t i = 0; rc == 0 && i < units.n; i++) {
			uint64_t v = 0;
			strset_get(&units.keys, units.ordered[i], strlen(units.ordered[i]), &v);
			r->expected_names[i] = (const char *)(uintptr_t)v;
		}
	}
	ref_table_release(&units);
	return rc;
}

static int parse_expected_units(struct rules_ctx *ctx, const struct ynode *node)
{
	struct dqa_rules *r = ctx->rules;
	if (node->kind == YNODE_SEQ)
		return param_string_list(ctx, node, "expected_units", &r->expected_units,
					 &r->nexpected);
	if (node->kind == YNODE_MAP)
		return parse_expected_mapping(ctx, node);
	struct ref_table units = {STRSET_INIT, NULL, 0};
	int rc = param_csv_column(ctx, node, "expected_units", &units, true);
	r->expected_units = units.ordered;
	r->nexpected = units.n;
	ref_table_release(&units);
	return rc;
}

/* key: the columns that identify a record, shown with its samples. */
static int parse_key(struct rules_ctx *ctx, const struct ynode *v)
{
	struct dqa_rules *r = ctx->rules;
	const char **names;
	FORWARD_IF_ERROR(param_string_list(ctx, v, "key", &names, &r->nkey));
	r->key = arena_alloc(&r->arena, r->nkey * sizeof *r->key);
	RETURN_IF_NOMEM(r->key, ctx->err);
	for (size_t i = 0; i < r->nkey; i++)
		r->key[i] = (struct colref){names[i], v->kind == YNODE_SEQ ? v->items[i]->pos : v->pos};
	return 0;
}

/* A map file that cannot be used, as a rule error at the node naming it. */
static int map_error(struct rules_ctx *ctx, const struct ynode *at, const dqa_error *why)
{
	return rules_error(ctx, at, why->hint[0] ? why->hint : NULL, "map '%s' %s", why->file,
			   why->message);
}

/* `map: FILE.geojson` or `map: {file: F, code: PROPERTY, tolerance: METRES}`:
 * the units' areas for the reports' map, read and simplified once here so
 * that a bad file stops the run before any data is read, and the result
 * carries the shapes drawn (a re-rendered report needs no map file). */
static int parse_map(struct rules_ctx *ctx, const struct ynode *node)
{
	static const char *const keys[] = {"file", "code", "tolerance"};
	struct dqa_rules *r = ctx->rules;
	const struct ynode *file = node;
	if (node->kind == YNODE_MAP) {
		FORWARD_IF_ERROR(expect_keys(ctx, node, "map", keys, sizeof keys / sizeof *keys));
		if (!(file = ymap_get(node, "file")))
			return rules_error(ctx, node, "write {file: units.geojson, code: PROPERTY}",
					   "'map' needs 'file'");
		const struct ynode *v;
		if ((v = ymap_get(node, "code")))
			FORWARD_IF_ERROR(param_string(ctx, v, "code", &r->map_code));
		if ((v = ymap_get(node, "tolerance"))) {
			FORWARD_IF_ERROR(param_number(ctx, v, "tolerance", &r->map_tolerance));
			if (!(r->map_tolerance >= 0 && r->map_tolerance <= 10000))
				return rules_error(ctx, v, "metres on the ground, e.g. 30",
						   "'tolerance' must be from 0 to 10000");
		}
	}
	const char *path;
	FORWARD_IF_ERROR(param_string(ctx, file, "map", &path));
	RETURN_IF_NOMEM(r->map_file = rules_path(ctx, path), ctx->err);
	dqa_error why = {0};
	geo_map_release(&r->map);
	int rc = geo_map_load(&r->map, r->map_file, r->map_code, &why);
	if (rc == DQA_ENOMEM)
		return error_nomem(ctx->err);
	if (rc < 0)
		return map_error(ctx, file, &why);
	RETURN_NOMEM_UNLESS(geo_map_simplify(&r->map, r->map_tolerance) == 0, ctx->err);
	return 0;
}

static int parse_header(struct rules_ctx *ctx, const struct ynode *v)
{
	FORWARD_IF_ERROR(param_bool(ctx, v, "header", &ctx->rules->header));
	if (!ctx->rules->header)
		return rules_error(ctx, v, "add a header row to the extract",
				   "files without a header row are not supported yet");
	return 0;
}

static int parse_dataset(struct rules_ctx *ctx, const struct ynode *map)
{
	static const char *const keys[] = {"name", "unit", "expected_units", "key",
					   "delimiter", "quote", "header", "strict", "allow_empty",
					   "blank_rows", "encoding", "header_row", "format", "sheet",
					   "map", "shard_by"};
	struct dqa_rules *r = ctx->rules;
	FORWARD_IF_ERROR(expect_kind(ctx, map, YNODE_MAP, "dataset"));
	GO_ON_AFTER(ctx, expect_keys(ctx, map, "dataset", keys, sizeof keys / sizeof *keys));
	const struct ynode *v;
	if ((v = ymap_get(map, "name")))
		GO_ON_AFTER(ctx, param_string(ctx, v, "name", &r->name));
	if ((v = ymap_get(map, "unit"))) {
		if (v->kind == YNODE_MAP)
			GO_ON_AFTER(ctx, unit_path_parse(ctx, v, &r->unit_path));
		else
			GO_ON_AFTER(ctx, colref_from(ctx, v, "unit", &r->unit));
	}
	if ((v = ymap_get(map, "expected_units"))) {
		if (!r->unit.name && !r->unit_path)
			GO_ON_AFTER(ctx, rules_error(ctx, v, "add unit: COLUMN, the column naming "
						     "each row's unit",
						     "'expected_units' needs 'unit'"));
		else
			GO_ON_AFTER(ctx, parse_expected_units(ctx, v));
	}
	if ((v = ymap_get(map, "key")))
		GO_ON_AFTER(ctx, parse_key(ctx, v));
	if ((v = ymap_get(map, "map"))) {
		if (!r->unit.name && !r->unit_path)
			GO_ON_AFTER(ctx, rules_error(ctx, v, "add unit: COLUMN, the column naming "
						     "each row's unit", "'map' needs 'unit'"));
		else
			GO_ON_AFTER(ctx, parse_map(ctx, v));
	}

	if ((v = ymap_get(map, "delimiter")))
		GO_ON_AFTER(ctx, parse_char(ctx, v, "delimiter", &r->dialect.delimiter));
	if ((v = ymap_get(map, "quote")))
		GO_ON_AFTER(ctx, parse_char(ctx, v, "quote", &r->dialect.quote));
	if ((v = ymap_get(map, "header")))
		GO_ON_AFTER(ctx, parse_header(ctx, v));
	if ((v = ymap_get(map, "strict")))
		GO_ON_AFTER(ctx, param_bool(ctx, v, "strict", &r->strict));
	if ((v = ymap_get(map, "allow_empty")))
		GO_ON_AFTER(ctx, param_bool(ctx, v, "allow_empty", &r->allow_empty));
	if ((v = ymap_get(map, "blank_rows")) && !yscalar_eq(v, "allow") && !yscalar_eq(v, "report"))
		GO_ON_AFTER(ctx, rules_error(ctx, v, "blank_rows: allow (skip blank lines) or "
					     "report (the default)",
					     "'blank_rows' must be allow or report"));
	r->allow_blank_rows = v && yscalar_eq(v, "allow");
	if ((v = ymap_get(map, "encoding")))
		GO_ON_AFTER(ctx, parse_encoding(ctx, v, &r->dialect.encoding));
	if ((v = ymap_get(map, "header_row")))
		GO_ON_AFTER(ctx, parse_header_row(ctx, v, &r->dialect.header_row));
	if ((v = ymap_get(map, "format")))
		GO_ON_AFTER(ctx, parse_format(ctx, v, &r->dialect.format));
	if ((v = ymap_get(map, "sheet")))
		GO_ON_AFTER(ctx, param_string(ctx, v, "sheet", &r->dialect.sheet));
	if ((v = ymap_get(map, "shard_by")))
		GO_ON_AFTER(ctx, param_string(ctx, v, "shard_by", &r->dialect.shard_by));
	return 0;
}



/* One separator character of `decimal` or `thousands`, from `allowed`. */
static int parse_separator(struct rules_ctx *ctx, const struct ynode *node, const char *key,
			   const char *allowed, const char *hint, char *out)
{
	const char *text;
	FORWARD_IF_ERROR(param_string(ctx, node, key, &text));
	if (strlen(text) != 1 || !strchr(allowed, text[0]))
		return rules_error(ctx, node, hint, "'%s' must be one character of \"%s\"", key,
				   allowed);
	*out = text[0];
	return 0;
}

/* decimal and thousands: how an integer or number column writes numbers. */
static int parse_number_style(struct rules_ctx *ctx, const struct ynode *map,
			      struct column_decl *col)
{
	const struct ynode *decimal = ymap_get(map, "decimal"), *thousands = ymap_get(map, "thousands");
	const struct ynode *given = decimal ? decimal : thousands;
	if (!given)
		return 0;
	if (col->type != VT_NUMBER && (col->type != VT_INTEGER || decimal))
		return rules_error(ctx, given, "decimal is for number columns, thousands for "
				   "integer and number columns",
				   "'%s' given for the %s column '%s'", decimal ? "decimal" : "thousands",
				   vtype_name(col->type), col->name);
	if (decimal)
		FORWARD_IF_ERROR(parse_separator(ctx, decimal, "decimal", ".,",
						 "write decimal: ',' for 1,5 or decimal: '.' for 1.5",
						 &col->number.decimal));
	if (thousands)
		FORWARD_IF_ERROR(parse_separator(ctx, thousands, "thousands", "., ",
						 "write thousands: '.' for 1.234, ',' for 1,234 or "
						 "' ' for 1 234", &col->number.thousands));
	char point = col->number.decimal ? col->number.decimal : '.';
	if (col->type == VT_NUMBER && col->number.thousands == point)
		return rules_error(ctx, thousands, "with decimal: ',' write thousands: '.', and the "
				   "other way round",
				   "'thousands' and 'decimal' are both '%c'", point);
	return 0;
}

static int parse_column(struct rules_ctx *ctx, const struct ynode *key,
			const struct ynode *value, struct column_decl *col)
{
	static const char *const keys[] = {"type", "format", "decimal", "thousands", "pii"};
	col->name = key->text;
	col->pos = key->pos;
	col->type = VT_STRING;
	col->number = NUMBER_STYLE_PLAIN;
	if (value->kind == YNODE_SCALAR)
		return param_type(ctx, value, &col->type);
	FORWARD_IF_ERROR(expect_kind(ctx, value, YNODE_MAP, key->text));
	FORWARD_IF_ERROR(expect_keys(ctx, value, "a column", keys, sizeof keys / sizeof *keys));
	const struct ynode *v;
	if ((v = ymap_get(value, "type")))
		FORWARD_IF_ERROR(param_type(ctx, v, &col->type));
	if ((v = ymap_get(value, "format"))) {
		if (col->type != VT_DATE)
			return rules_error(ctx, v, "only date columns take a format",
					   "'format' given for a %s column", vtype_name(col->type));
		FORWARD_IF_ERROR(rules_date_format(ctx, v, &col->format));
	}
	FORWARD_IF_ERROR(parse_number_style(ctx, value, col));
	if ((v = ymap_get(value, "pii")))
		FORWARD_IF_ERROR(param_bool(ctx, v, "pii", &col->pii));
	return 0;
}

static int parse_columns(struct rules_ctx *ctx, const struct ynode *map)
{
	struct dqa_rules *r = ctx->rules;
	FORWARD_IF_ERROR(expect_kind(ctx, map, YNODE_MAP, "columns"));
	r->columns = arena_alloc(&r->arena, (map->n + 1) * sizeof *r->columns);
	RETURN_IF_NOMEM(r->columns, ctx->err);
	/* a column with a mistake stays declared, as text: no second error
	 * at each check that names it */
	r->ncolumns = map->n;
	for (size_t i = 0; i < map->n; i++)
		GO_ON_AFTER(ctx, parse_column(ctx, ymap_key(map, i), ymap_value(map, i),
					      &r->columns[i]));
	return 0;
}

static int parse_percent(struct rules_ctx *ctx, const struct ynode *node, const char *what,
			 double *out)
{
	FORWARD_IF_ERROR(param_number(ctx, node, what, out));
	if (*out < 0 || *out > 100)
		return rules_error(ctx, node, "scores run from 0 to 100",
				   "'%s' must be between 0 and 100", what);
	/* min_ratio runs 0-1, so 0.9 here is a likely slip for 90. */
	if (*out > 0 && *out < 1)
		return rules_error(ctx, node, NULL, "'%s' %g: scores run 0\u2013100: did you mean %g?",
				   what, *out, *out * 100);
	return 0;
}

static int parse_scoring(struct rules_ctx *ctx, const struct ynode *map)
{
	static const char *const keys[] = {"weights", "warn_below", "fail_below"};
	struct dqa_rules *r = ctx->rules;
	FORWARD_IF_ERROR(expect_kind(ctx, map, YNODE_MAP, "scoring"));
	FORWARD_IF_ERROR(expect_keys(ctx, map, "scoring", keys, sizeof keys / sizeof *keys));
	const struct ynode *v;
	if ((v = ymap_get(map, "weights"))) {
		FORWARD_IF_ERROR(expect_kind(ctx, v, YNODE_MAP, "weights"));
		FORWARD_IF_ERROR(expect_keys(ctx, v, "weights", criterion_names, DQA_CRITERIA));
		for (int c = 0; c < DQA_CRITERIA; c++) {
			const struct ynode *w = ymap_get(v, criterion_names[c]);
			if (!w)
				continue;
			FORWARD_IF_ERROR(param_number(ctx, w, criterion_names[c], &r->weights[c]));
			if (r->weights[c] < 0)
				return rules_error(ctx, w, NULL, "weights must not be negative");
		}
	}
	if ((v = ymap_get(map, "warn_below")))
		FORWARD_IF_ERROR(parse_percent(ctx, v, "warn_below", &r->warn_below));
	if ((v = ymap_get(map, "fail_below")))
		FORWARD_IF_ERROR(parse_percent(ctx, v, "fail_below", &r->fail_below));
	if (r->fail_below > r->warn_below)
		return rules_error(ctx, v ? v : map, "a unit warns before it fails",
				   "fail_below (%g) is above warn_below (%g)", r->fail_below,
				   r->warn_below);
	return 0;
}

static int parse_version(struct rules_ctx *ctx, const struct ynode *v)
{
	if (!yscalar_eq(v, "1"))
		return rules_error(ctx, v, "this dqa reads rule files of version 1",
				   "unsupported rule-file version '%s'",
				   v->kind == YNODE_SCALAR ? v->text : "?");
	return 0;
}

/* The folder of path, "" for a bare file name. */
static const char *dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return "";
	return slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
}

const char *path_stem(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strchr(base, '.');
	return arena_strndup(a, base, dot ? (size_t)(dot - base) : strlen(base));
}

static int add_implicit_checks(struct rules_ctx *ctx)
{
	struct check *c = arena_alloc(&ctx->rules->arena, sizeof *c);
	RETURN_IF_NOMEM(c, ctx->err);
	*c = (struct check){.ops = &check_structure, .criterion = DQA_CORRECT,
			    .id = "correct.structure", .weight = 1, .min_ratio = 1,
			    .counts = "rows"};
	FORWARD_IF_ERROR(rules_add_check(ctx, c, NULL));
	if (!ctx->rules->allow_blank_rows) {
		RETURN_IF_NOMEM(c = arena_alloc(&ctx->rules->arena, sizeof *c), ctx->err);
		*c = (struct check){.ops = &check_blank_rows, .criterion = DQA_CLEAN,
				    .id = "clean.blank_rows", .weight = 1, .min_ratio = 1,
				    .counts = "rows"};
		FORWARD_IF_ERROR(rules_add_check(ctx, c, NULL));
	}
	if (!encoding_is_utf8(ctx->rules->dialect.encoding))
		return 0;   /* transcoding makes valid UTF-8 of every byte or fails */
	RETURN_IF_NOMEM(c = arena_alloc(&ctx->rules->arena, sizeof *c), ctx->err);
	*c = (struct check){.ops = &check_encoding, .criterion = DQA_CLEAN,
			    .id = "clean.encoding", .weight = 1, .min_ratio = 1,
			    .counts = "rows"};
	return rules_add_check(ctx, c, NULL);
}

static int parse_root(struct rules_ctx *ctx, const struct ynode *root)
{
	static const char *const keys[] = {"version", "dataset", "columns", "correct",
					   "sufficient", "clean", "alive", "unified",
					   "shared", "scoring", "limits", "source"};
	if (root->kind != YNODE_MAP)
		return rules_error(ctx, root, "start with 'version: 1' and a 'dataset:' section",
				   "a rule file must be a mapping, not %s",
				   ynode_kind_name(root->kind));
	GO_ON_AFTER(ctx, expect_keys(ctx, root, "a rule file", keys, sizeof keys / sizeof *keys));
	const struct ynode *v = ymap_get(root, "version");
	if (!v)
		return rules_error(ctx, root, "add 'version: 1' at the top",
				   "missing 'version'");
	FORWARD_IF_ERROR(parse_version(ctx, v));
	/* Limits first: reference files named below are read within them. */
	if ((v = ymap_get(root, "limits")))
		GO_ON_AFTER(ctx, limits_parse(ctx, v, &ctx->rules->limits));
	if (!(v = ymap_get(root, "dataset")))
		GO_ON_AFTER(ctx, rules_error(ctx, root, "add a 'dataset:' section with at least "
					     "a name", "missing 'dataset'"));
	else
		GO_ON_AFTER(ctx, parse_dataset(ctx, v));
	if ((v = ymap_get(root, "source")))
		GO_ON_AFTER(ctx, source_parse(ctx, v));
	if ((v = ymap_get(root, "columns")))
		GO_ON_AFTER(ctx, parse_columns(ctx, v));
	/* Scoring first: check parsing does not need it, but a bad threshold
	 * is cheaper to report before anything is loaded. */
	if ((v = ymap_get(root, "scoring")))
		GO_ON_AFTER(ctx, parse_scoring(ctx, v));
	for (int c = 0; c < DQA_CRITERIA; c++)
		if ((v = ymap_get(root, criterion_names[c])))
			GO_ON_AFTER(ctx, rules_parse_checks(ctx, (dqa_criterion)c, v));
	return add_implicit_checks(ctx);
}

/* The mistakes found, in file order, into errors[0, cap); a failure that
 * stopped loading (rc, in *stop) comes last. */
static size_t report_mistakes(struct rule_mistakes *m, int rc, const dqa_error *stop,
			      dqa_error *errors, size_t cap)
{
	rule_mistakes_sort(m);
	size_t n = 0;
	for (size_t i = 0; i < m->n && n < cap; i++)
		errors[n++] = m->items[i];
	if (rc < 0 && n < cap)
		errors[n] = *stop;
	return m->found + (rc < 0);
}

int dqa_rules_load_all(dqa_rules **out, const char *path, dqa_error *errors, size_t cap,
		       size_t *nfound)
{
	ASSERT(cap > 0);
	*out = NULL;
	*nfound = 0;
	struct dqa_rules *r = calloc(1, sizeof *r);
	RETURN_IF_NOMEM(r, errors);
	r->path = arena_strdup(&r->arena, path);
	r->dir = r->path ? dir_of(&r->arena, r->path) : NULL;
	r->name = r->path ? path_stem(&r->arena, r->path) : NULL;
	if (!r->path || !r->dir || !r->name) {
		dqa_rules_free(r);
		*nfound = 1;
		return error_nomem(errors);
	}
	r->dialect = (struct dialect)DIALECT_INIT;
	r->limits = limits_default;
	r->dialect.limits = &r->limits;
	r->header = true;
	for (int c = 0; c < DQA_CRITERIA; c++)
		r->weights[c] = 1;
	r->warn_below = 90;
	r->fail_below = 75;
	r->map_tolerance = MAP_TOLERANCE_DEFAULT;
	dqa_error stop = {0};
	struct rule_mistakes mistakes = {0};
	struct rules_ctx ctx = {r, &stop, &mistakes};
	int rc = ydoc_load(&r->doc, path, &stop);
	if (rc == 0 && (rc = parse_root(&ctx, r->doc.root)) < 0)
		ydoc_excerpt(&r->doc, &stop);
	if (rc < 0 || mistakes.found) {
		*nfound = report_mistakes(&mistakes, rc, &stop, errors, cap);
		rule_mistakes_release(&mistakes);
		dqa_rules_free(r);
		return rc < 0 ? rc : DQA_ERULES;
	}
	*out = r;
	return 0;
}

int dqa_rules_load(dqa_rules **out, const char *path, dqa_error *err)
{
	size_t found;
	return dqa_rules_load_all(out, path, err, 1, &found);
}

int dqa_rules_source(const dqa_rules *rules, const char **uri)
{
	*uri = rules->source;
	return 0;
}

const char *dqa_rules_dataset_name(const dqa_rules *rules)
{
	return rules->name;
}

size_t dqa_rules_check_count(const dqa_rules *rules)
{
	size_t n = 0;
	for (size_t i = 0; i < rules->nchecks; i++)
		n += !rules->checks[i]->ops->implicit;
	return n;
}

void dqa_rules_free(dqa_rules *rules)
{
	if (!rules)
		return;
	for (size_t i = 0; i < rules->nchecks; i++) {
		if (rules->checks[i]->ops->release)
			rules->checks[i]->ops->release(rules->checks[i]);
		/* idempotent: checks expanded per column share one filter */
		expr_release(rules->checks[i]->where);
	}
	unit_path_release(rules->unit_path);
	geo_map_release(&rules->map);
	ydoc_release(&rules->doc);
	arena_release(&rules->arena);
	free(rules);
}
