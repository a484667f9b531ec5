/* correct.regex: a PCRE2 pattern (UTF, JIT-compiled once) must match
 * somewhere in the value; anchor it with ^...$ to match the whole value.
 * A simple pattern such as '^0[0-9]{9}$' runs on regex_simple instead. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>

#include "check.h"
#include "../util/regex_simple.h"

struct regex_config {
	pcre2_code *code;
	pcre2_match_context *mctx;
	bool jit;
	struct regex_shortcut shortcut;
};

static int regex_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	const struct ynode *v = ymap_get(map, "pattern");
	if (!v)
		return rules_error_pos(ctx, c->pos, "add pattern: '^...$'", "'regex' needs a pattern");
	const char *pattern;
	FORWARD_IF_ERROR(param_string(ctx, v, "pattern", &pattern));
	struct regex_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	int errcode;
	PCRE2_SIZE offset;
	cfg->code = pcre2_compile((PCRE2_SPTR)pattern, v->len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
				  &errcode, &offset, NULL);
	if (!cfg->code) {
		char message[256];
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)message, sizeof message);
		struct dqa_pos pos = yscalar_pos_at(v, offset);
		pos.span = 1;
		return rules_error_pos(ctx, pos, "PCRE2 syntax; test the pattern with pcre2test",
				       "bad regex at offset %zu: %s", (size_t)offset, message);
	}
	c->config = cfg;
	RETURN_IF_NOMEM(regex_shortcut_init(&cfg->shortcut, &ctx->rules->arena, pattern, v->len,
					    ctx->rules->limits.regex_match,
					    ctx->rules->limits.regex_depth) ? cfg : NULL,
			ctx->err);
	cfg->jit = pcre2_jit_compile(cfg->code, PCRE2_JIT_COMPLETE) == 0;
	cfg->mctx = pcre2_match_context_create(NULL);
	RETURN_IF_NOMEM(cfg->mctx, ctx->err);
	/* Bounds a runaway pattern: the row fails with a note instead of hanging. */
	pcre2_set_match_limit(cfg->mctx, ctx->rules->limits.regex_match);
	pcre2_set_depth_limit(cfg->mctx, ctx->rules->limits.regex_depth);
	return 0;
}

static int regex_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	const struct regex_config *cfg = b->def->config;
	b->state = pcre2_match_data_create_from_pattern(cfg->code, NULL);
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

static bool regex_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct regex_config *cfg = b->def->config;
	int col = b->cols[0];
	bool matched;
	if (regex_shortcut_try(&cfg->shortcut, row->fields[col], row->lens[col], &matched))
		return matched;
	PCRE2_SPTR subject = (PCRE2_SPTR)row->fields[col];
	int rc = cfg->jit
		? pcre2_jit_match(cfg->code, subject, row->lens[col], 0, 0, b->state, cfg->mctx)
		: pcre2_match(cfg->code, subject, row->lens[col], 0, 0, b->state, cfg->mctx);
	if (rc >= 0)
		return true;
	if (rc != PCRE2_ERROR_NOMATCH && note) {
		char message[200];
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)message, sizeof message);
		snprintf(note, cap, "regex error: %s", message);
	}
	return false;
}

static void regex_unbind(struct bound_check *b)
{
	pcre2_match_data_free(b->state);
}

static void regex_release(struct check *c)
{
	struct regex_config *cfg = c->config;
	if (!cfg)
		return;
	pcre2_code_free(cfg->code);
	pcre2_match_context_free(cfg->mctx);
}

static const char *const regex_params[] = {"pattern", NULL};

const struct check_ops check_regex = {
	.kind = "regex", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = regex_params, .configure = regex_configure, .bind = regex_bind,
	.row = regex_row, .unbind = regex_unbind, .release = regex_release,
};
