/* Gives every node of the syntax tree its type, reports type errors at the
 * offending part of the expression, and folds date('...') of a literal into
 * a constant. Columns have their declared type; a column passed where a
 * function takes text is read as written ("raw"). */
#include <stdio.h>
#include <string.h>

#include "expr_impl.h"
#include "../util/timeparse.h"

const char *etype_name(enum etype t)
{
	static const char *const names[] = {
		[ET_BOOL] = "a condition", [ET_INT] = "an integer", [ET_NUM] = "a number",
		[ET_STR] = "a string", [ET_DATE] = "a date",
	};
	return names[t];
}

static bool numeric(enum etype t)
{
	return t == ET_INT || t == ET_NUM;
}

struct expr_column expr_declared(const struct dqa_rules *rules, const char *column)
{
	static const enum etype of_vtype[] = {
		[VT_STRING] = ET_STR, [VT_INTEGER] = ET_INT, [VT_NUMBER] = ET_NUM,
		[VT_DATE] = ET_DATE, [VT_BOOLEAN] = ET_BOOL,
	};
	const struct column_decl *decl = rules_column(rules, column);
	return decl ? (struct expr_column){of_vtype[decl->type], decl->format, decl->number}
		    : (struct expr_column){ET_STR, NULL, NUMBER_STYLE_PLAIN};
}

static enum etype declared_type(const struct expr_src *src, const char *column)
{
	return expr_declared(src->ctx->rules, column).type;
}

static int node_error(const struct expr_src *src, const struct node *n, const char *hint,
		      const char *message)
{
	return expr_error(src, n->off, n->len, hint, "%s", message);
}

static int check(const struct expr_src *src, struct tree *t, int i);

static int check_arith(const struct expr_src *src, struct tree *t, struct node *n)
{
	enum etype l = t->nodes[n->a].type, r = t->nodes[n->b].type;
	if (numeric(l) && numeric(r)) {
		n->type = n->op == T_SLASH || l == ET_NUM || r == ET_NUM ? ET_NUM : ET_INT;
		return 0;
	}
	/* dates count in days: date + n, n + date, date - n, date - date */
	if (n->op == T_PLUS && ((l == ET_DATE && r == ET_INT) || (l == ET_INT && r == ET_DATE))) {
		n->type = ET_DATE;
		return 0;
	}
	if (n->op == T_MINUS && l == ET_DATE && (r == ET_INT || r == ET_DATE)) {
		n->type = r == ET_DATE ? ET_INT : ET_DATE;
		return 0;
	}
	char message[160];
	snprintf(message, sizeof message, "%s cannot take %s and %s", tok_name(n->op),
		 etype_name(l), etype_name(r));
	const char *hint = l == ET_STR || r == ET_STR
		? "declare the column's type under columns:, or convert with number(x) or date(x)"
		: "arithmetic is on numbers; a date takes + or - a number of days, and date - date "
		  "gives days";
	return node_error(src, n, hint, message);
}

static int check_cmp(const struct expr_src *src, struct tree *t, struct node *n)
{
	const struct node *a = &t->nodes[n->a], *b = &t->nodes[n->b];
	n->type = ET_BOOL;
	if (numeric(a->type) && numeric(b->type))
		return 0;
	if (a->type == b->type) {
		if (a->type != ET_BOOL || n->op == T_EQ || n->op == T_NE)
			return 0;
		return node_error(src, n, "compare conditions with == or !=",
				  "true and false have no order");
	}
	char message[160];
	snprintf(message, sizeof message, "cannot compare %s with %s", etype_name(a->type),
		 etype_name(b->type));
	bool date_and_text = (a->type == ET_DATE && b->type == ET_STR) ||
			     (a->type == ET_STR && b->type == ET_DATE);
	bool number_and_text = (numeric(a->type) && b->type == ET_STR) ||
			       (a->type == ET_STR && numeric(b->type));
	const char *hint = date_and_text ? "write a date as date('2026-01-01')"
		: number_and_text ? "declare the column's type under columns:, or convert with "
				    "number(x)"
		: "both sides must have the same type";
	return node_error(src, n, hint, message);
}

