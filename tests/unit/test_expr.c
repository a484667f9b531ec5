/* The expression language: syntax and type errors with their positions,
 * and evaluation, including empty values, Unicode, division by zero,
 * integer overflow and date arithmetic. */
#include <stdint.h>
#include <stdlib.h>

#include "expr/expr.h"
#include "tap.h"

/* Declared columns; t, `my col` and everything else are strings. */
static struct column_decl columns[] = {
	{.name = "n", .type = VT_INTEGER}, {.name = "x", .type = VT_NUMBER},
	{.name = "d", .type = VT_DATE}, {.name = "f", .type = VT_DATE, .format = "%d/%m/%Y"},
	{.name = "b", .type = VT_BOOLEAN},
};
static const char *const header[] = {"n", "x", "d", "f", "b", "s", "t", "my col"};
enum { NHEADER = sizeof header / sizeof *header };

static struct dqa_rules rules = {.path = "rules.yaml", .columns = columns,
				 .ncolumns = sizeof columns / sizeof *columns,
				 .limits = LIMITS_DEFAULT};
static dqa_error err;

/* Compiles text as if it were a plain scalar on line 1 from column 1 (its
 * span, the width of a one-line scalar, is at least its length). */
static struct expr *compile(const char *text)
{
	struct ynode node = {.kind = YNODE_SCALAR, .pos = {1, 1, (unsigned)strlen(text) + 1},
			     .text = text, .len = strlen(text), .plain = true};
	struct rules_ctx ctx = {&rules, &err, NULL};
	struct expr *e = NULL;
	memset(&err, 0, sizeof err);
	return expr_compile(&ctx, &node, "expression", &e) == 0 ? e : NULL;
}

/* Compiling fails with this message at this column. */
static bool fails_at(const char *text, unsigned column, const char *message)
{
	struct expr *e = compile(text);
	if (e) {
		expr_release(e);
		fprintf(stderr, "compiled: %s\n", text);
		return false;
	}
	if (err.column != column || strcmp(err.message, message) != 0) {
		fprintf(stderr, "%s: got %u '%s'\n", text, err.column, err.message);
		return false;
	}
	return true;
}

/* 2026-11-22T23:59:59Z: today is 2026-11-22 */
static const int64_t now = 1795391999;
static char note[256];

/* Evaluates text on a row given as NHEADER values. */
static enum expr_result eval_row(const char *text, const char *const row[NHEADER])
{
	note[0] = '\0';
	struct expr *e = compile(text);
	if (!e) {
		fprintf(stderr, "%s: %s\n", text, err.message);
		return (enum expr_result)-1;
	}
	size_t ncols;
	const struct colref *cols = expr_columns(e, &ncols);
	int index[EXPR_MAX_NODES];
	for (size_t i = 0; i < ncols; i++)
		for (int h = 0; h < NHEADER; h++)
			if (strcmp(cols[i].name, header[h]) == 0)
				index[i] = h;
	size_t lens[NHEADER];
	for (int h = 0; h < NHEADER; h++)
		lens[h] = strlen(row[h]);
	struct expr_run *run;
	enum expr_result r = (enum expr_result)-1;
	if (expr_run_new(&run, e, index, now, &err) == 0)
		r = expr_eval(e, run, row, lens, note, sizeof note);
	expr_run_free(run);
	expr_release(e);
	return r;
}

static const char *const row[NHEADER] = {
	"5", "2.5", "2026-01-31", "31/01/2026", "Yes", "Nguyễn", " a\t", "x y",
};
static const char *const empty[NHEADER] = {"", "", "", "", "", "", "", ""};

static bool is_true(const char *text)
{
	enum expr_result r = eval_row(text, row);
	if (r != EXPR_TRUE)
		fprintf(stderr, "not true: %s (%s)\n", text, note);
	return r == EXPR_TRUE;
}

static bool is_false(const char *text)
{
	return eval_row(text, row) == EXPR_FALSE;
}

