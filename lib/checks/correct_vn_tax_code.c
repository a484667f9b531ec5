/* correct.vn_tax_code: a Vietnamese enterprise tax code (mã số thuế), ten
 * digits ending in a check digit, or a branch code NNNNNNNNNN-NNN; with
 * allow_personal_id, also a 12-digit citizen ID (personal tax codes are
 * citizen IDs since Circular 86/2024/TT-BTC). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "note.h"
#include "value_tests.h"
#include "vn_ident.h"
#include "../util/timeparse.h"

enum { TAX_DIGITS = 10, BRANCH_LEN = 14, BRANCH_DASH = 10, PERSONAL_DIGITS = 12 };

struct tax_config {
	bool allow_personal_id;
};

struct tax_state {
	int64_t now_year;
	bool show;      /* false for a pii column */
};

static int tax_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct tax_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	const struct ynode *v = map ? ymap_get(map, "allow_personal_id") : NULL;
	return v ? param_bool(ctx, v, "allow_personal_id", &cfg->allow_personal_id) : 0;
}

static int tax_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	struct tax_state *st = calloc(1, sizeof *st);
	RETURN_IF_NOMEM(st, err);
	b->state = st;
	st->now_year = time_year(plan->opts.now);
	st->show = !plan_column_pii(plan, b->cols[0]);
	return 0;
}

/* The ten-digit body: digits 3-9 are a sequence number from 0000001, digit
 * 10 the check digit. */
static bool body_valid(const char *s, bool show, char *note, size_t cap)
{
	if (memcmp(s + 2, "0000000", 7) == 0)
		return note_fail(note, cap, true, "sequence number 0000000 is never issued", NULL);
	int check = vn_tax_check_digit(s);
	if (check < 0)
		return note_fail(note, cap, true,
				 "no check digit exists for the first nine digits", NULL);
	if (s[9] - '0' != check)
		return note_fail(note, cap, show, "wrong check digit", "%c, expected %d", s[9], check);
	return true;
}

bool vn_tax_code_valid(const char *s, size_t len, bool allow_personal_id, int64_t now_year,
		       bool show, char *note, size_t cap)
{
	size_t head = first_non_digit(s, len);
	if (head == len && len == TAX_DIGITS)
		return body_valid(s, show, note, cap);
	if (head == len && len == PERSONAL_DIGITS && allow_personal_id)
		return vn_citizen_id_valid(s, len, now_year, show, NULL, note, cap);
	if (len == BRANCH_LEN && head == BRANCH_DASH && s[BRANCH_DASH] == '-' &&
	    digits_only(s + BRANCH_DASH + 1, len - BRANCH_DASH - 1)) {
		if (memcmp(s + BRANCH_DASH + 1, "000", 3) == 0)
			return note_fail(note, cap, true, "branch number must be 001-999", NULL);
		return body_valid(s, show, note, cap);
	}
	if (head == len && len == PERSONAL_DIGITS)
		return note_fail(note, cap, true, "12 digits: a citizen ID, not a tax code",
				 "allow_personal_id: true accepts one");
	if (head == BRANCH_DASH && s[BRANCH_DASH] == '-')
		return note_fail(note, cap, true, "branch code must be NNNNNNNNNN-NNN", NULL);
	if (head == len && len == BRANCH_LEN - 1)
		return note_fail(note, cap, true, "branch code without its dash",
				 "write NNNNNNNNNN-NNN");
	return note_fail(note, cap, true,
			 allow_personal_id
				 ? "10 digits, NNNNNNNNNN-NNN or a 12-digit citizen ID expected"
				 : "10 digits or NNNNNNNNNN-NNN expected",
			 head < len ? "character %zu is not a digit" : "got %zu digits",
			 head < len ? head + 1 : len);
}

static bool tax_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct tax_config *cfg = b->def->config;
	const struct tax_state *st = b->state;
	return vn_tax_code_valid(row->fields[b->cols[0]], row->lens[b->cols[0]],
				 cfg->allow_personal_id, st->now_year, st->show, note, cap);
}

static void tax_unbind(struct bound_check *b)
{
	free(b->state);
}

static const char *const tax_params[] = {"allow_personal_id", NULL};

const struct check_ops check_vn_tax_code = {
	.kind = "vn_tax_code", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN,
	.params = tax_params, .configure = tax_configure, .bind = tax_bind, .row = tax_row,
	.unbind = tax_unbind,
};
