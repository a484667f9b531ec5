/* Units from file paths. A template is turned into the equivalent regex, so
 * both forms are matched by one PCRE2 code path. Paths are matched once per
 * input when the plan binds, never per row. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strbuf.h"
#include "unit_path.h"

struct unit_path {
	pcre2_code *code;
	const char *pattern;          /* as written */
	struct dqa_pos pos;           /* of the pattern in the rule file */
};

static const char template_unit[] = "{unit}";

/* 'data/{unit}/citizens.csv' as a regex: {unit} is one or more characters
 * other than '/', '*' any run of them, '?' one; the rest is literal. The
 * template matches the end of the path from a '/' (or its start), so
 * './data/..' and '/srv/data/..' match 'data/{unit}/..' alike. */
static char *template_regex(const char *tpl)
{
	struct strbuf re = STRBUF_INIT;
	strbuf_puts(&re, "(?:^|/)");
	for (const char *p = tpl; *p; p++) {
		if (strncmp(p, template_unit, sizeof template_unit - 1) == 0) {
			strbuf_puts(&re, "([^/]+)");
			p += sizeof template_unit - 2;
		} else if (*p == '*') {
			strbuf_puts(&re, "[^/]*");
		} else if (*p == '?') {
			strbuf_puts(&re, "[^/]");
		} else {
			if (strchr("\\^$.|+()[]{}", *p))
				strbuf_putc(&re, '\\');
			strbuf_putc(&re, *p);
		}
	}
	strbuf_putc(&re, '$');
	return strbuf_detach(&re);
}

static int compile(struct rules_ctx *ctx, const struct ynode *v, struct unit_path *up)
{
	const char *text = up->pattern;
	const char *unit = strstr(text, template_unit);
	bool is_template = unit != NULL;
	if (is_template && strstr(unit + 1, template_unit))
		return rules_error(ctx, v, "a path names its unit once", "'%s' appears twice in '%s'",
				   template_unit, text);
	char *regex = is_template ? template_regex(text) : NULL;
	RETURN_NOMEM_UNLESS(!is_template || regex, ctx->err);
	int errcode;
	PCRE2_SIZE offset;
	up->code = pcre2_compile((PCRE2_SPTR)(regex ? regex : text), PCRE2_ZERO_TERMINATED,
				 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &offset, NULL);
	free(regex);
	if (!up->code) {
		char message[256];
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)message, sizeof message);
		struct dqa_pos pos = yscalar_pos_at(v, offset);
		pos.span = 1;
		return rules_error_pos(ctx, pos, "write a template such as 'data/{unit}/citizens.csv' "
				       "or a PCRE2 regex with one capture group",
				       "bad regex at offset %zu: %s", (size_t)offset, message);
	}
	uint32_t groups = 0;
	pcre2_pattern_info(up->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups != 1)
		return rules_error(ctx, v, "capture the unit with one group, such as "
				   "'/([0-9]{5})/[^/]+$', or write a template with {unit}",
				   "the unit pattern has %u capture groups, not one", (unsigned)groups);
	return 0;
}

int unit_path_parse(struct rules_ctx *ctx, const struct ynode *map, struct unit_path **out)
{
	static const char *const keys[] = {"from", "pattern"};
	char hint[128];
	const struct ynode *bad = rules_unknown_key(map, keys, 2, 0, "unit takes:", hint,
						    sizeof hint);
	if (bad)
		return rules_error(ctx, bad, hint, "unknown key '%s' in unit", bad->text);
	const struct ynode *from = ymap_get(map, "from");
	const struct ynode *v = ymap_get(map, "pattern");
	if (!from || !yscalar_eq(from, "path"))
		return rules_error(ctx, from ? from : map,
				   "write unit: COLUMN, or unit: {from: path, pattern: ...}",
				   "a unit mapping takes its unit from: path");
	if (!v)
		return rules_error(ctx, map, "add pattern: 'data/{unit}/citizens.csv'",
				   "unit from path needs a pattern");
	struct unit_path *up = arena_alloc(&ctx->rules->arena, sizeof *up);
	RETURN_IF_NOMEM(up, ctx->err);
	*up = (struct unit_path){.pos = v->pos};
	FORWARD_IF_ERROR(param_string(ctx, v, "pattern", &up->pattern));
	*out = up;
	return compile(ctx, v, up);
}

int unit_path_match(const struct unit_path *up, const struct dqa_rules *rules, const char *path,
		    const char **name, size_t *len, dqa_error *err)
{
	if (strcmp(path, "-") == 0)
		return error_at(err, DQA_ERULES, rules->path, up->pos,
				"save it to a file whose path names the unit, or give --unit NAME",
				"standard input has no path to take its unit from");
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(up->code, NULL);
	RETURN_IF_NOMEM(md, err);
	int rc = pcre2_match(up->code, (PCRE2_SPTR)path, strlen(path), 0, 0, md, NULL);
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	bool found = rc >= 2 && ov[2] != PCRE2_UNSET && ov[3] > ov[2];
	if (found) {
		*name = path + ov[2];
		*len = ov[3] - ov[2];
	}
	pcre2_match_data_free(md);
	const char *hint = "every data file's path must match dataset: unit: pattern";
	if (rc >= 0 && !found)
		return error_at(err, DQA_ERULES, rules->path, up->pos, hint,
				"the unit pattern '%s' captures an empty unit in '%s'", up->pattern, path);
	if (!found)
		return error_at(err, DQA_ERULES, rules->path, up->pos, hint,
				"data file '%s' does not match the unit pattern '%s'", path, up->pattern);
	return 0;
}

void unit_path_release(struct unit_path *up)
{
	if (up)
		pcre2_code_free(up->code);
}
