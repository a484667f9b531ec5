/* clean.placeholder: the value, trimmed of ASCII white space, is not a
 * placeholder that stands in for a missing value (N/A, null, -, 0000000000,
 * "không có", ...). Matching ignores case (Unicode case folding) and
 * normalisation form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "text.h"
#include "value_tests.h"

static const char *const default_placeholders[] = {
	"N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000",
	"0000-00-00", "00/00/0000", "x", "không có", "chưa có",
};

static const utf8proc_option_t FOLD = UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE;

struct placeholder {
	const char *listed;           /* as written, for the note */
	const char *folded;           /* NFC, case-folded */
	size_t len;
};

struct placeholder_config {
	struct placeholder *list;
	size_t n;
	size_t max_len;               /* longest folded placeholder, in bytes */
};

static int add_placeholders(struct rules_ctx *ctx, struct placeholder_config *cfg,
			    const char *const *values, size_t n, const struct ynode *at)
{
	struct placeholder *list = arena_alloc(&ctx->rules->arena,
					       (cfg->n + n) * sizeof *list + 1);
	RETURN_IF_NOMEM(list, ctx->err);
	for (size_t i = 0; i < cfg->n; i++)
		list[i] = cfg->list[i];
	struct text_buf tb = {0};
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *folded = text_normalize(&tb, values[i], strlen(values[i]), FOLD, &len);
		struct placeholder *p = &list[cfg->n + i];
		*p = (struct placeholder){values[i], folded ? arena_strndup(&ctx->rules->arena,
									     folded, len) : NULL, len};
		if (!p->folded) {
			text_buf_release(&tb);
			return folded ? error_nomem(ctx->err)
				      : rules_error(ctx, at, NULL,
						    "placeholder '%s' is not valid UTF-8", values[i]);
		}
		if (len > cfg->max_len)
			cfg->max_len = len;
	}
	text_buf_release(&tb);
	cfg->list = list;
	cfg->n += n;
	return 0;
}

static int placeholder_configure(struct check *c, const struct ynode *map,
				 struct rules_ctx *ctx)
{
	struct placeholder_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	*cfg = (struct placeholder_config){0};
	c->config = cfg;
	const struct ynode *values = map ? ymap_get(map, "values") : NULL;
	const struct ynode *add = map ? ymap_get(map, "add") : NULL;
	const char **list;
	size_t n;
	if (values) {
		FORWARD_IF_ERROR(param_string_list(ctx, values, "values", &list, &n));
		FORWARD_IF_ERROR(add_placeholders(ctx, cfg, list, n, values));
	} else {
		FORWARD_IF_ERROR(add_placeholders(ctx, cfg, default_placeholders,
						  sizeof default_placeholders /
							  sizeof *default_placeholders, NULL));
	}
	if (add) {
		FORWARD_IF_ERROR(param_string_list(ctx, add, "add", &list, &n));
		FORWARD_IF_ERROR(add_placeholders(ctx, cfg, list, n, add));
	}
	return 0;
}

static int placeholder_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	b->state = calloc(1, sizeof(struct text_buf));
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The value without its edge spaces, NFC and case-folded unless it is
 * ASCII (*ascii), in *out_len bytes; NULL when it is empty, longer than
 * 2 * max_len (folding shrinks text by at most half: a base letter and a
 * combining mark become one character) or not UTF-8. */
static const char *fold_trimmed(const char *s, size_t len, size_t max_len,
				struct text_buf *tb, size_t *out_len, bool *ascii)
{
	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	if (len == 0 || len > 2 * max_len)
		return NULL;
	*out_len = len;
	*ascii = text_is_ascii(s, len);
	return *ascii ? s : text_normalize(tb, s, len, FOLD, out_len);
}

