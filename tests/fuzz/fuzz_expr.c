/* libFuzzer target: the expression compiler (lexer, parser, type checker,
 * code generator) and the evaluator. The input is an expression, then
 * optionally a NUL and the row's values separated by NULs. It must compile
 * or fail with DQA_ERULES at a column inside the text; what compiles must
 * evaluate on the row without crashing, whatever the values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

/* A header with every type, as test_expr.c declares it. */
static struct column_decl columns[] = {
	{.name = "n", .type = VT_INTEGER}, {.name = "x", .type = VT_NUMBER},
	{.name = "d", .type = VT_DATE}, {.name = "f", .type = VT_DATE, .format = "%d/%m/%Y"},
	{.name = "b", .type = VT_BOOLEAN},
};
static const char *const header[] = {"n", "x", "d", "f", "b", "s", "t"};
enum { NHEADER = sizeof header / sizeof *header, MAX_TEXT = 4096 };

static int column_index(const char *name)
{
	for (int h = 0; h < NHEADER; h++)
		if (strcmp(name, header[h]) == 0)
			return h;
	return NHEADER - 1;   /* an undeclared column: a string, like t */
}

static void evaluate(const struct expr *e, const char *values, size_t nvalues)
{
	const char *row[NHEADER];
	size_t lens[NHEADER];
	const char *p = values, *end = values + nvalues;
	for (int h = 0; h < NHEADER; h++) {
		row[h] = p < end ? p : "";
		lens[h] = strlen(row[h]);
		p += p < end ? lens[h] + 1 : 0;
	}
	size_t ncols;
	const struct colref *cols = expr_columns(e, &ncols);
	int index[EXPR_MAX_NODES];
	for (size_t i = 0; i < ncols; i++)
		index[i] = column_index(cols[i].name);
	struct expr_run *run = NULL;
	dqa_error err = {0};
	char note[256];
	if (expr_run_new(&run, e, index, 1795391999, &err) == 0)
		expr_eval(e, run, row, lens, note, sizeof note);
	expr_run_free(run);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MAX_TEXT)
		return 0;
	/* The scalar's text is NUL-terminated, as the YAML tree keeps it. */
	char *buf = malloc(size + 1);
	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	size_t len = strlen(buf);
	struct dqa_rules rules = {.path = "rules.yaml", .columns = columns,
				  .ncolumns = sizeof columns / sizeof *columns,
				  .limits = LIMITS_DEFAULT};
	dqa_error err = {0};
	struct rules_ctx ctx = {&rules, &err, NULL};
	struct ynode node = {.kind = YNODE_SCALAR, .pos = {1, 1, (unsigned)len + 1},
			     .text = buf, .len = len, .plain = true};
	struct expr *e = NULL;
	int rc = expr_compile(&ctx, &node, "expression", &e);
	if (rc == 0) {
		evaluate(e, buf + len + (len < size), size - len - (len < size));
		expr_release(e);
	} else if (rc != DQA_ERULES || err.line != 1 || err.column < 1 ||
		   err.column > len + 2) {
		abort();   /* an error points inside the scalar (or just past it) */
	}
	arena_release(&rules.arena);
	free(buf);
	return 0;
}
