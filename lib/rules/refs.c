/* Other CSV files named in a rule file (reference lists, other datasets,
 * master registers): a key column, optionally paired with a second column,
 * read once when the rules load (gzip allowed). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "../util/strset.h"

struct ref_load {
	struct rules_ctx *ctx;
	const struct ref_source *src;
	int col, paired_col;     /* -1 until the header is read */
	struct ref_table *out;
	size_t cap;
	const char *path;        /* as resolved, for messages */
};

static int header_col(const struct record *rec, const char *name)
{
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(rec->fields[i], name) == 0)
			return (int)i;
	return -1;
}

static int no_column(struct ref_load *l, const struct record *rec, const char *name,
		     const struct ynode *at)
{
	char hint[256] = "the file has no header row";
	if (rec->n) {
		size_t len = (size_t)snprintf(hint, sizeof hint, "its header has:");
		for (size_t i = 0; i < rec->n && len < sizeof hint; i++)
			len += (size_t)snprintf(hint + len, sizeof hint - len, " %s", rec->fields[i]);
	}
	return rules_error(l->ctx, at, hint, "no column '%s' in the %s", name, l->src->noun);
}

static int read_header(struct ref_load *l, const struct record *rec)
{
	const struct ref_source *src = l->src;
	if ((l->col = header_col(rec, src->column)) < 0)
		return no_column(l, rec, src->column, src->column_at);
	if (src->paired && (l->paired_col = header_col(rec, src->paired)) < 0)
		return no_column(l, rec, src->paired, src->paired_at);
	return 0;
}

static int on_ref_record(void *opaque, const struct record *rec)
{
	struct ref_load *l = opaque;
	if (l->col < 0)
		return read_header(l, rec);
	if ((size_t)l->col >= rec->n)
		return 0;
	struct arena *a = &l->ctx->rules->arena;
	const char *value = rec->fields[l->col];
	size_t len = rec->lens[l->col];
	/* The paired value is kept as a pointer into the rules' arena; without
	 * one, the value's ordinal among the distinct values. */
	uint64_t paired = l->out->keys.count;
	if (l->paired_col >= 0) {
		bool present = (size_t)l->paired_col < rec->n;
		const char *s = arena_strndup(a, present ? rec->fields[l->paired_col] : "",
					      present ? rec->lens[l->paired_col] : 0);
		RETURN_IF_NOMEM(s, l->ctx->err);
		paired = (uint64_t)(uintptr_t)s;
	}
	int added = strset_put(&l->out->keys, value, len, &paired);
	RETURN_NOMEM_UNLESS(added >= 0, l->ctx->err);
	size_t max_values = l->ctx->rules->limits.max_ref_values;
	if (added && l->out->keys.count > max_values)
		return error_at(l->ctx->err, DQA_EINPUT, l->path, (struct dqa_pos){(unsigned)rec->line, 1, 1},
				NULL, "more than %zu distinct values (limits: max_ref_values)",
				max_values);
	if (added && l->src->keep_order) {
		if (arena_reserve(a, (void **)&l->out->ordered, &l->cap, l->out->n,
				  sizeof *l->out->ordered) < 0 ||
		    !(l->out->ordered[l->out->n] = arena_strndup(a, value, len)))
			return error_nomem(l->ctx->err);
		l->out->n++;
	}
	return 0;
}

int rules_input_error(struct rules_ctx *ctx, int rc, const struct ynode *at, const char *noun)
{
	if (rc != DQA_EINPUT)
		return rc;
	char message[sizeof ctx->err->message];
	if (ctx->err->line)
		snprintf(message, sizeof message, "%s:%u: %s", ctx->err->file, ctx->err->line,
			 ctx->err->message);
	else
		snprintf(message, sizeof message, "%s: %s", ctx->err->file, ctx->err->message);
	return rules_error(ctx, at, "paths are relative to the rule file", "cannot read %s %s",
			   noun, message);
}

int rules_load_ref(struct rules_ctx *ctx, const struct ref_source *src, struct ref_table *out)
{
	const char *path = rules_path(ctx, src->path);
	RETURN_IF_NOMEM(path, ctx->err);
	FORWARD_IF_ERROR(rules_note_file(ctx, path, src->at ? src->at->pos : (struct dqa_pos){1, 1, 1}));
	struct ref_load l = {ctx, src, -1, -1, out, 0, path};
	struct dialect dialect = DIALECT_INIT;
	dialect.limits = &ctx->rules->limits;
	int rc = reader_scan(path, &dialect, on_ref_record, &l, ctx->err);
	if (rc < 0)
		ref_table_release(out);
	FORWARD_IF_ERROR(rules_input_error(ctx, rc, src->at, src->noun));
	if (l.col < 0)
		return rules_error(ctx, src->at, NULL, "the %s '%s' is empty", src->noun, path);
	return 0;
}

int param_csv_spec(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		   const char **path, const char **column)
{
	const char *spec;
	FORWARD_IF_ERROR(param_string(ctx, node, what, &spec));
	const char *hash = strrchr(spec, '#');
	if (!hash || hash == spec || !hash[1])
		return rules_error(ctx, node, "write PATH#COLUMN, e.g. refs/wards.csv#code",
				   "'%s' must name a CSV file and a column", what);
	*path = arena_strndup(&ctx->rules->arena, spec, (size_t)(hash - spec));
	RETURN_IF_NOMEM(*path, ctx->err);
	*column = hash + 1;
	return 0;
}

int param_csv_column(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		     struct ref_table *out, bool keep_order)
{
	struct ref_source src = {.noun = "reference file", .at = node, .column_at = node,
				 .keep_order = keep_order};
	FORWARD_IF_ERROR(param_csv_spec(ctx, node, what, &src.path, &src.column));
	return rules_load_ref(ctx, &src, out);
}

void ref_table_release(struct ref_table *t)
{
	strset_release(&t->keys);
}