static bool placeholder_row(struct bound_check *b, const struct plan_row *row, char *note,
			    size_t cap)
{
	const struct placeholder_config *cfg = b->def->config;
	int col = b->cols[0];
	size_t folded_len;
	bool ascii;
	const char *folded = fold_trimmed(row->fields[col], row->lens[col], cfg->max_len,
					  b->state, &folded_len, &ascii);
	if (!folded)
		return true;   /* empty, too long, or not UTF-8: the utf8 check's business */
	for (size_t i = 0; i < cfg->n; i++) {
		const struct placeholder *p = &cfg->list[i];
		if (p->len != folded_len)
			continue;
		if (ascii ? strncasecmp(p->folded, folded, folded_len) != 0
			  : memcmp(p->folded, folded, folded_len) != 0)
			continue;
		if (note)
			snprintf(note, cap, "placeholder '%s'", p->listed);
		return false;
	}
	return true;
}

/* The default placeholders are ASCII or already NFC and lower case, so a
 * folded value matches one when equal but for ASCII case. The longest has
 * DEFAULT_MAX_LEN bytes and characters. */
enum { DEFAULT_MAX_LEN = 10 };

/* The ASCII bytes a default placeholder holds, in either case (folding
 * keeps ASCII ASCII, and composes only o and u of it, into the ô ó ư they
 * hold). A table, not a switch: its branches mispredict on every value of
 * a column. */
static const bool default_chars[128] = {
	['n'] = true, ['N'] = true, ['#'] = true, ['-'] = true, ['?'] = true, ['0'] = true,
	['x'] = true, ['X'] = true, ['k'] = true, ['K'] = true, ['c'] = true, ['C'] = true,
	['a'] = true, ['A'] = true, ['e'] = true, ['E'] = true, ['g'] = true, ['G'] = true,
	['h'] = true, ['H'] = true, ['l'] = true, ['L'] = true, ['o'] = true, ['O'] = true,
	['u'] = true, ['U'] = true, ['/'] = true, [' '] = true,
};

/* Whether a value holding byte c can fold to a default placeholder: c is
 * one of default_chars, or not ASCII (folding may make ASCII of it, as of
 * the Kelvin sign). */
static bool default_byte(unsigned char c)
{
	return c >= 0x80 || default_chars[c];
}

/* Whether s (trimmed) may fold to a default placeholder: only bytes they
 * can hold, and no more characters than the longest of them once NFC and
 * case-folded (folding never removes a character, and composing removes
 * only combining marks; those a default placeholder is composed with, ô ó
 * ư, are in U+0300-U+036F, lead bytes CC and CD). Most values fail at
 * their first or second byte: names, IDs and phone numbers skip the dear
 * folding. */
static bool may_fold_to_default(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!default_byte(c))
			return false;
		n += (c & 0xC0) != 0x80 && c != 0xCC && c != 0xCD;
		if (n > DEFAULT_MAX_LEN)
			return false;
	}
	return true;
}

bool placeholder_default(const char *s, size_t len, struct text_buf *tb)
{
	/* Short of folding (dear for every name of a column). */
	size_t start = 0, end = len;
	while (start < len && is_space(s[start]))
		start++;
	if (start == len || !placeholder_default_may_start((unsigned char)s[start]))
		return false;
	while (end > start && is_space(s[end - 1]))
		end--;
	if (!may_fold_to_default(s + start, end - start))
		return false;
	size_t folded_len;
	bool ascii;
	const char *folded = fold_trimmed(s, len, DEFAULT_MAX_LEN, tb, &folded_len, &ascii);
	if (!folded || folded_len > DEFAULT_MAX_LEN)
		return false;
	for (size_t i = 0; i < sizeof default_placeholders / sizeof *default_placeholders; i++)
		if ((default_placeholders[i][0] | 0x20) == (folded[0] | 0x20) &&
		    strlen(default_placeholders[i]) == folded_len &&
		    strncasecmp(default_placeholders[i], folded, folded_len) == 0)
			return true;
	return false;
}

static void placeholder_unbind(struct bound_check *b)
{
	text_buf_release(b->state);
	free(b->state);
}

static const char *const placeholder_params[] = {"values", "add", NULL};

const struct check_ops check_placeholder = {
	.kind = "placeholder", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN,
	.params = placeholder_params, .configure = placeholder_configure,
	.bind = placeholder_bind, .row = placeholder_row, .unbind = placeholder_unbind,
};
