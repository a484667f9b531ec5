/* Splits an expression into tokens. Operators from other languages (=, &&,
 * ||, !, <>, double quotes) are errors with the spelling to use instead. */
#include <string.h>

#include "expr_impl.h"

static bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Operators, longest first so that "<=" wins over "<". */
static const struct {
	const char *text;
	enum tok kind;
} operators[] = {
	{"==", T_EQ}, {"!=", T_NE}, {"<=", T_LE}, {">=", T_GE},
	{"<", T_LT}, {">", T_GT}, {"+", T_PLUS}, {"-", T_MINUS}, {"*", T_STAR},
	{"/", T_SLASH}, {"(", T_LPAREN}, {")", T_RPAREN}, {",", T_COMMA},
};

/* Spellings users bring from SQL, C or Python, and what dqa writes. */
static const struct {
	const char *text, *hint;
} foreign[] = {
	{"<>", "write '!='"}, {"&&", "write 'and'"}, {"||", "write 'or'"},
	{"=", "write '==' to compare"}, {"!", "write 'not'"},
	{"\"", "write strings in single quotes: 'text'"},
};

/* A quoted run ending at the next lone `quote`; a doubled quote stands for
 * one. Returns the length including both quotes, or 0 when unterminated. */
static size_t quoted_length(const char *s, size_t len, char quote)
{
	for (size_t i = 1; i < len; i++) {
		if (s[i] != quote)
			continue;
		if (i + 1 < len && s[i + 1] == quote) {
			i++;
			continue;
		}
		return i + 1;
	}
	return 0;
}

static int lex_quoted(struct lexer *lx, struct token *out, enum tok kind)
{
	const struct expr_src *src = lx->src;
	const char *s = src->text + lx->pos;
	char quote = *s;
	size_t n = quoted_length(s, src->len - lx->pos, quote);
	if (!n)
		return expr_error(src, lx->pos, 1,
				  quote == '\'' ? "close it with ' (write '' for a quote inside it)"
						: "close it with ` (write `` for a backquote inside it)",
				  "unterminated %s", quote == '\'' ? "string" : "quoted column name");
	*out = (struct token){kind, (uint32_t)lx->pos, (uint32_t)n};
	lx->pos += n;
	return 0;
}

static int lex_number(struct lexer *lx, struct token *out)
{
	const char *s = lx->src->text;
	size_t start = lx->pos, i = lx->pos;
	enum tok kind = T_INT;
	while (i < lx->src->len && is_digit(s[i]))
		i++;
	if (i + 1 < lx->src->len && s[i] == '.' && is_digit(s[i + 1])) {
		kind = T_NUM;
		for (i++; i < lx->src->len && is_digit(s[i]); i++)
			;
	}
	if (i < lx->src->len && is_ident_char((unsigned char)s[i]))
		return expr_error(lx->src, start, i + 1 - start,
				  "a column name starts with a letter; quote others as `name`",
				  "malformed number");
	*out = (struct token){kind, (uint32_t)start, (uint32_t)(i - start)};
	lx->pos = i;
	return 0;
}

int lex_next(struct lexer *lx, struct token *out)
{
	const struct expr_src *src = lx->src;
	const char *s = src->text;
	while (lx->pos < src->len && strchr(" \t\r\n", s[lx->pos]))
		lx->pos++;
	if (lx->pos >= src->len) {
		*out = (struct token){T_END, (uint32_t)src->len, 0};
		return 0;
	}
	size_t rest = src->len - lx->pos;
	const char *p = s + lx->pos;
	if (*p == '\'')
		return lex_quoted(lx, out, T_STR);
	if (*p == '`')
		return lex_quoted(lx, out, T_QIDENT);
	if (is_digit(*p))
		return lex_number(lx, out);
	if (is_ident_start((unsigned char)*p)) {
		size_t n = 1;
		while (n < rest && is_ident_char((unsigned char)p[n]))
			n++;
		*out = (struct token){T_IDENT, (uint32_t)lx->pos, (uint32_t)n};
		lx->pos += n;
		return 0;
	}
	for (size_t i = 0; i < sizeof operators / sizeof *operators; i++) {
		size_t n = strlen(operators[i].text);
		if (n <= rest && memcmp(p, operators[i].text, n) == 0) {
			*out = (struct token){operators[i].kind, (uint32_t)lx->pos, (uint32_t)n};
			lx->pos += n;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof foreign / sizeof *foreign; i++) {
		size_t n = strlen(foreign[i].text);
		if (n <= rest && memcmp(p, foreign[i].text, n) == 0)
			return expr_error(src, lx->pos, n, foreign[i].hint, "unexpected '%s'",
					  foreign[i].text);
	}
	size_t n = 1;
	while (n < rest && ((unsigned char)p[n] & 0xC0) == 0x80)
		n++;
	return expr_error(src, lx->pos, n, "see EXPRESSIONS in dqa-rules(5)",
			  "unexpected character '%.*s'", (int)n, p);
}

const char *tok_name(enum tok kind)
{
	static const char *const names[] = {
		[T_END] = "the end", [T_INT] = "a number", [T_NUM] = "a number",
		[T_STR] = "a string", [T_IDENT] = "a name", [T_QIDENT] = "a column name",
		[T_LPAREN] = "'('", [T_RPAREN] = "')'", [T_COMMA] = "','",
		[T_PLUS] = "'+'", [T_MINUS] = "'-'", [T_STAR] = "'*'", [T_SLASH] = "'/'",
		[T_EQ] = "'=='", [T_NE] = "'!='", [T_LT] = "'<'", [T_LE] = "'<='",
		[T_GT] = "'>'", [T_GE] = "'>='",
	};
	return names[kind];
}
