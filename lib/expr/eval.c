/* Runs compiled expressions on rows: a loop over postfix code on a value
 * stack, both in the worker's expr_run, so a row costs no allocation once
 * the scratch for lower()/upper() has grown to the longest value seen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "expr_impl.h"
#include "../util/timeparse.h"
#include "../util/values.h"

/* Scratch blocks for case-mapped strings; a block is never moved while an
 * evaluation may point into it. */
enum { SCRATCH_BLOCKS = 16, SCRATCH_MIN = 256 };
/* Longest text number() converts (it needs a NUL-terminated copy). */
enum { NUMBER_TEXT_MAX = 64 };

struct scratch_block {
	char *data;
	size_t cap;
};

struct expr_run {
	int *cols;
	int64_t today;
	struct value *stack;
	struct scratch_block blocks[SCRATCH_BLOCKS];
	size_t block, used;
	pcre2_match_data *match;
	pcre2_match_context *mctx;
};

int expr_run_new(struct expr_run **out, const struct expr *e, const int *cols, int64_t now,
		 dqa_error *err)
{
	struct expr_run *run = calloc(1, sizeof *run);
	*out = run;
	RETURN_IF_NOMEM(run, err);
	run->today = expr_days(now);
	run->cols = malloc((e->ncols + 1) * sizeof *run->cols);
	run->stack = malloc(e->max_stack * sizeof *run->stack);
	RETURN_NOMEM_UNLESS(run->cols && run->stack, err);
	memcpy(run->cols, cols, e->ncols * sizeof *cols);
	if (e->nregexes) {
		run->match = pcre2_match_data_create(1, NULL);
		run->mctx = pcre2_match_context_create(NULL);
		RETURN_NOMEM_UNLESS(run->match && run->mctx, err);
		/* Bounds a runaway pattern, as the regex check does. */
		pcre2_set_match_limit(run->mctx, e->regex_match);
		pcre2_set_depth_limit(run->mctx, e->regex_depth);
	}
	return 0;
}

void expr_run_free(struct expr_run *run)
{
	if (!run)
		return;
	for (size_t i = 0; i < SCRATCH_BLOCKS; i++)
		free(run->blocks[i].data);
	pcre2_match_data_free(run->match);
	pcre2_match_context_free(run->mctx);
	free(run->cols);
	free(run->stack);
	free(run);
}

/* Room for n bytes that stays put for the rest of this evaluation. */
static char *scratch(struct expr_run *run, size_t n)
{
	struct scratch_block *b = &run->blocks[run->block];
	if (b->cap - run->used < n) {
		if (b->data && ++run->block == SCRATCH_BLOCKS)
			return NULL;
		b = &run->blocks[run->block];
		run->used = 0;
		if (b->cap < n) {
			size_t cap = n < SCRATCH_MIN ? SCRATCH_MIN : n * 2;
			char *data = realloc(b->data, cap);
			if (!data)
				return NULL;
			*b = (struct scratch_block){data, cap};
		}
	}
	char *p = b->data + run->used;
	run->used += n;
	return p;
}

static enum expr_result fail(char *note, size_t cap, const char *message)
{
	if (note)
		snprintf(note, cap, "%s", message);
	return EXPR_ERROR;
}

/* Loads column `slot` converted to its declared type. Values are not
 * quoted in notes: the sample shows them, masked when the column is pii. */
static bool load(const struct expr *e, const struct expr_run *run, int32_t slot,
		 const char *const *fields, const size_t *lens, struct value *out)
{
	const char *s = fields[run->cols[slot]];
	size_t len = lens[run->cols[slot]];
	const struct expr_column *c = &e->coltypes[slot];
	int64_t seconds;
	switch (c->type) {
	case ET_INT:
		return value_integer_in(c->number, s, len, &out->i);
	case ET_NUM:
		return value_number_in(c->number, s, len, &out->n);
	case ET_DATE:
		if (!(c->format ? time_parse_format(c->format, s, len, &seconds)
				: time_parse_iso(s, len, &seconds)))
			return false;
		out->i = expr_days(seconds);
		return true;
	case ET_BOOL:
		if (!value_boolean(s, len))
			return false;
		out->i = strchr("tTyY1", s[0]) != NULL;
		return true;
	case ET_STR:
		break;
	}
	return false;   /* strings are loaded by OP_LOAD_STR */
}

