/* The built-in functions of the expression language, one row each; col()
 * is syntax (parser.c), not a function. */
#include <string.h>

#include "expr_impl.h"

const struct expr_function expr_functions[] = {
	{"date", 1, 2, ET_STR, ET_DATE, OP_TO_DATE, FN_LITERAL_2ND | FN_CONST_FOLD,
	 "date('2026-01-01'), date(x) or date(x, '%d/%m/%Y')"},
	{"is_empty", 1, 1, ET_STR, ET_BOOL, OP_IS_EMPTY, 0, "is_empty(x)"},
	{"len", 1, 1, ET_STR, ET_INT, OP_LEN, 0, "len(x)"},
	{"lower", 1, 1, ET_STR, ET_STR, OP_LOWER, 0, "lower(x)"},
	{"matches", 2, 2, ET_STR, ET_BOOL, OP_MATCHES, FN_LITERAL_2ND, "matches(x, '^[0-9]+$')"},
	{"number", 1, 1, ET_STR, ET_NUM, OP_TO_NUM, 0, "number(x)"},
	{"trim", 1, 1, ET_STR, ET_STR, OP_TRIM, 0, "trim(x)"},
	{"upper", 1, 1, ET_STR, ET_STR, OP_UPPER, 0, "upper(x)"},
	{NULL, 0, 0, ET_STR, ET_STR, 0, 0, NULL},
};

const struct expr_function *expr_function(const char *name, size_t len, int *index)
{
	for (int i = 0; expr_functions[i].name; i++)
		if (strlen(expr_functions[i].name) == len &&
		    memcmp(expr_functions[i].name, name, len) == 0) {
			*index = i;
			return &expr_functions[i];
		}
	return NULL;
}