static void syntax_errors(void)
{
	EXPECT(fails_at("s = 'a'", 3, "unexpected '='"));
	EXPECT(fails_at("s == 'a' && n > 1", 10, "unexpected '&&'"));
	EXPECT(fails_at("s == \"a\"", 6, "unexpected '\"'"));
	EXPECT(fails_at("n >= ", 5, "expected a value at the end of the expression"));
	EXPECT(fails_at("(n > 1", 7, "expected ')' at the end of the expression"));
	EXPECT(fails_at("s == 'abc", 6, "unterminated string"));
	EXPECT(fails_at("`my col == 'a'", 1, "unterminated quoted column name"));
	EXPECT(fails_at("n < 2 < 3", 7, "comparisons do not chain"));
	EXPECT(fails_at("n > 1 AND n < 3", 7, "expected an operator, found 'AND'"));
	EXPECT(fails_at("lenght(s) > 1", 1, "unknown function 'lenght'"));
	EXPECT(fails_at("n > 1x", 5, "malformed number"));
	EXPECT(fails_at("n not 1", 7, "expected 'in' after 'not', found a number"));
	EXPECT(fails_at("", 1, "empty expression"));
	EXPECT(fails_at("s == 'Hà' ~ 1", 11, "unexpected character '~'"));
	/* columns count characters, not bytes */
	EXPECT(fails_at("'Nguyễn' = s", 10, "unexpected '='"));
}

static void type_errors(void)
{
	EXPECT(fails_at("d > '2026-01-01'", 1, "cannot compare a date with a string"));
	EXPECT(fails_at("n + s > 1", 1, "'+' cannot take an integer and a string"));
	EXPECT(fails_at("d + d > d", 1, "'+' cannot take a date and a date"));
	EXPECT(fails_at("n", 1, "the expression must be a condition (true or false), not an integer"));
	EXPECT(fails_at("n > 1 and s", 11, "'and' takes conditions, not a string"));
	EXPECT(fails_at("b < true", 1, "true and false have no order"));
	EXPECT(fails_at("s in ('a', 1)", 12, "an integer in a list of string values"));
	EXPECT(fails_at("s in ('a', t)", 12, "'in' lists take literal values"));
	EXPECT(fails_at("len(n + 1) > 1", 5, "'len' takes a string, not an integer"));
	EXPECT(fails_at("len() > 1", 1, "'len' takes 1 argument, not 0"));
	EXPECT(fails_at("matches(s, t)", 12, "the second argument of 'matches' must be a 'quoted' literal"));
	EXPECT(fails_at("matches(s, 'a(')", 15, "bad regex at offset 2: missing closing parenthesis"));
	EXPECT(fails_at("d == date('2026-02-29')", 11, "'2026-02-29' is not a date"));
	EXPECT(fails_at("-s == 'a'", 1, "'-' takes a number"));
}

static void limits(void)
{
	char text[2048] = "";
	for (int i = 0; i < 70; i++)
		strcat(text, "(");
	strcat(text, "n > 1");
	for (int i = 0; i < 70; i++)
		strcat(text, ")");
	struct expr *e = compile(text);
	EXPECT(!e && strstr(err.message, "nested too deeply"));
	strcpy(text, "n == 1");
	for (int i = 0; i < 90; i++)
		strcat(text, " or n == 1");
	e = compile(text);
	EXPECT(!e && strstr(err.message, "expression too large"));
	EXPECT(is_true("not not not not (n == 5)"));
}

static void empty_values(void)
{
	EXPECT(eval_row("s == ''", empty) == EXPR_TRUE);
	EXPECT(eval_row("is_empty(s) and len(s) == 0", empty) == EXPR_TRUE);
	EXPECT(eval_row("n > 0", empty) == EXPR_ERROR);
	EXPECT_STR(note, "'n' is empty, not an integer");
	EXPECT(eval_row("d < today", empty) == EXPR_ERROR);
	EXPECT_STR(note, "'d' is empty, not a date");
	/* a typed column is read as text by is_empty, and or short-circuits */
	EXPECT(eval_row("is_empty(n) or n > 0", empty) == EXPR_TRUE);
	EXPECT(eval_row("not is_empty(d) and d < today", empty) == EXPR_FALSE);
	EXPECT(eval_row("trim(t) == ''", empty) == EXPR_TRUE);
	EXPECT(eval_row("number(s) > 1", empty) == EXPR_ERROR);
	EXPECT_STR(note, "number(): the text is not a number");
}

