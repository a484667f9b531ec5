/* Reference lists named in a rule file as PATH#COLUMN: a column of a CSV
 * file (gzip allowed), read once when the rules load. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "strset.h"

struct ref_load {
	struct rules_ctx *ctx;
	const struct ynode *at;
	const char *column;
	int col;                 /* -1 until the header is read */
	struct strset *values;
	bool keep_order;         /* also list distinct values in file order */
	const char **ordered;
	size_t n, cap;
};

static int on_ref_record(void *opaque, const struct record *rec)
{
	struct ref_load *l = opaque;
	if (l->col < 0) {
		for (size_t i = 0; i < rec->n && l->col < 0; i++)
			if (strcmp(rec->fields[i], l->column) == 0)
				l->col = (int)i;
		if (l->col >= 0)
			return 0;
		char hint[256] = "the reference file has no header row";
		if (rec->n) {
			size_t len = (size_t)snprintf(hint, sizeof hint, "its header has:");
			for (size_t i = 0; i < rec->n && len < sizeof hint; i++)
				len += (size_t)snprintf(hint + len, sizeof hint - len, " %s",
							rec->fields[i]);
		}
		return rules_error(l->ctx, l->at, hint, "no column '%s' in the reference file",
				   l->column);
	}
	if ((size_t)l->col >= rec->n)
		return 0;
	const char *value = rec->fields[l->col];
	size_t len = rec->lens[l->col];
	int added = strset_put(l->values, value, len, NULL);
	if (added < 0)
		return dqa_fail(l->ctx->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	if (added && l->keep_order) {
		struct arena *a = &l->ctx->rules->arena;
		if (arena_reserve(a, (void **)&l->ordered, &l->cap, l->n, sizeof *l->ordered) < 0 ||
		    !(l->ordered[l->n] = arena_strndup(a, value, len)))
			return dqa_fail(l->ctx->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
					"out of memory");
		l->n++;
	}
	return 0;
}

int param_csv_column(struct rules_ctx *ctx, const struct ynode *node, const char *what,
		     struct strset *values, const char ***ordered, size_t *n)
{
	const char *spec;
	FORWARD_IF_ERROR(param_string(ctx, node, what, &spec));
	const char *hash = strrchr(spec, '#');
	if (!hash || hash == spec || !hash[1])
		return rules_error(ctx, node, "write PATH#COLUMN, e.g. refs/wards.csv#code",
				   "'%s' must name a CSV file and a column", what);
	struct arena *a = &ctx->rules->arena;
	const char *file = arena_strndup(a, spec, (size_t)(hash - spec));
	RETURN_IF_NOMEM(file, ctx->err);
	const char *path = rules_path(ctx, file);
	RETURN_IF_NOMEM(path, ctx->err);
	struct ref_load l = {ctx, node, hash + 1, -1, values, ordered != NULL, NULL, 0, 0};
	struct dialect dialect = DIALECT_INIT;
	int rc = reader_scan(path, &dialect, on_ref_record, &l, ctx->err);
	if (rc == DQA_EINPUT) {
		/* A reference file is part of the rule set: report it at the rule. */
		char message[sizeof ctx->err->message];
		if (ctx->err->line)
			snprintf(message, sizeof message, "%s:%u: %s", ctx->err->file,
				 ctx->err->line, ctx->err->message);
		else
			snprintf(message, sizeof message, "%s: %s", ctx->err->file,
				 ctx->err->message);
		return rules_error(ctx, node, "paths are relative to the rule file",
				   "cannot read reference %s", message);
	}
	FORWARD_IF_ERROR(rc);
	if (l.col < 0)
		return rules_error(ctx, node, NULL, "the reference file '%s' is empty", path);
	if (ordered) {
		*ordered = l.ordered;
		*n = l.n;
	}
	return 0;
}