static int want_condition(const struct expr_src *src, const struct node *n, const char *op)
{
	if (n->type == ET_BOOL)
		return 0;
	char message[128];
	snprintf(message, sizeof message, "'%s' takes conditions, not %s", op, etype_name(n->type));
	return node_error(src, n, "compare it, e.g. x > 0 or x == 'a'", message);
}

/* An `in` list item must be a constant of the subject's type. */
static int check_in_item(const struct expr_src *src, const struct node *subject,
			 const struct node *item)
{
	if (item->kind != N_LIT)
		return node_error(src, item, "use == for other values: x == a or x == b",
				  "'in' lists take literal values");
	if (item->type == subject->type || (numeric(item->type) && numeric(subject->type)))
		return 0;
	char message[128];
	snprintf(message, sizeof message, "%s in a list of %s values", etype_name(item->type),
		 subject->type == ET_STR ? "string" : subject->type == ET_DATE ? "date" : "numeric");
	return node_error(src, item, subject->type == ET_DATE ? "write dates as date('2026-01-01')"
			  : "every item must have the type of the value before 'in'", message);
}

static int check_in(const struct expr_src *src, struct tree *t, struct node *n)
{
	const struct node *subject = &t->nodes[n->a];
	n->type = ET_BOOL;
	if (subject->type == ET_BOOL)
		return node_error(src, subject, "compare conditions with == or !=",
				  "'in' takes a value, not a condition");
	for (int i = n->b; i >= 0; i = t->nodes[i].next) {
		FORWARD_IF_ERROR(check(src, t, i));
		FORWARD_IF_ERROR(check_in_item(src, subject, &t->nodes[i]));
	}
	return 0;
}

/* date('2026-01-01') or date('22/11/2026', '%d/%m/%Y') becomes a constant. */
static int fold_date(const struct expr_src *src, struct tree *t, struct node *n)
{
	const struct node *text = &t->nodes[n->a];
	const struct node *format = n->nargs > 1 ? &t->nodes[text->next] : NULL;
	int64_t seconds;
	bool ok = format ? time_parse_format(format->lit.str.s, text->lit.str.s,
					    text->lit.str.len, &seconds)
			 : time_parse_iso(text->lit.str.s, text->lit.str.len, &seconds);
	if (!ok)
		return expr_error(src, text->off, text->len,
				  format ? "the date must match the format given after it"
					 : "write dates as YYYY-MM-DD, e.g. date('2026-01-01')",
				  "'%s' is not a date", text->lit.str.s);
	n->kind = N_LIT;
	n->type = ET_DATE;
	n->lit.i = expr_days(seconds);
	return 0;
}

static int check_literal_arg(const struct expr_src *src, const struct expr_function *fn,
			     const struct node *arg)
{
	if (arg->kind != N_LIT || arg->type != ET_STR) {
		char message[128];
		snprintf(message, sizeof message, "the second argument of '%s' must be a 'quoted' "
			 "literal", fn->name);
		return node_error(src, arg, fn->usage, message);
	}
	if (strcmp(fn->name, "date") == 0) {
		const char *problem = time_format_problem(arg->lit.str.s);
		if (problem)
			return expr_error(src, arg->off + 1 + (uint32_t)(problem - arg->lit.str.s), 2,
					  "directives: %Y %m %d %H %M %S %%",
					  "unsupported date format directive");
	}
	return 0;
}

/* A converting function given a column already of its result type (a date
 * column in date(), a numeric column in number()) reads it as declared. */
