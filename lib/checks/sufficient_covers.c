/* sufficient.covers: every code of a reference list (PATH#COLUMN or a YAML
 * list) occurs at least once in the column, e.g. every ward has at least one
 * facility. Dataset scope: evaluated = codes, failed = codes never seen;
 * every unit gets the same counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../state/codec.h"

/* Missing codes named in the note before "...". */
enum { NOTE_CODES = 10 };

struct covers_config {
	struct ref_table codes;        /* value: ordinal; ordered: codes in order */
};

static int covers_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "ref");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add ref: refs/wards.csv#code",
				       "'covers' needs ref");
	struct covers_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	if (v->kind != YNODE_SEQ)
		return param_csv_column(ctx, v, "ref", &cfg->codes, true);
	const char **list;
	size_t n;
	FORWARD_IF_ERROR(param_string_list(ctx, v, "ref", &list, &n));
	cfg->codes.ordered = arena_alloc(&ctx->rules->arena, n * sizeof *list);
	RETURN_IF_NOMEM(cfg->codes.ordered, ctx->err);
	for (size_t i = 0; i < n; i++) {
		uint64_t ordinal = cfg->codes.n;
		int added = strset_put(&cfg->codes.keys, list[i], strlen(list[i]), &ordinal);
		RETURN_NOMEM_UNLESS(added >= 0, ctx->err);
		if (added)
			cfg->codes.ordered[cfg->codes.n++] = list[i];
	}
	return 0;
}

/* state: one flag per code, set when the code was seen. */
static int covers_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	const struct covers_config *cfg = b->def->config;
	b->state = calloc(cfg->codes.n + 1, 1);
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

static void covers_observe(struct bound_check *b, const struct plan_row *row)
{
	const struct covers_config *cfg = b->def->config;
	int col = b->cols[0];
	uint64_t ordinal;
	if (strset_get(&cfg->codes.keys, row->fields[col], row->lens[col], &ordinal))
		((unsigned char *)b->state)[ordinal] = 1;
}

static int covers_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	(void)err;
	const struct covers_config *cfg = into->def->config;
	unsigned char *seen = into->state;
	const unsigned char *more = from->state;
	for (size_t i = 0; i < cfg->codes.n; i++)
		seen[i] |= more[i];
	return 0;
}

/* The seen flags, one byte each (a state file has few codes). */
static void covers_save(const struct bound_check *b, struct strbuf *out)
{
	const struct covers_config *cfg = b->def->config;
	state_put_bytes(out, b->state, cfg->codes.n);
}

static int covers_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	(void)units, (void)nunits, (void)err;
	const struct covers_config *cfg = b->def->config;
	size_t n;
	const unsigned char *seen = state_get_bytes(in, &n);
	in->bad |= n != cfg->codes.n;
	for (size_t i = 0; i < n && !in->bad; i++) {
		in->bad |= seen[i] > 1;
		((unsigned char *)b->state)[i] = seen[i];
	}
	return 0;
}

static int covers_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct covers_config *cfg = b->def->config;
	const unsigned char *seen = b->state;
	uint64_t codes = 0, missing = 0;
	char note[512];
	size_t len = 0;
	for (size_t i = 0; i < cfg->codes.n; i++) {
		/* An empty cell in a code list is no code to cover. */
		if (!cfg->codes.ordered[i][0])
			continue;
		codes++;
		if (seen[i])
			continue;
		missing++;
		if (missing <= NOTE_CODES && len < sizeof note)
			len += (size_t)snprintf(note + len, sizeof note - len, "%s'%s'",
						missing > 1 ? ", " : "never seen: ",
						cfg->codes.ordered[i]);
	}
	if (missing > NOTE_CODES && len < sizeof note)
		snprintf(note + len, sizeof note - len, " and %llu more",
			 (unsigned long long)(missing - NOTE_CODES));
	return check_tally_all(b, plan, codes, missing, missing ? note : NULL, err);
}

static void covers_unbind(struct bound_check *b)
{
	free(b->state);
}

static void covers_release(struct check *c)
{
	if (c->config)
		ref_table_release(&((struct covers_config *)c->config)->codes);
}

static const char *const covers_params[] = {"ref", NULL};

const struct check_ops check_covers = {
	.kind = "covers", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "codes", .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = covers_params, .configure = covers_configure, .bind = covers_bind,
	.observe = covers_observe, .merge = covers_merge, .save = covers_save,
	.load = covers_load, .dataset = covers_dataset,
	.unbind = covers_unbind, .release = covers_release,
};
