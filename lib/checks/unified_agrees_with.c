/* unified.agrees_with: an attribute agrees with another dataset, joined by
 * key (e.g. the birth date in the health register equals the one in the
 * citizen register). The other dataset's key and attribute columns are read
 * once with the rules (gzip allowed; first row of a key wins). A row whose
 * key is not there is skipped or fails (`missing`); each unit's note gives
 * its match, mismatch and missing-key counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "per_unit.h"
#include "../state/codec.h"
#include "../util/timeparse.h"
#include "../util/values.h"

struct agrees_config {
	struct ref_table other;        /* key -> the other's attribute */
	const char *other_name;        /* the file as written in the rule */
	bool missing_fails;
	bool typed;
	enum vtype type;
	const char *format, *with_format;  /* dates */
	struct number_style number;    /* this column's; the other's is plain */
};

struct agree_counts {
	uint64_t matched, mismatched, missing;
};

struct agrees_state {
	struct per_unit units;         /* struct agree_counts */
	const char *other_value;       /* of the row `applies` just looked up */
};

static int read_type(struct rules_ctx *ctx, struct check *c, const struct ynode *map,
		     struct agrees_config *cfg)
{
	const struct ynode *with_type = ymap_get(map, "with_type");
	const struct ynode *with_format = ymap_get(map, "with_format");
	if (!with_type && !with_format)
		return 0;
	const struct column_decl *decl = rules_column(ctx->rules, c->cols[0].name);
	const char *type;
	if (with_type)
		FORWARD_IF_ERROR(param_string(ctx, with_type, "with_type", &type));
	else
		type = "date";
	if (!decl || decl->type == VT_STRING)
		return rules_error(ctx, with_type ? with_type : with_format,
				   "declare the column's type under columns, or compare text",
				   "typed comparison needs a typed column '%s'", c->cols[0].name);
	if (strcmp(type, vtype_name(decl->type)) != 0)
		return rules_error(ctx, with_type ? with_type : with_format, NULL,
				   "'%s' is declared %s, the other column %s", c->cols[0].name,
				   vtype_name(decl->type), type);
	cfg->typed = true;
	cfg->type = decl->type;
	cfg->format = decl->format;
	cfg->number = decl->number;
	if (with_format)
		FORWARD_IF_ERROR(rules_date_format(ctx, with_format, &cfg->with_format));
	return 0;
}

static int read_missing(struct rules_ctx *ctx, const struct ynode *map, struct agrees_config *cfg)
{
	const struct ynode *v = ymap_get(map, "missing");
	if (!v || yscalar_eq(v, "skip"))
		return 0;
	if (!yscalar_eq(v, "fail"))
		return rules_error(ctx, v, "skip leaves such rows out, fail counts them as failed",
				   "'missing' must be skip or fail");
	cfg->missing_fails = true;
	return 0;
}

static int agrees_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	static const char *const required[] = {"key", "with", "with_key", "with_column"};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!ymap_get(map, required[i]))
			return rules_error_pos(ctx, c->pos,
					       "e.g. {column: birth_date, key: citizen_id, with: "
					       "people.csv.gz, with_key: id, with_column: dob}",
					       "'agrees_with' needs %s", required[i]);
	struct agrees_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	/* The key is a second data column: resolved, and shown in samples. */
	struct colref *cols = arena_alloc(&ctx->rules->arena, 2 * sizeof *cols);
	RETURN_IF_NOMEM(cols, ctx->err);
	const struct ynode *key = ymap_get(map, "key");
	cols[0] = c->cols[0];
	cols[1].pos = key->pos;
	FORWARD_IF_ERROR(param_string(ctx, key, "key", &cols[1].name));
	c->cols = cols;
	c->ncols = 2;
	FORWARD_IF_ERROR(read_missing(ctx, map, cfg));
	FORWARD_IF_ERROR(read_type(ctx, c, map, cfg));
	const struct ynode *with = ymap_get(map, "with");
	struct ref_source src = {.noun = "other dataset", .at = with,
				 .column_at = ymap_get(map, "with_key"),
				 .paired_at = ymap_get(map, "with_column")};
	FORWARD_IF_ERROR(param_string(ctx, with, "with", &src.path));
	FORWARD_IF_ERROR(param_string(ctx, src.column_at, "with_key", &src.column));
	FORWARD_IF_ERROR(param_string(ctx, src.paired_at, "with_column", &src.paired));
	cfg->other_name = src.path;
	return rules_load_ref(ctx, &src, &cfg->other);
}

static int agrees_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	struct agrees_state *s = calloc(1, sizeof *s);
	RETURN_IF_NOMEM(s, err);
	s->units = (struct per_unit)PER_UNIT_INIT(struct agree_counts);
	b->state = s;
	return 0;
}

/* Looks the key up; counts a missing key, and skips its row unless missing
 * keys fail. */
static bool agrees_applies(struct bound_check *b, const struct plan_row *row)
{
	const struct agrees_config *cfg = b->def->config;
	struct agrees_state *s = b->state;
	int key = b->cols[1];
	uint64_t found;
	/* An empty key joins nothing, even an empty key over there. */
	bool present = row->lens[key] &&
		       strset_get(&cfg->other.keys, row->fields[key], row->lens[key], &found);
	s->other_value = present ? (const char *)(uintptr_t)found : NULL;
	if (!present) {
		struct agree_counts *n = per_unit_at(&s->units, row->unit);
		if (n)
			n->missing++;
	}
	return present || cfg->missing_fails;
}

static bool truth(const char *s, size_t len)
{
	return (len == 4 && strncasecmp(s, "true", 4) == 0) ||
	       (len == 3 && strncasecmp(s, "yes", 3) == 0) || (len == 1 && s[0] == '1');
}

