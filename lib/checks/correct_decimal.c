/* correct.decimal: a fixed-point number [+-]DIGITS[SEP DIGITS] that fits a
 * SQL-style DECIMAL(precision, scale): at most `scale` digits after the
 * separator, at most precision - scale before it (leading zeros do not
 * count, trailing zeros do). */
#include <math.h>

#include "check.h"
#include "note.h"

enum { DIGITS_MAX = 1000 };

struct decimal_config {
	size_t precision, scale;   /* precision 0: no limit on the total */
	char separator;
};

static int read_count(struct rules_ctx *ctx, const struct ynode *v, const char *what,
		      size_t *out)
{
	double n;
	FORWARD_IF_ERROR(param_number(ctx, v, what, &n));
	if (n < 0 || n > DIGITS_MAX || n != floor(n))
		return rules_error(ctx, v, NULL, "'%s' must be a whole number from 0 to %d", what,
				   DIGITS_MAX);
	*out = (size_t)n;
	return 0;
}

static int decimal_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct decimal_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->separator = '.';
	const struct ynode *precision = ymap_get(map, "precision"), *scale = ymap_get(map, "scale"),
			   *sep = ymap_get(map, "separator");
	if (!precision && !scale)
		return rules_error_pos(ctx, c->pos, "e.g. precision: 12, scale: 2",
				       "'decimal' needs precision or scale");
	if (precision) {
		FORWARD_IF_ERROR(read_count(ctx, precision, "precision", &cfg->precision));
		if (cfg->precision == 0)
			return rules_error(ctx, precision, NULL, "'precision' must be at least 1");
	}
	if (scale)
		FORWARD_IF_ERROR(read_count(ctx, scale, "scale", &cfg->scale));
	if (precision && cfg->scale > cfg->precision)
		return rules_error(ctx, scale, "scale counts digits after the separator, within precision",
				   "'scale' (%zu) is above 'precision' (%zu)", cfg->scale, cfg->precision);
	if (sep) {
		const char *text;
		FORWARD_IF_ERROR(param_string(ctx, sep, "separator", &text));
		if (!yscalar_eq(sep, ".") && !yscalar_eq(sep, ","))
			return rules_error(ctx, sep, "write separator: '.' or separator: ','",
					   "'separator' must be '.' or ','");
		cfg->separator = text[0];
	}
	return 0;
}

static bool decimal_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct decimal_config *cfg = b->def->config;
	const char *s = row->fields[b->cols[0]];
	size_t len = row->lens[b->cols[0]], i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	size_t start = i;
	while (i < len && s[i] == '0')
		i++;
	size_t significant_from = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t int_digits = i - significant_from, frac_digits = 0;
	bool whole = i > start;
	if (whole && i < len && s[i] == cfg->separator) {
		size_t frac_start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		frac_digits = i - frac_start;
		whole = frac_digits > 0;
	}
	if (!whole || i != len)
		return note_fail(note, cap, true, "not a decimal number",
				 cfg->separator == '.' ? "write [+-]DIGITS[.DIGITS]" : "write [+-]DIGITS[,DIGITS]");
	if (frac_digits > cfg->scale)
		return note_fail(note, cap, true, "more decimals than scale", "%zu > %zu", frac_digits,
				 cfg->scale);
	if (cfg->precision && int_digits > cfg->precision - cfg->scale)
		return note_fail(note, cap, true, "too many digits before the separator",
				 "%zu > %zu", int_digits, cfg->precision - cfg->scale);
	return true;
}

static const char *const decimal_params[] = {"precision", "scale", "separator", NULL};

const struct check_ops check_decimal = {
	.kind = "decimal", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = decimal_params, .configure = decimal_configure, .row = decimal_row,
};