static bool takes_typed_column(const struct expr_src *src, const struct tree *t,
			       const struct expr_function *fn, const struct node *arg)
{
	if (arg->kind != N_COL || (fn->op != OP_TO_DATE && fn->op != OP_TO_NUM))
		return false;
	enum etype declared = declared_type(src, t->cols[arg->slot].name);
	return fn->op == OP_TO_DATE ? declared == ET_DATE : numeric(declared);
}

static int check_call(const struct expr_src *src, struct tree *t, struct node *n)
{
	const struct expr_function *fn = &expr_functions[n->fn];
	if (n->nargs < fn->min_args || n->nargs > fn->max_args) {
		char message[128];
		snprintf(message, sizeof message, "'%s' takes %d%s argument%s, not %d", fn->name,
			 fn->min_args, fn->max_args > fn->min_args ? " or 2" : "",
			 fn->max_args > 1 ? "s" : "", n->nargs);
		return node_error(src, n, fn->usage, message);
	}
	struct node *arg = &t->nodes[n->a];
	if (arg->kind == N_COL && !takes_typed_column(src, t, fn, arg))
		arg->raw = true;
	FORWARD_IF_ERROR(check(src, t, n->a));
	n->type = fn->result;
	if (n->nargs > 1)
		FORWARD_IF_ERROR(check_literal_arg(src, fn, &t->nodes[arg->next]));
	if (arg->type != fn->arg && !takes_typed_column(src, t, fn, arg)) {
		char message[128];
		snprintf(message, sizeof message, "'%s' takes a string, not %s", fn->name,
			 etype_name(arg->type));
		return node_error(src, arg, fn->usage, message);
	}
	if ((fn->flags & FN_CONST_FOLD) && arg->kind == N_LIT)
		return fold_date(src, t, n);
	return 0;
}

static int check(const struct expr_src *src, struct tree *t, int i)
{
	struct node *n = &t->nodes[i];
	switch (n->kind) {
	case N_LIT:
		return 0;
	case N_TODAY:
		n->type = ET_DATE;
		return 0;
	case N_COL:
		n->type = n->raw ? ET_STR : declared_type(src, t->cols[n->slot].name);
		return 0;
	case N_NEG:
		FORWARD_IF_ERROR(check(src, t, n->a));
		n->type = t->nodes[n->a].type;
		if (numeric(n->type))
			return 0;
		return node_error(src, n, "only numbers have a sign", "'-' takes a number");
	case N_ARITH:
		FORWARD_IF_ERROR(check(src, t, n->a));
		FORWARD_IF_ERROR(check(src, t, n->b));
		return check_arith(src, t, n);
	case N_CMP:
		FORWARD_IF_ERROR(check(src, t, n->a));
		FORWARD_IF_ERROR(check(src, t, n->b));
		return check_cmp(src, t, n);
	case N_AND:
	case N_OR:
		FORWARD_IF_ERROR(check(src, t, n->a));
		FORWARD_IF_ERROR(check(src, t, n->b));
		n->type = ET_BOOL;
		FORWARD_IF_ERROR(want_condition(src, &t->nodes[n->a], n->kind == N_AND ? "and" : "or"));
		return want_condition(src, &t->nodes[n->b], n->kind == N_AND ? "and" : "or");
	case N_NOT:
		FORWARD_IF_ERROR(check(src, t, n->a));
		n->type = ET_BOOL;
		return want_condition(src, &t->nodes[n->a], "not");
	case N_IN:
		FORWARD_IF_ERROR(check(src, t, n->a));
		return check_in(src, t, n);
	case N_CALL:
		return check_call(src, t, n);
	}
	return 0;
}

int expr_typecheck(const struct expr_src *src, struct tree *t)
{
	FORWARD_IF_ERROR(check(src, t, t->root));
	const struct node *root = &t->nodes[t->root];
	if (root->type == ET_BOOL)
		return 0;
	char message[128];
	snprintf(message, sizeof message, "the %s must be a condition (true or false), not %s",
		 src->what, etype_name(root->type));
	return node_error(src, root, "compare it, e.g. len(name) > 0", message);
}
