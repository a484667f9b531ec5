/* correct.vn_phone: a Vietnamese mobile (10 digits, 03/05/07/08/09) or
 * landline (11 digits, 02 and the area code) number, written with a leading
 * 0 or the +84/84 country code, digit groups optionally separated by single
 * spaces, dots or dashes. With normalise, only the plain 0xxxxxxxxx form
 * passes and the note shows what a row would become. */
#include <string.h>

#include "check.h"
#include "note.h"
#include "value_tests.h"
#include "vn_ident.h"

enum { MOBILE_DIGITS = 10, LANDLINE_DIGITS = 11, NATIONAL_MAX = VN_PHONE_NATIONAL_MAX };

struct phone_config {
	bool normalise;
};

static int phone_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct phone_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	const struct ynode *v = map ? ymap_get(map, "normalise") : NULL;
	return v ? param_bool(ctx, v, "normalise", &cfg->normalise) : 0;
}

static bool is_separator(char c)
{
	return c == ' ' || c == '.' || c == '-';
}

/* The national form (leading 0, digits only) of s in out; *ndigits counts
 * every digit even past NATIONAL_MAX, so a huge value still reports its
 * length. Fails on a character or separator out of place. */
static bool national_form(const char *s, size_t len, char out[NATIONAL_MAX], size_t *ndigits,
			  char *note, size_t cap)
{
	size_t i = 0, n = 0;
	if (len >= 3 && memcmp(s, "+84", 3) == 0)
		i = 3;
	else if (len >= 2 && memcmp(s, "84", 2) == 0)
		i = 2;
	if (i)
		out[n++] = '0';
	else if (len && s[0] == '+')
		return note_fail(note, cap, true, "only the +84 country code is accepted", NULL);
	/* Digits only, as most numbers are written: copied at once. */
	size_t digits = first_non_digit(s + i, len - i);
	if (i + digits == len) {
		memcpy(out + n, s + i, digits < NATIONAL_MAX - n ? digits : NATIONAL_MAX - n);
		*ndigits = n + digits;
		return true;
	}
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (n < NATIONAL_MAX)
				out[n] = s[i];
			n++;
		} else if (!is_separator(s[i]) || i == 0 || i + 1 == len ||
			   is_separator(s[i + 1])) {
			return note_fail(note, cap, true,
					 is_separator(s[i]) ? "separator out of place"
							    : "not a digit or separator",
					 "character %zu", i + 1);
		}
	}
	*ndigits = n;
	return true;
}

/* The second digit of a national number: 02 a landline, 03, 05, 07, 08
 * and 09 a mobile. A switch, not strchr: every field of a phone column
 * asks. */
static bool known_prefix(char c)
{
	switch (c) {
	case '2': case '3': case '5': case '7': case '8': case '9':
		return true;
	default:
		return false;
	}
}

bool vn_phone_valid(const char *s, size_t len, char national[VN_PHONE_NATIONAL_MAX],
		    size_t *ndigits, char *note, size_t cap)
{
	size_t n = 0;
	if (!national_form(s, len, national, &n, note, cap))
		return false;
	if (n < 2 || national[0] != '0')
		return note_fail(note, cap, true, "must start with 0, +84 or 84", NULL);
	size_t want = national[1] == '2' ? LANDLINE_DIGITS : MOBILE_DIGITS;
	if (national[1] == '0' && s[0] != '0')
		return note_fail(note, cap, true, "0 after the country code", NULL);
	if (national[1] == '1')
		return note_fail(note, cap, true, "01x mobile numbers were renumbered in 2018", NULL);
	if (!known_prefix(national[1]))
		return note_fail(note, cap, true, "not a mobile (03/05/07/08/09) or landline (02) prefix",
				 "0%c", national[1]);
	if (n != want)
		return note_fail(note, cap, true,
				 want == LANDLINE_DIGITS ? "landline numbers have 11 digits"
							 : "mobile numbers have 10 digits",
				 "got %zu", n);
	*ndigits = n;
	return true;
}

static bool phone_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct phone_config *cfg = b->def->config;
	const char *s = row->fields[b->cols[0]];
	size_t len = row->lens[b->cols[0]];
	char national[NATIONAL_MAX];
	size_t n = 0;
	if (!vn_phone_valid(s, len, national, &n, note, cap))
		return false;
	if (cfg->normalise && (len != n || memcmp(s, national, n) != 0))
		return note_fail(note, cap, !plan_column_pii(b->plan, b->cols[0]), "not in normal form", "%.*s", (int)n, national);
	return true;
}

static const char *const phone_params[] = {"normalise", NULL};

const struct check_ops check_vn_phone = {
	.kind = "vn_phone", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .params = phone_params,
	.configure = phone_configure, .row = phone_row,
};
