/* Internals shared by the stages of the expression compiler: tokens (lexer.c),
 * the syntax tree (parser.c), types (typecheck.c), the built-in functions
 * (functions.c), the postfix code (codegen.c) run by eval.c. */
#ifndef DQA_EXPR_IMPL_H
#define DQA_EXPR_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>

#include "expr.h"
#include "../util/regex_simple.h"

/* Value types. Dates are days since 1970-01-01 and booleans 0 or 1, both in
 * `i`, so integer code serves them. */
enum etype { ET_BOOL, ET_INT, ET_NUM, ET_STR, ET_DATE };

const char *etype_name(enum etype t);   /* "a date", "a string", ... */

/* The UTC calendar day of epoch seconds, rounding towards the past. */
static inline int64_t expr_days(int64_t seconds)
{
	return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

struct value {
	union {
		int64_t i;
		double n;
		struct {
			const char *s;
			size_t len;
		} str;
	};
};

/* --- source and errors --- */

/* The scalar being compiled and where its errors go. */
struct expr_src {
	struct rules_ctx *ctx;
	const struct ynode *node;
	const char *what;             /* the parameter: "expr", "where" */
	const char *text;
	size_t len;
};

/* A rule error at bytes [off, off+len) of the expression. */
int expr_error(const struct expr_src *src, size_t off, size_t len, const char *hint,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* --- lexer.c --- */

enum tok {
	T_END, T_INT, T_NUM, T_STR, T_IDENT, T_QIDENT,
	T_LPAREN, T_RPAREN, T_COMMA,
	T_PLUS, T_MINUS, T_STAR, T_SLASH,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE
};

struct token {
	enum tok kind;
	uint32_t off, len;            /* bytes of the source, quotes included */
};

struct lexer {
	const struct expr_src *src;
	size_t pos;
};

/* Reads the next token; a character that starts none is an error. */
int lex_next(struct lexer *lx, struct token *out);
/* Spelling of a token kind for messages: "')'", "a string", ... */
const char *tok_name(enum tok kind);

/* --- parser.c: the syntax tree --- */

enum node_kind {
	N_LIT, N_TODAY, N_COL, N_NEG, N_ARITH, N_CMP, N_AND, N_OR, N_NOT, N_IN, N_CALL
};

struct node {
	enum node_kind kind;
	enum etype type;              /* literals by the parser, others by typecheck */
	enum tok op;                  /* N_ARITH, N_CMP */
	int a, b;                     /* children, -1 when absent */
	int next;                     /* following item of an argument or `in` list */
	int nargs;                    /* N_CALL: arguments; N_IN: items */
	int fn;                       /* N_CALL: index into expr_functions */
	bool negated;                 /* N_IN: `not in` */
	bool raw;                     /* N_COL: read as text, whatever its type */
	int slot;                     /* N_COL: index into the expression's columns */
	struct value lit;             /* N_LIT */
	uint32_t off, len;            /* source span of the whole node */
};

struct tree {
	struct node nodes[EXPR_MAX_NODES];
	int nnodes, root;
	struct colref *cols;          /* distinct columns, in order of first use */
	size_t ncols, cols_cap;
};

int expr_parse(const struct expr_src *src, struct tree *t);

/* --- functions.c --- */

/* Flags of a built-in function's second argument or of all its arguments. */
enum {
	FN_LITERAL_2ND = 1,           /* the second argument is a string literal */
	FN_CONST_FOLD = 2             /* date('...') of a literal is a constant */
};

struct expr_function {
	const char *name;
	int min_args, max_args;
	enum etype arg;               /* type of the first argument */
	enum etype result;
	int op;                       /* the instruction (enum opcode) */
	int flags;
	const char *usage;            /* for hints */
};

const struct expr_function *expr_function(const char *name, size_t len, int *index);
extern const struct expr_function expr_functions[];

/* --- typecheck.c --- */

/* How a column is converted when loaded: its declaration under columns:. */
struct expr_column {
	enum etype type;
	const char *format;           /* dates: NULL is ISO 8601 */
	struct number_style number;   /* integers and numbers */
};

struct expr_column expr_declared(const struct dqa_rules *rules, const char *column);

/* Types every node, marks string-argument columns raw and checks that the
 * whole expression is a condition. */
int expr_typecheck(const struct expr_src *src, struct tree *t);

/* --- codegen.c: the compiled form --- */

enum opcode {
	OP_CONST, OP_TODAY,
	OP_LOAD_STR, OP_LOAD_INT, OP_LOAD_NUM, OP_LOAD_DATE, OP_LOAD_BOOL,
	OP_I2N,                       /* integer to number */
	OP_NEG_I, OP_NEG_N,
	OP_ADD_I, OP_SUB_I, OP_MUL_I, OP_ADD_N, OP_SUB_N, OP_MUL_N, OP_DIV_N,
	OP_EQ_I, OP_NE_I, OP_LT_I, OP_LE_I, OP_GT_I, OP_GE_I,
	OP_EQ_N, OP_NE_N, OP_LT_N, OP_LE_N, OP_GT_N, OP_GE_N,
	OP_EQ_S, OP_NE_S, OP_LT_S, OP_LE_S, OP_GT_S, OP_GE_S,
	OP_AND_JUMP, OP_OR_JUMP, OP_NOT,
	OP_IN_I, OP_IN_N, OP_IN_S,    /* arg: first constant, count: how many */
	OP_LEN, OP_LOWER, OP_UPPER, OP_TRIM, OP_MATCHES, OP_IS_EMPTY,
	OP_TO_NUM, OP_TO_DATE, OP_TO_DATE_FMT
};

struct insn {
	uint8_t op;
	bool negate;                  /* OP_IN_*: `not in` */
	uint16_t count;
	int32_t arg;                  /* slot, constant, jump target or regex */
};

/* A matches() pattern: PCRE2's, and when it is simple, regex_simple's too. */
struct expr_regex {
	pcre2_code *code;
	struct regex_shortcut shortcut;
};

struct expr {
	const char *text;
	struct insn *code;
	size_t ncode;
	struct value *consts;
	size_t nconsts;
	struct colref *cols;
	struct expr_column *coltypes;
	size_t ncols;
	struct expr_regex *regexes;
	size_t nregexes;
	uint32_t regex_match, regex_depth;   /* the rule file's limits */
	size_t max_stack;
};

int expr_codegen(const struct expr_src *src, const struct tree *t, struct expr *e);

#endif
