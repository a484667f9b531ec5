/* correct.vn_citizen_id: a 12-digit Vietnamese citizen ID (CCCD) whose
 * province code, century-and-gender digit and birth year are plausible,
 * optionally cross-checked against birth-date and gender columns. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "note.h"
#include "vn_ident.h"
#include "../util/timeparse.h"

struct citizen_config {
	struct colref birth_date, gender;   /* name NULL: not cross-checked */
	const char *birth_format;           /* NULL: ISO 8601 (or a bare year) */
};

struct citizen_state {
	int birth_col, gender_col;          /* -1: not cross-checked */
	int64_t now_year;
	bool show_id, show_birth, show_gender;   /* false for pii columns */
};

enum { GENDER_MALE, GENDER_FEMALE, GENDER_UNKNOWN, YEAR_DIGITS = 4 };

/* Spellings of the gender column, compared ASCII-case-insensitively. 1/2/0
 * follow the population database (1 male, 2 female, 0 not recorded). */
static const struct {
	const char *spelling;
	int gender;
} genders[] = {
	{"nam", GENDER_MALE}, {"male", GENDER_MALE}, {"m", GENDER_MALE}, {"1", GENDER_MALE},
	{"nữ", GENDER_FEMALE}, {"NỮ", GENDER_FEMALE}, {"female", GENDER_FEMALE},
	{"f", GENDER_FEMALE}, {"2", GENDER_FEMALE}, {"0", GENDER_UNKNOWN},
};

static int optional_column(struct rules_ctx *ctx, const struct ynode *map, const char *key,
			   struct colref *out)
{
	const struct ynode *v = ymap_get(map, key);
	if (!v)
		return 0;
	FORWARD_IF_ERROR(param_string(ctx, v, key, &out->name));
	out->pos = v->pos;
	return 0;
}

static int citizen_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct citizen_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	if (!map)
		return 0;
	FORWARD_IF_ERROR(optional_column(ctx, map, "birth_date", &cfg->birth_date));
	FORWARD_IF_ERROR(optional_column(ctx, map, "gender", &cfg->gender));
	return cfg->birth_date.name
		? rules_check_date_format(ctx, cfg->birth_date.name, NULL, &cfg->birth_format) : 0;
}

static int bind_optional(const struct plan *plan, const struct colref *ref, int *col,
			 bool *show, dqa_error *err)
{
	*col = -1;
	if (!ref->name)
		return 0;
	FORWARD_IF_ERROR(plan_resolve(plan, ref, plan->inputs[0], col, err));
	*show = !plan_column_pii(plan, *col);
	return 0;
}

static int citizen_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	const struct citizen_config *cfg = b->def->config;
	struct citizen_state *st = calloc(1, sizeof *st);
	RETURN_IF_NOMEM(st, err);
	b->state = st;
	st->now_year = time_year(plan->opts.now);
	st->show_id = !plan_column_pii(plan, b->cols[0]);
	FORWARD_IF_ERROR(bind_optional(plan, &cfg->birth_date, &st->birth_col, &st->show_birth, err));
	return bind_optional(plan, &cfg->gender, &st->gender_col, &st->show_gender, err);
}

/* The year of a birth-date value: a bare four-digit year, or a date in the
 * column's format. */
static bool birth_year(const struct citizen_config *cfg, const char *s, size_t len,
		       int64_t *year)
{
	if (len == YEAR_DIGITS && digits_only(s, len)) {
		*year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		return true;
	}
	int64_t t;
	if (!time_parse_as(cfg->birth_format, s, len, &t))
		return false;
	*year = time_year(t);
	return true;
}

static bool birth_agrees(const struct bound_check *b, const struct plan_row *row,
			 const struct vn_citizen *who, char *note, size_t cap)
{
	const struct citizen_state *st = b->state;
	const char *s = row->fields[st->birth_col];
	size_t len = row->lens[st->birth_col];
	int64_t year;
	if (len == 0)
		return true;
	if (!birth_year(b->def->config, s, len, &year))
		return note_fail(note, cap, st->show_birth, "birth date is not a date", "'%.*s'",
				 note_quote_len(s, len), s);
	if (year != who->birth_year)
		return note_fail(note, cap, st->show_birth && st->show_id,
				 "birth year differs from digits 4-6", "%s %lld, digits say %d",
				 b->plan->header[st->birth_col], (long long)year, who->birth_year);
	return true;
}

static int gender_of(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof genders / sizeof *genders; i++)
		if (strlen(genders[i].spelling) == len && strncasecmp(genders[i].spelling, s, len) == 0)
			return genders[i].gender;
	return -1;
}

static bool gender_agrees(const struct bound_check *b, const struct plan_row *row,
			  const struct vn_citizen *who, char *note, size_t cap)
{
	const struct citizen_state *st = b->state;
	const char *s = row->fields[st->gender_col];
	size_t len = row->lens[st->gender_col];
	if (len == 0)
		return true;
	int gender = gender_of(s, len);
	if (gender < 0)
		return note_fail(note, cap, st->show_gender, "gender is not a known spelling",
				 "'%.*s'", note_quote_len(s, len), s);
	if (gender == GENDER_UNKNOWN || gender == (who->female ? GENDER_FEMALE : GENDER_MALE))
		return true;
	return note_fail(note, cap, st->show_gender && st->show_id, "gender differs from digit 4",
			 "%.*s, digit 4 says %s", note_quote_len(s, len), s, who->female ? "female" : "male");
}

static bool citizen_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct citizen_state *st = b->state;
	int col = b->cols[0];
	struct vn_citizen who;
	if (!vn_citizen_id_valid(row->fields[col], row->lens[col], st->now_year, st->show_id, &who,
				 note, cap))
		return false;
	if (st->birth_col >= 0 && !birth_agrees(b, row, &who, note, cap))
		return false;
	return st->gender_col < 0 || gender_agrees(b, row, &who, note, cap);
}

static void citizen_unbind(struct bound_check *b)
{
	free(b->state);
}

static const char *const citizen_params[] = {"birth_date", "gender", NULL};

const struct check_ops check_vn_citizen_id = {
	.kind = "vn_citizen_id", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN,
	.params = citizen_params, .configure = citizen_configure, .bind = citizen_bind,
	.row = citizen_row, .unbind = citizen_unbind,
};
