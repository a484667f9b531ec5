/* Turns the typed syntax tree into postfix code for eval.c: one
 * instruction per operation, specialised by type, integer operands widened
 * where a number is needed, jumps for the short-circuit of and/or, constants
 * in a pool and patterns compiled (and JIT-compiled) once. */
#include <stdio.h>
#include <string.h>

#include "expr_impl.h"

/* Every node emits at most three instructions (itself and two widenings). */
enum { MAX_CODE = 3 * EXPR_MAX_NODES };

struct gen {
	const struct expr_src *src;
	const struct tree *t;
	struct expr *e;
};

static void emit(struct gen *g, enum opcode op, int32_t arg)
{
	g->e->code[g->e->ncode++] = (struct insn){.op = (uint8_t)op, .arg = arg};
}

static int32_t constant(struct gen *g, struct value v)
{
	g->e->consts[g->e->nconsts] = v;
	return (int32_t)g->e->nconsts++;
}

static bool numeric(enum etype t)
{
	return t == ET_INT || t == ET_NUM;
}

static int gen(struct gen *g, int i);

/* Emits a node, widened to a number when `to_number`. */
static int gen_as(struct gen *g, int i, bool to_number)
{
	FORWARD_IF_ERROR(gen(g, i));
	if (to_number && g->t->nodes[i].type == ET_INT)
		emit(g, OP_I2N, 0);
	return 0;
}

/* Operand pairs are compared as numbers when either is one, as integers
 * (also dates and conditions), or as strings. */
static enum opcode family(enum etype a, enum etype b, enum opcode as_int, enum opcode as_num,
			  enum opcode as_str)
{
	if (a == ET_NUM || b == ET_NUM)
		return as_num;
	return a == ET_STR ? as_str : as_int;
}

static int gen_binary(struct gen *g, const struct node *n, enum opcode op)
{
	bool widen = (op >= OP_ADD_N && op <= OP_DIV_N) || (op >= OP_EQ_N && op <= OP_GE_N);
	FORWARD_IF_ERROR(gen_as(g, n->a, widen));
	FORWARD_IF_ERROR(gen_as(g, n->b, widen));
	emit(g, op, 0);
	return 0;
}

static int gen_arith(struct gen *g, const struct node *n)
{
	bool as_num = n->type == ET_NUM;
	switch (n->op) {
	case T_PLUS: return gen_binary(g, n, as_num ? OP_ADD_N : OP_ADD_I);
	case T_MINUS: return gen_binary(g, n, as_num ? OP_SUB_N : OP_SUB_I);
	case T_STAR: return gen_binary(g, n, as_num ? OP_MUL_N : OP_MUL_I);
	default: return gen_binary(g, n, OP_DIV_N);
	}
}

static int gen_cmp(struct gen *g, const struct node *n)
{
	int rank = (int)n->op - T_EQ;   /* == != < <= > >= in token and opcode order */
	enum opcode base = family(g->t->nodes[n->a].type, g->t->nodes[n->b].type, OP_EQ_I,
				  OP_EQ_N, OP_EQ_S);
	return gen_binary(g, n, (enum opcode)(base + rank));
}

static int gen_jump(struct gen *g, const struct node *n, enum opcode op)
{
	FORWARD_IF_ERROR(gen(g, n->a));
	size_t jump = g->e->ncode;
	emit(g, op, 0);
	FORWARD_IF_ERROR(gen(g, n->b));
	g->e->code[jump].arg = (int32_t)g->e->ncode;
	return 0;
}

static int gen_in(struct gen *g, const struct node *n)
{
	const struct tree *t = g->t;
	enum etype subject = t->nodes[n->a].type;
	bool as_num = subject == ET_NUM;
	for (int i = n->b; i >= 0; i = t->nodes[i].next)
		as_num |= t->nodes[i].type == ET_NUM;
	FORWARD_IF_ERROR(gen_as(g, n->a, as_num));
	int32_t first = (int32_t)g->e->nconsts;
	for (int i = n->b; i >= 0; i = t->nodes[i].next) {
		struct value v = t->nodes[i].lit;
		if (as_num && t->nodes[i].type == ET_INT)
			v.n = (double)v.i;
		constant(g, v);
	}
	emit(g, as_num ? OP_IN_N : subject == ET_STR ? OP_IN_S : OP_IN_I, first);
	struct insn *in = &g->e->code[g->e->ncode - 1];
	in->count = (uint16_t)n->nargs;
	in->negate = n->negated;
	return 0;
}

/* Where byte `offset` of a string literal's value sits in the source,
 * counting a doubled quote as the one byte it stands for. */
static size_t literal_source_offset(const struct expr_src *src, const struct node *lit,
				    size_t offset)
{
	size_t at = lit->off + 1;
	for (size_t i = 0; i < offset && at < lit->off + lit->len; i++)
		at += src->text[at] == '\'' ? 2 : 1;
	return at;
}