static enum expr_result load_error(const struct expr *e, const struct expr_run *run,
				   int32_t slot, const size_t *lens, char *note, size_t cap)
{
	if (note)
		snprintf(note, cap, lens[run->cols[slot]] ? "'%s' is not %s" : "'%s' is empty, not %s",
			 e->cols[slot].name, etype_name(e->coltypes[slot].type));
	return EXPR_ERROR;
}

static int compare_str(const struct value *a, const struct value *b)
{
	size_t n = a->str.len < b->str.len ? a->str.len : b->str.len;
	int c = memcmp(a->str.s, b->str.s, n);
	if (c)
		return c;
	return (a->str.len > b->str.len) - (a->str.len < b->str.len);
}

/* lower() and upper(): simple Unicode case mapping, one code point to one;
 * bytes that are not UTF-8 are copied. */
static bool map_case(struct expr_run *run, struct value *v, bool upper)
{
	const uint8_t *s = (const uint8_t *)v->str.s;
	size_t len = v->str.len;
	uint8_t *out = (uint8_t *)scratch(run, len * 4 + 1);
	if (!out)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t step = s[i] < 0x80 ? (cp = s[i], 1)
			: utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (step < 0) {
			out[n++] = s[i++];
			continue;
		}
		cp = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		n += (size_t)utf8proc_encode_char(cp, out + n);
		i += (size_t)step;
	}
	v->str.s = (const char *)out;
	v->str.len = n;
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(struct value *v)
{
	const char *s = v->str.s;
	size_t len = v->str.len;
	while (len && is_space(s[0]))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	v->str.s = s;
	v->str.len = len;
}

static bool in_list(const struct expr *e, const struct insn *in, const struct value *v)
{
	const struct value *items = &e->consts[in->arg];
	for (uint16_t i = 0; i < in->count; i++) {
		bool equal = in->op == OP_IN_I ? items[i].i == v->i
			   : in->op == OP_IN_N ? items[i].n == v->n
			   : compare_str(&items[i], v) == 0;
		if (equal)
			return !in->negate;
	}
	return in->negate;
}

static bool to_number(struct value *v)
{
	char text[NUMBER_TEXT_MAX + 1];
	if (v->str.len > NUMBER_TEXT_MAX)
		return false;
	memcpy(text, v->str.s, v->str.len);
	text[v->str.len] = '\0';
	return value_number(text, v->str.len, &v->n);
}

static bool to_date(struct value *v, const char *format)
{
	int64_t seconds;
	if (!(format ? time_parse_format(format, v->str.s, v->str.len, &seconds)
		     : time_parse_iso(v->str.s, v->str.len, &seconds)))
		return false;
	v->i = expr_days(seconds);
	return true;
}

static int match(const struct expr *e, struct expr_run *run, int32_t regex,
		 const struct value *v)
{
	const struct expr_regex *r = &e->regexes[regex];
	bool matched;
	if (regex_shortcut_try(&r->shortcut, v->str.s, v->str.len, &matched))
		return matched ? 1 : PCRE2_ERROR_NOMATCH;
	return pcre2_match(r->code, (PCRE2_SPTR)v->str.s, v->str.len, 0, 0,
			   run->match, run->mctx);
}

#define BINARY(field, expr)                                                    \
	do {                                                                   \
		sp[-2].field = (expr);                                         \
		sp--;                                                          \
	} while (0)

