/* clean.no_control_chars: the value holds no control character: C0
 * (U+0000-U+001F) except those allowed (by default tab), DEL (U+007F) and
 * C1 (U+0080-U+009F, as UTF-8). Bytes that are not valid UTF-8 are left to
 * the utf8 check. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "../util/values.h"

/* C0 controls that `allow` may name. */
static const struct {
	const char *name;
	unsigned char c;
} allowable[] = {
	{"tab", '\t'},
	{"newline", '\n'},
	{"carriage_return", '\r'},
};

enum { NALLOWABLE = sizeof allowable / sizeof *allowable, C1_LEAD = 0xC2, DEL = 0x7F };

struct control_config {
	uint32_t allowed;             /* bit c set: C0 control c passes */
};

static int control_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct control_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->allowed = 1u << '\t';
	const struct ynode *v = map ? ymap_get(map, "allow") : NULL;
	if (!v)
		return 0;
	if (v->kind != YNODE_SEQ && v->kind != YNODE_SCALAR)
		return rules_error(ctx, v, "e.g. allow: [tab, newline]",
				   "'allow' must be a list of control character names");
	cfg->allowed = 0;
	size_t n = v->kind == YNODE_SEQ ? v->n : 1;
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = v->kind == YNODE_SEQ ? v->items[i] : v;
		size_t k = 0;
		while (k < NALLOWABLE && !yscalar_eq(item, allowable[k].name))
			k++;
		if (k == NALLOWABLE)
			return rules_error(ctx, item, "allow takes tab, newline, carriage_return",
					   "unknown control character name '%s'",
					   item->kind == YNODE_SCALAR ? item->text : "?");
		cfg->allowed |= 1u << allowable[k].c;
	}
	return 0;
}

static bool control_row(struct bound_check *b, const struct plan_row *row, char *note,
			size_t cap)
{
	const struct control_config *cfg = b->def->config;
	int col = b->cols[0];
	const unsigned char *s = (const unsigned char *)row->fields[col];
	size_t len = row->lens[col];
	for (size_t i = 0; i < len; i++) {
		unsigned code;
		if (s[i] < 0x20 && !(cfg->allowed >> s[i] & 1))
			code = s[i];
		else if (s[i] == DEL)
			code = DEL;
		else if (s[i] == C1_LEAD && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			code = s[i + 1];
		else
			continue;
		if (note)
			snprintf(note, cap, "U+%04X at character %zu", code,
				 utf8_length((const char *)s, i) + 1);
		return false;
	}
	return true;
}

static const char *const control_params[] = {"allow", NULL};

const struct check_ops check_no_control_chars = {
	.kind = "no_control_chars", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN,
	.params = control_params, .configure = control_configure, .row = control_row,
};
