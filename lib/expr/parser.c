/* Recursive-descent parser from tokens to the syntax tree, lowest binding
 * first: or, and, not, comparison and `in`, + -, * /, unary minus, values.
 * Nesting is bounded by EXPR_MAX_DEPTH and size by EXPR_MAX_NODES. */
#include <stdio.h>
#include <string.h>

#include "expr_impl.h"
#include "../util/values.h"

struct parser {
	const struct expr_src *src;
	struct lexer lx;
	struct token tok;
	size_t prev_end;              /* where the token before tok ends */
	struct tree *t;
	int depth;
};

static int parse_or(struct parser *p);

static int advance(struct parser *p)
{
	p->prev_end = p->tok.off + p->tok.len;
	return lex_next(&p->lx, &p->tok);
}

static bool at_word(const struct parser *p, const char *word)
{
	size_t n = strlen(word);
	return p->tok.kind == T_IDENT && p->tok.len == n &&
	       memcmp(p->src->text + p->tok.off, word, n) == 0;
}

static bool at_comparison(const struct parser *p)
{
	return p->tok.kind >= T_EQ && p->tok.kind <= T_GE;
}

/* A new node spanning [off, end); returns its index or an error. */
static int new_node(struct parser *p, enum node_kind kind, size_t off, size_t end)
{
	struct tree *t = p->t;
	if (t->nnodes == EXPR_MAX_NODES)
		return expr_error(p->src, off, end - off, "split it into several checks",
				  "expression too large: more than %d parts", EXPR_MAX_NODES);
	int i = t->nnodes++;
	t->nodes[i] = (struct node){.kind = kind, .a = -1, .b = -1, .next = -1,
				    .off = (uint32_t)off, .len = (uint32_t)(end - off)};
	return i;
}

static size_t node_end(const struct parser *p, int i)
{
	return p->t->nodes[i].off + p->t->nodes[i].len;
}

static int binary(struct parser *p, enum node_kind kind, enum tok op, int a, int b)
{
	int n = new_node(p, kind, p->t->nodes[a].off, node_end(p, b));
	if (n >= 0) {
		p->t->nodes[n].a = a;
		p->t->nodes[n].b = b;
		p->t->nodes[n].op = op;
	}
	return n;
}

static int enter(struct parser *p)
{
	if (++p->depth <= EXPR_MAX_DEPTH)
		return 0;
	return expr_error(p->src, p->tok.off, p->tok.len ? p->tok.len : 1,
			  "split it into several checks",
			  "expression nested too deeply: more than %d levels", EXPR_MAX_DEPTH);
}

static int unexpected(struct parser *p, const char *expected, const char *hint)
{
	const struct token *k = &p->tok;
	size_t span = k->len ? k->len : 1;
	if (k->kind == T_END)
		return expr_error(p->src, p->prev_end, 1, hint,
				  "expected %s at the end of the %s", expected, p->src->what);
	if (k->kind == T_IDENT)
		return expr_error(p->src, k->off, span, hint, "expected %s, found '%.*s'",
				  expected, (int)k->len, p->src->text + k->off);
	return expr_error(p->src, k->off, span, hint, "expected %s, found %s", expected,
			  tok_name(k->kind));
}

static int expect(struct parser *p, enum tok kind, const char *hint)
{
	if (p->tok.kind != kind)
		return unexpected(p, tok_name(kind), hint);
	return advance(p);
}