static void strings(void)
{
	EXPECT(is_true("len(s) == 6 and len('Hà Nội') == 6"));
	EXPECT(is_true("upper(s) == 'NGUYỄN' and lower('ĐỨC') == 'đức'"));
	EXPECT(is_true("lower(upper(s)) == lower(s) and upper(lower(s)) == upper(s)"));
	EXPECT(is_true("trim(t) == 'a' and t != 'a'"));
	EXPECT(is_true("matches(s, '^\\p{Lu}\\p{Ll}+$') and not matches(s, 'x')"));
	EXPECT(is_true("matches(n, '^[0-9]$')"));   /* a typed column, as text */
	EXPECT(is_true("'a' < 'b' and 'ab' > 'a' and 'B' < 'a'"));
	EXPECT(is_true("s in ('An', 'Nguyễn') and t not in ('a')"));
	EXPECT(is_true("`my col` == 'x y' and col('my col') == 'x y'"));
	EXPECT(is_true("'it''s' == 'it''s' and len('it''s') == 4"));
	/* invalid UTF-8 bytes count one each and survive case mapping */
	const char *bad[NHEADER] = {"", "", "", "", "", "a\xff", "", ""};
	EXPECT(eval_row("len(s) == 2 and upper(s) == 'A\xff'", bad) == EXPR_TRUE);
	/* long values move case mapping to a larger scratch block */
	static char longer[5000];
	memset(longer, 'a', sizeof longer - 1);
	const char *big[NHEADER] = {"", "", "", "", "", longer, "", ""};
	EXPECT(eval_row("len(upper(s)) == 4999 and lower(upper(s)) == s", big) == EXPR_TRUE);
}

static void numbers(void)
{
	EXPECT(is_true("n / 2 == 2.5 and n * 2 == 10 and n - 7 == -2"));
	EXPECT(is_true("x * 2 == n and x + 1 > 3 and -x < 0"));
	EXPECT(is_true("n in (1, 5) and x in (2.5) and n in (5.0)"));
	EXPECT(is_true("number(x) == 2.5 and number('1e3') == 1000"));
	EXPECT(is_false("n > 5"));
	EXPECT(eval_row("x / (n - 5) > 1", row) == EXPR_ERROR);
	EXPECT_STR(note, "division by zero");
	const char *huge[NHEADER] = {"9223372036854775807", "", "", "", "", "", "", ""};
	EXPECT(eval_row("n + 1 > 0", huge) == EXPR_ERROR);
	EXPECT_STR(note, "integer overflow");
	EXPECT(eval_row("n * 1 == 9223372036854775807", huge) == EXPR_TRUE);
	const char *text[NHEADER] = {"5x", "1,5", "", "", "maybe", "", "", ""};
	EXPECT(eval_row("n > 0", text) == EXPR_ERROR);
	EXPECT_STR(note, "'n' is not an integer");
	EXPECT(eval_row("x > 0", text) == EXPR_ERROR);
	EXPECT_STR(note, "'x' is not a number");
	EXPECT(eval_row("b", text) == EXPR_ERROR);
	EXPECT_STR(note, "'b' is not a condition");
	/* the right side is not evaluated when the left decides */
	EXPECT(eval_row("false and n > 0", text) == EXPR_FALSE);
	EXPECT(eval_row("true or n > 0", text) == EXPR_TRUE);
}

static void dates(void)
{
	EXPECT(is_true("d - date('2026-01-01') == 30 and d + 1 == date('2026-02-01')"));
	EXPECT(is_true("f == d and f - 31 == date('2025-12-31')"));
	EXPECT(is_true("today == date('2026-11-22') and today - d == 295"));
	EXPECT(is_true("date('2024-03-01') - date('2024-02-28') == 2"));
	EXPECT(is_true("date('1969-12-31') - date('1970-01-01') == -1"));
	EXPECT(is_true("date('31/01/2026', '%d/%m/%Y') == d and date(f) == d"));
	/* a value that does not convert fails the row, even before an `or` */
	EXPECT(eval_row("date(t, '%d/%m/%Y') == d or true", row) == EXPR_ERROR);
	EXPECT(is_true("d in (date('2026-01-31'), date('2026-02-01'))"));
	EXPECT(is_true("b and b == true"));
	/* a date-time counts as its UTC date */
	const char *times[NHEADER] = {"", "", "2026-02-01T03:00:00+07:00", "", "", "31-01-2026",
				      "", ""};
	EXPECT(eval_row("d == date('2026-01-31')", times) == EXPR_TRUE);
	EXPECT(eval_row("date(s) < today", times) == EXPR_ERROR);
	EXPECT_STR(note, "date(): the text is not a date");
	EXPECT(eval_row("date(s, '%d-%m-%Y') == d", times) == EXPR_TRUE);
}

int main(void)
{
	syntax_errors();
	type_errors();
	limits();
	empty_values();
	strings();
	numbers();
	dates();
	return TAP_DONE();
}