static int gen_regex(struct gen *g, const struct node *pattern)
{
	struct expr *e = g->e;
	int errcode;
	PCRE2_SIZE offset;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern->lit.str.s, pattern->lit.str.len,
					 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &offset,
					 NULL);
	if (!code) {
		char message[256];
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)message, sizeof message);
		return expr_error(g->src, literal_source_offset(g->src, pattern, offset), 1,
				  "PCRE2 syntax; test the pattern with pcre2test",
				  "bad regex at offset %zu: %s", (size_t)offset, message);
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	int32_t index = (int32_t)e->nregexes++;
	struct expr_regex *regex = &e->regexes[index];
	regex->code = code;
	RETURN_IF_NOMEM(regex_shortcut_init(&regex->shortcut, &g->src->ctx->rules->arena,
					    pattern->lit.str.s, pattern->lit.str.len,
					    e->regex_match, e->regex_depth) ? regex : NULL,
			g->src->ctx->err);
	emit(g, OP_MATCHES, index);
	return 0;
}

static int gen_call(struct gen *g, const struct node *n)
{
	const struct expr_function *fn = &expr_functions[n->fn];
	const struct node *arg = &g->t->nodes[n->a];
	const struct node *second = n->nargs > 1 ? &g->t->nodes[arg->next] : NULL;
	bool already = (fn->op == OP_TO_DATE && arg->type == ET_DATE) ||
		       (fn->op == OP_TO_NUM && numeric(arg->type));
	FORWARD_IF_ERROR(gen_as(g, n->a, fn->op == OP_TO_NUM));
	if (already)
		return 0;
	if (fn->op == OP_MATCHES)
		return gen_regex(g, second);
	if (fn->op == OP_TO_DATE && second)
		emit(g, OP_TO_DATE_FMT, constant(g, second->lit));
	else
		emit(g, (enum opcode)fn->op, 0);
	return 0;
}

static enum opcode load_op(const struct node *n)
{
	static const enum opcode loads[] = {
		[ET_BOOL] = OP_LOAD_BOOL, [ET_INT] = OP_LOAD_INT, [ET_NUM] = OP_LOAD_NUM,
		[ET_STR] = OP_LOAD_STR, [ET_DATE] = OP_LOAD_DATE,
	};
	return loads[n->type];
}

static int gen(struct gen *g, int i)
{
	const struct node *n = &g->t->nodes[i];
	switch (n->kind) {
	case N_LIT:
		emit(g, OP_CONST, constant(g, n->lit));
		return 0;
	case N_TODAY:
		emit(g, OP_TODAY, 0);
		return 0;
	case N_COL:
		emit(g, load_op(n), n->slot);
		return 0;
	case N_NEG:
		FORWARD_IF_ERROR(gen(g, n->a));
		emit(g, n->type == ET_NUM ? OP_NEG_N : OP_NEG_I, 0);
		return 0;
	case N_ARITH:
		return gen_arith(g, n);
	case N_CMP:
		return gen_cmp(g, n);
	case N_AND:
		return gen_jump(g, n, OP_AND_JUMP);
	case N_OR:
		return gen_jump(g, n, OP_OR_JUMP);
	case N_NOT:
		FORWARD_IF_ERROR(gen(g, n->a));
		emit(g, OP_NOT, 0);
		return 0;
	case N_IN:
		return gen_in(g, n);
	case N_CALL:
		return gen_call(g, n);
	}
	return 0;
}

/* How each column converts when loaded typed: its declaration. */
static int column_types(const struct expr_src *src, const struct tree *t, struct expr *e)
{
	e->cols = t->cols;
	e->ncols = t->ncols;
	e->coltypes = arena_alloc(&src->ctx->rules->arena, (t->ncols + 1) * sizeof *e->coltypes);
	RETURN_IF_NOMEM(e->coltypes, src->ctx->err);
	for (size_t i = 0; i < t->ncols; i++)
		e->coltypes[i] = expr_declared(src->ctx->rules, t->cols[i].name);
	return 0;
}

int expr_codegen(const struct expr_src *src, const struct tree *t, struct expr *e)
{
	struct arena *arena = &src->ctx->rules->arena;
	size_t n = (size_t)t->nnodes;
	e->code = arena_alloc(arena, MAX_CODE * sizeof *e->code);
	e->consts = arena_alloc(arena, n * sizeof *e->consts);
	e->regexes = arena_alloc(arena, n * sizeof *e->regexes);
	RETURN_NOMEM_UNLESS(e->code && e->consts && e->regexes, src->ctx->err);
	e->max_stack = n + 1;
	FORWARD_IF_ERROR(column_types(src, t, e));
	struct gen g = {src, t, e};
	return gen(&g, t->root);
}