enum expr_result expr_eval(const struct expr *e, struct expr_run *run,
			   const char *const *fields, const size_t *lens, char *note,
			   size_t note_cap)
{
	struct value *sp = run->stack;   /* the next free slot; sp[-1] is the top */
	run->block = 0;
	run->used = 0;
	for (size_t pc = 0; pc < e->ncode; pc++) {
		const struct insn *in = &e->code[pc];
		switch ((enum opcode)in->op) {
		case OP_CONST: *sp++ = e->consts[in->arg]; break;
		case OP_TODAY: sp++->i = run->today; break;
		case OP_LOAD_STR:
			sp->str.s = fields[run->cols[in->arg]];
			sp->str.len = lens[run->cols[in->arg]];
			sp++;
			break;
		case OP_LOAD_INT: case OP_LOAD_NUM: case OP_LOAD_DATE: case OP_LOAD_BOOL:
			if (!load(e, run, in->arg, fields, lens, sp))
				return load_error(e, run, in->arg, lens, note, note_cap);
			sp++;
			break;
		case OP_I2N: sp[-1].n = (double)sp[-1].i; break;
		case OP_NEG_I:
			if (sp[-1].i == INT64_MIN)
				return fail(note, note_cap, "integer overflow");
			sp[-1].i = -sp[-1].i;
			break;
		case OP_NEG_N: sp[-1].n = -sp[-1].n; break;
		case OP_ADD_I: case OP_SUB_I: case OP_MUL_I: {
			int64_t a = sp[-2].i, b = sp[-1].i, r;
			bool overflow = in->op == OP_ADD_I ? __builtin_add_overflow(a, b, &r)
				      : in->op == OP_SUB_I ? __builtin_sub_overflow(a, b, &r)
				      : __builtin_mul_overflow(a, b, &r);
			if (overflow)
				return fail(note, note_cap, "integer overflow");
			BINARY(i, r);
			break;
		}
		case OP_ADD_N: BINARY(n, sp[-2].n + sp[-1].n); break;
		case OP_SUB_N: BINARY(n, sp[-2].n - sp[-1].n); break;
		case OP_MUL_N: BINARY(n, sp[-2].n * sp[-1].n); break;
		case OP_DIV_N:
			if (sp[-1].n == 0)
				return fail(note, note_cap, "division by zero");
			BINARY(n, sp[-2].n / sp[-1].n);
			break;
		case OP_EQ_I: BINARY(i, sp[-2].i == sp[-1].i); break;
		case OP_NE_I: BINARY(i, sp[-2].i != sp[-1].i); break;
		case OP_LT_I: BINARY(i, sp[-2].i < sp[-1].i); break;
		case OP_LE_I: BINARY(i, sp[-2].i <= sp[-1].i); break;
		case OP_GT_I: BINARY(i, sp[-2].i > sp[-1].i); break;
		case OP_GE_I: BINARY(i, sp[-2].i >= sp[-1].i); break;
		case OP_EQ_N: BINARY(i, sp[-2].n == sp[-1].n); break;
		case OP_NE_N: BINARY(i, sp[-2].n != sp[-1].n); break;
		case OP_LT_N: BINARY(i, sp[-2].n < sp[-1].n); break;
		case OP_LE_N: BINARY(i, sp[-2].n <= sp[-1].n); break;
		case OP_GT_N: BINARY(i, sp[-2].n > sp[-1].n); break;
		case OP_GE_N: BINARY(i, sp[-2].n >= sp[-1].n); break;
		case OP_EQ_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) == 0); break;
		case OP_NE_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) != 0); break;
		case OP_LT_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) < 0); break;
		case OP_LE_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) <= 0); break;
		case OP_GT_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) > 0); break;
		case OP_GE_S: BINARY(i, compare_str(&sp[-2], &sp[-1]) >= 0); break;
		/* and/or: the left side decides alone (kept as the result) or is
		 * dropped for the right side's value */
		case OP_AND_JUMP:
			if (!sp[-1].i)
				pc = (size_t)in->arg - 1;
			else
				sp--;
			break;
		case OP_OR_JUMP:
			if (sp[-1].i)
				pc = (size_t)in->arg - 1;
			else
				sp--;
			break;
		case OP_NOT: sp[-1].i = !sp[-1].i; break;
		case OP_IN_I: case OP_IN_N: case OP_IN_S: sp[-1].i = in_list(e, in, &sp[-1]); break;
		case OP_LEN: sp[-1].i = (int64_t)utf8_length(sp[-1].str.s, sp[-1].str.len); break;
		case OP_LOWER: case OP_UPPER:
			if (!map_case(run, &sp[-1], in->op == OP_UPPER))
				return fail(note, note_cap, "out of memory");
			break;
		case OP_TRIM: trim(&sp[-1]); break;
		case OP_IS_EMPTY: sp[-1].i = sp[-1].str.len == 0; break;
		case OP_MATCHES: {
			int rc = match(e, run, in->arg, &sp[-1]);
			if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
				char message[200] = "matches(): ";
				pcre2_get_error_message(rc, (PCRE2_UCHAR *)message + 11, sizeof message - 11);
				return fail(note, note_cap, message);
			}
			sp[-1].i = rc >= 0;
			break;
		}
		case OP_TO_NUM:
			if (!to_number(&sp[-1]))
				return fail(note, note_cap, "number(): the text is not a number");
			break;
		case OP_TO_DATE: case OP_TO_DATE_FMT:
			if (!to_date(&sp[-1], in->op == OP_TO_DATE ? NULL : e->consts[in->arg].str.s))
				return fail(note, note_cap, "date(): the text is not a date");
			break;
		}
	}
	return sp[-1].i ? EXPR_TRUE : EXPR_FALSE;
}