static bool same_value(const struct agrees_config *cfg, const char *mine, size_t len,
		       const char *other)
{
	size_t other_len = strlen(other);
	if (!cfg->typed)
		return len == other_len && memcmp(mine, other, len) == 0;
	int64_t ia, ib;
	double da, db;
	switch (cfg->type) {
	case VT_DATE:
		return time_parse_as(cfg->format, mine, len, &ia) &&
		       time_parse_as(cfg->with_format, other, other_len, &ib) && ia == ib;
	case VT_INTEGER:
		return value_integer_in(cfg->number, mine, len, &ia) &&
		       value_integer(other, other_len, &ib) &&
		       ia == ib;
	case VT_NUMBER:
		return value_number_in(cfg->number, mine, len, &da) &&
		       value_number(other, other_len, &db) &&
		       da == db;
	case VT_BOOLEAN:
		return value_boolean(mine, len) && value_boolean(other, other_len) &&
		       truth(mine, len) == truth(other, other_len);
	default:
		return len == other_len && memcmp(mine, other, len) == 0;
	}
}

static bool agrees_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct agrees_config *cfg = b->def->config;
	struct agrees_state *s = b->state;
	int col = b->cols[0];
	if (!s->other_value) {
		if (note)
			snprintf(note, cap, "key not in %s", cfg->other_name);
		return false;
	}
	bool same = same_value(cfg, row->fields[col], row->lens[col], s->other_value);
	struct agree_counts *n = per_unit_at(&s->units, row->unit);
	if (n)
		*(same ? &n->matched : &n->mismatched) += 1;
	if (!same && note) {
		if (plan_column_pii(b->plan, col))
			snprintf(note, cap, "differs from %s", cfg->other_name);
		else
			snprintf(note, cap, "%s has '%s'", cfg->other_name, s->other_value);
	}
	return same;
}

static int agrees_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct agrees_state *s = into->state;
	const struct agrees_state *more = from->state;
	for (size_t u = 0; u < more->units.n; u++) {
		const struct agree_counts *m = per_unit_get(&more->units, u);
		struct agree_counts *n = per_unit_at(&s->units, u);
		RETURN_IF_NOMEM(n, err);
		n->matched += m->matched;
		n->mismatched += m->mismatched;
		n->missing += m->missing;
	}
	return 0;
}

static bool counted(const struct agree_counts *n)
{
	return n->matched || n->mismatched || n->missing;
}

/* The units with counts, each with its three. */
static void agrees_save(const struct bound_check *b, struct strbuf *out)
{
	const struct agrees_state *s = b->state;
	size_t used = 0;
	for (size_t u = 0; u < s->units.n; u++)
		used += counted(per_unit_get(&s->units, u));
	state_put_u64(out, used);
	for (size_t u = 0; u < s->units.n; u++) {
		const struct agree_counts *n = per_unit_get(&s->units, u);
		if (!counted(n))
			continue;
		state_put_u64(out, u);
		state_put_u64(out, n->matched);
		state_put_u64(out, n->mismatched);
		state_put_u64(out, n->missing);
	}
}

static int agrees_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	struct agrees_state *s = b->state;
	size_t used = state_get_count(in, 4);
	for (size_t i = 0; i < used && !in->bad; i++) {
		size_t u = state_get_unit(in, units, nunits);
		struct agree_counts c;
		c.matched = state_get_u64(in);
		c.mismatched = state_get_u64(in);
		c.missing = state_get_u64(in);
		if (in->bad)
			break;
		struct agree_counts *into = per_unit_at(&s->units, u);
		RETURN_IF_NOMEM(into, err);
		*into = c;
	}
	return 0;
}

/* After the scan: each unit's note gives the three counts. */
static int agrees_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct agrees_config *cfg = b->def->config;
	const struct agrees_state *s = b->state;
	if (s->units.failed)
		return error_nomem(err);
	for (size_t u = 0; u < plan->nunits; u++) {
		const struct agree_counts *n = per_unit_get(&s->units, u);
		if (!plan->unit_rows[u] || !n || (!n->mismatched && !n->missing))
			continue;
		char note[256];
		snprintf(note, sizeof note, "%llu match%s, %llu mismatch%s, %llu key%s missing "
			 "from %s (%s)", (unsigned long long)n->matched, n->matched == 1 ? "" : "es",
			 (unsigned long long)n->mismatched, n->mismatched == 1 ? "" : "es",
			 (unsigned long long)n->missing, n->missing == 1 ? "" : "s",
			 cfg->other_name, cfg->missing_fails ? "failed" : "skipped");
		struct tally *t = plan_tally(plan, u, b->index);
		RETURN_IF_NOMEM(t->note = arena_strdup(plan->out, note), err);
	}
	return 0;
}

static void agrees_unbind(struct bound_check *b)
{
	struct agrees_state *s = b->state;
	per_unit_release(&s->units);
	free(s);
}

static void agrees_release(struct check *c)
{
	if (c->config)
		ref_table_release(&((struct agrees_config *)c->config)->other);
}

static const char *const agrees_params[] = {
	"key", "with", "with_key", "with_column", "missing", "with_type", "with_format", NULL,
};

const struct check_ops check_agrees_with = {
	.kind = "agrees_with", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = agrees_params, .configure = agrees_configure, .bind = agrees_bind,
	.applies = agrees_applies, .row = agrees_row, .merge = agrees_merge,
	.save = agrees_save, .load = agrees_load,
	.dataset = agrees_dataset, .unbind = agrees_unbind, .release = agrees_release,
};