/* The text between the quotes of a quoted token, doubled quotes undone. */
static const char *unquote(struct parser *p, const struct token *k, size_t *len)
{
	const char *s = p->src->text + k->off;
	char quote = s[0];
	char *out = arena_alloc(&p->src->ctx->rules->arena, k->len);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = 1; i + 1 < k->len; i++) {
		out[n++] = s[i];
		if (s[i] == quote)
			i++;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

/* The slot of a column, added on first use. */
static int column_slot(struct parser *p, const char *name, size_t off, size_t len)
{
	struct tree *t = p->t;
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (int)i;
	struct arena *arena = &p->src->ctx->rules->arena;
	if (arena_reserve(arena, (void **)&t->cols, &t->cols_cap, t->ncols, sizeof *t->cols) < 0)
		return error_nomem(p->src->ctx->err);
	struct dqa_pos pos = yscalar_pos_at(p->src->node, off);
	pos.span = (unsigned)utf8_length(p->src->text + off, len);
	t->cols[t->ncols] = (struct colref){name, pos};
	return (int)t->ncols++;
}

static int column_node(struct parser *p, const char *name, size_t off, size_t end)
{
	RETURN_IF_NOMEM(name, p->src->ctx->err);
	int slot = column_slot(p, name, off, end - off);
	FORWARD_IF_ERROR(slot);
	int n = new_node(p, N_COL, off, end);
	if (n >= 0)
		p->t->nodes[n].slot = slot;
	return n;
}

static int literal(struct parser *p)
{
	struct token k = p->tok;
	int n = new_node(p, N_LIT, k.off, k.off + k.len);
	FORWARD_IF_ERROR(n);
	struct node *node = &p->t->nodes[n];
	const char *s = p->src->text + k.off;
	if (k.kind == T_STR) {
		node->type = ET_STR;
		node->lit.str.s = unquote(p, &k, &node->lit.str.len);
		RETURN_IF_NOMEM(node->lit.str.s, p->src->ctx->err);
	} else if (k.kind == T_INT) {
		node->type = ET_INT;
		if (!value_integer(s, k.len, &node->lit.i))
			return expr_error(p->src, k.off, k.len, "integers range to 9223372036854775807",
					  "number too large");
	} else {
		node->type = ET_NUM;
		value_number(s, k.len, &node->lit.n);
	}
	FORWARD_IF_ERROR(advance(p));
	return n;
}

/* Arguments of a call, up to ')', chained through `next`. */
static int call(struct parser *p, const struct token *name)
{
	int fn;
	if (!expr_function(p->src->text + name->off, name->len, &fn)) {
		const char *names[32];
		size_t count = 0;
		for (; expr_functions[count].name && count < 32; count++)
			names[count] = expr_functions[count].name;
		char word[64], hint[160];
		snprintf(word, sizeof word, "%.*s", (int)name->len, p->src->text + name->off);
		const char *near = closest_word(word, names, count);
		if (near)
			snprintf(hint, sizeof hint, "did you mean '%s'?", near);
		else
			snprintf(hint, sizeof hint, "functions: col, date, is_empty, len, lower, "
				 "matches, number, trim, upper");
		return expr_error(p->src, name->off, name->len, hint, "unknown function '%s'", word);
	}
	FORWARD_IF_ERROR(advance(p));   /* the '(' */
	int n = new_node(p, N_CALL, name->off, name->off + name->len);
	FORWARD_IF_ERROR(n);
	int last = -1;
	while (p->tok.kind != T_RPAREN) {
		if (p->t->nodes[n].nargs)
			FORWARD_IF_ERROR(expect(p, T_COMMA, "separate arguments with ','"));
		int arg = parse_or(p);
		FORWARD_IF_ERROR(arg);
		if (last < 0)
			p->t->nodes[n].a = arg;
		else
			p->t->nodes[last].next = arg;
		last = arg;
		p->t->nodes[n].nargs++;
	}
	p->t->nodes[n].fn = fn;
	p->t->nodes[n].len = p->tok.off + 1 - name->off;
	FORWARD_IF_ERROR(advance(p));
	return n;
}

/* col('name'): a column whose name is not an identifier. */
static int col_call(struct parser *p, const struct token *name)
{
	FORWARD_IF_ERROR(advance(p));   /* the '(' */
	if (p->tok.kind != T_STR)
		return unexpected(p, "a column name in quotes", "write col('column name')");
	struct token k = p->tok;
	size_t len;
	const char *column = unquote(p, &k, &len);
	FORWARD_IF_ERROR(advance(p));
	if (p->tok.kind != T_RPAREN)
		return unexpected(p, "')'", "col() takes one column name");
	int n = column_node(p, column, k.off, k.off + k.len);
	FORWARD_IF_ERROR(n);
	p->t->nodes[n].off = name->off;
	p->t->nodes[n].len = p->tok.off + 1 - name->off;
	FORWARD_IF_ERROR(advance(p));
	return n;
}

static bool followed_by_paren(const struct parser *p)
{
	const char *s = p->src->text;
	size_t i = p->lx.pos;
	while (i < p->src->len && strchr(" \t\r\n", s[i]))
		i++;
	return i < p->src->len && s[i] == '(';
}

static int word(struct parser *p)
{
	struct token k = p->tok;
	static const char *const operators[] = {"and", "or", "not", "in"};
	for (size_t i = 0; i < sizeof operators / sizeof *operators; i++)
		if (at_word(p, operators[i]))
			return unexpected(p, "a value", "quote a column with this name as `name`");
	if (at_word(p, "true") || at_word(p, "false")) {
		int n = new_node(p, N_LIT, k.off, k.off + k.len);
		FORWARD_IF_ERROR(n);
		p->t->nodes[n].type = ET_BOOL;
		p->t->nodes[n].lit.i = at_word(p, "true");
		FORWARD_IF_ERROR(advance(p));
		return n;
	}
	if (at_word(p, "today")) {
		int n = new_node(p, N_TODAY, k.off, k.off + k.len);
		FORWARD_IF_ERROR(n);
		FORWARD_IF_ERROR(advance(p));
		return n;
	}
	bool is_call = followed_by_paren(p);
	FORWARD_IF_ERROR(advance(p));
	if (is_call)
		return k.len == 3 && memcmp(p->src->text + k.off, "col", 3) == 0 ? col_call(p, &k)
										  : call(p, &k);
	return column_node(p, arena_strndup(&p->src->ctx->rules->arena, p->src->text + k.off,
					    k.len), k.off, k.off + k.len);
}

static int primary(struct parser *p)
{
	struct token k = p->tok;
	switch (k.kind) {
	case T_INT:
	case T_NUM:
	case T_STR:
		return literal(p);
	case T_IDENT:
		return word(p);
	case T_QIDENT: {
		size_t len;
		const char *name = unquote(p, &k, &len);
		FORWARD_IF_ERROR(advance(p));
		return column_node(p, name, k.off, k.off + k.len);
	}
	case T_LPAREN: {
		FORWARD_IF_ERROR(advance(p));
		int inner = parse_or(p);
		FORWARD_IF_ERROR(inner);
		FORWARD_IF_ERROR(expect(p, T_RPAREN, "close the '(' opened before"));
		return inner;
	}
	default:
		return unexpected(p, "a value", "a value is a number, a 'string', a column, "
				  "a function call or an expression in ( )");
	}
}

static int unary(struct parser *p)
{
	if (p->tok.kind != T_MINUS)
		return primary(p);
	size_t off = p->tok.off;
	FORWARD_IF_ERROR(enter(p));
	FORWARD_IF_ERROR(advance(p));
	int a = unary(p);
	FORWARD_IF_ERROR(a);
	p->depth--;
	struct node *child = &p->t->nodes[a];
	/* -5 is a literal, so that it may stand in an `in` list */
	if (child->kind == N_LIT && (child->type == ET_INT || child->type == ET_NUM)) {
		if (child->type == ET_INT)
			child->lit.i = -child->lit.i;
		else
			child->lit.n = -child->lit.n;
		child->len += child->off - (uint32_t)off;
		child->off = (uint32_t)off;
		return a;
	}
	int n = new_node(p, N_NEG, off, node_end(p, a));
	if (n >= 0)
		p->t->nodes[n].a = a;
	return n;
}

/* operand { op operand } for the two operators of one precedence level. */
static int arithmetic(struct parser *p, int (*operand)(struct parser *), enum tok op1,
		      enum tok op2)
{
	int l = operand(p);
	while (l >= 0 && (p->tok.kind == op1 || p->tok.kind == op2)) {
		enum tok op = p->tok.kind;
		FORWARD_IF_ERROR(advance(p));
		int r = operand(p);
		FORWARD_IF_ERROR(r);
		l = binary(p, N_ARITH, op, l, r);
	}
	return l;
}

static int product(struct parser *p)
{
	return arithmetic(p, unary, T_STAR, T_SLASH);
}

static int sum(struct parser *p)
{
	return arithmetic(p, product, T_PLUS, T_MINUS);
}

/* `x in (v, ...)` or `x not in (...)`, p->tok at the 'in'. */
static int in_list(struct parser *p, int subject, bool negated)
{
	FORWARD_IF_ERROR(advance(p));
	FORWARD_IF_ERROR(expect(p, T_LPAREN, "write x in ('a', 'b')"));
	int n = new_node(p, N_IN, p->t->nodes[subject].off, p->tok.off);
	FORWARD_IF_ERROR(n);
	p->t->nodes[n].a = subject;
	p->t->nodes[n].negated = negated;
	int last = -1;
	do {
		if (last >= 0)
			FORWARD_IF_ERROR(advance(p));
		int item = sum(p);
		FORWARD_IF_ERROR(item);
		if (last < 0)
			p->t->nodes[n].b = item;
		else
			p->t->nodes[last].next = item;
		last = item;
		p->t->nodes[n].nargs++;
	} while (p->tok.kind == T_COMMA);
	if (p->tok.kind != T_RPAREN)
		return unexpected(p, "',' or ')'", "write x in ('a', 'b')");
	p->t->nodes[n].len = p->tok.off + 1 - p->t->nodes[n].off;
	FORWARD_IF_ERROR(advance(p));
	return n;
}

static int comparison(struct parser *p)
{
	int l = sum(p);
	FORWARD_IF_ERROR(l);
	if (at_word(p, "in"))
		return in_list(p, l, false);
	if (at_word(p, "not")) {
		FORWARD_IF_ERROR(advance(p));
		if (!at_word(p, "in"))
			return unexpected(p, "'in' after 'not'", "write x not in ('a', 'b'), or "
					  "not (x == y)");
		return in_list(p, l, true);
	}
	if (!at_comparison(p))
		return l;
	enum tok op = p->tok.kind;
	FORWARD_IF_ERROR(advance(p));
	int r = sum(p);
	FORWARD_IF_ERROR(r);
	if (at_comparison(p))
		return expr_error(p->src, p->tok.off, p->tok.len, "write a < b and b < c",
				  "comparisons do not chain");
	return binary(p, N_CMP, op, l, r);
}

static int negation(struct parser *p)
{
	if (!at_word(p, "not"))
		return comparison(p);
	size_t off = p->tok.off;
	FORWARD_IF_ERROR(enter(p));
	FORWARD_IF_ERROR(advance(p));
	int a = negation(p);
	FORWARD_IF_ERROR(a);
	p->depth--;
	int n = new_node(p, N_NOT, off, node_end(p, a));
	if (n >= 0)
		p->t->nodes[n].a = a;
	return n;
}

/* operand { word operand } for 'and' and 'or'. */
static int logical(struct parser *p, int (*operand)(struct parser *), const char *word,
		   enum node_kind kind)
{
	int l = operand(p);
	while (l >= 0 && at_word(p, word)) {
		FORWARD_IF_ERROR(advance(p));
		int r = operand(p);
		FORWARD_IF_ERROR(r);
		l = binary(p, kind, T_END, l, r);
	}
	return l;
}

static int conjunction(struct parser *p)
{
	return logical(p, negation, "and", N_AND);
}

static int parse_or(struct parser *p)
{
	FORWARD_IF_ERROR(enter(p));
	int l = logical(p, conjunction, "or", N_OR);
	p->depth--;
	return l;
}

/* What to suggest for a token left over after a complete expression. */
static const char *leftover_hint(const struct parser *p)
{
	static const char *const upper[][2] = {
		{"AND", "keywords are lower case: write 'and'"},
		{"OR", "keywords are lower case: write 'or'"},
		{"NOT", "keywords are lower case: write 'not'"},
		{"IN", "keywords are lower case: write 'in'"},
	};
	for (size_t i = 0; i < sizeof upper / sizeof *upper; i++)
		if (at_word(p, upper[i][0]))
			return upper[i][1];
	if (p->tok.kind == T_IDENT || p->tok.kind == T_QIDENT)
		return "join conditions with 'and' or 'or'; quote a column name with spaces as `name`";
	return "join conditions with 'and' or 'or'";
}

int expr_parse(const struct expr_src *src, struct tree *t)
{
	struct parser p = {.src = src, .lx = {.src = src}, .t = t};
	t->nnodes = 0;
	FORWARD_IF_ERROR(advance(&p));
	if (p.tok.kind == T_END)
		return expr_error(src, 0, src->len, "write a condition such as end_date >= start_date",
				  "empty %s", src->what);
	t->root = parse_or(&p);
	FORWARD_IF_ERROR(t->root);
	if (p.tok.kind != T_END)
		return unexpected(&p, "an operator", leftover_hint(&p));
	return 0;
}
