/* correct.date: a date in the column's format (or `format`) within [min,
 * max], whole days, where a bound is an ISO date or relative to --now:
 * today, today-30d, today+2w, today-6mo, today+1y (the duration grammar of
 * when.h, months and years moving the calendar). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "note.h"
#include "when.h"
#include "../util/timeparse.h"

enum { SECONDS_PER_DAY = 86400, MONTHS_PER_YEAR = 12 };

struct day_bound {
	bool present, relative;
	int64_t day;          /* absolute: days since 1970-01-01 */
	struct duration offset;   /* relative: signed, from today */
};

struct date_config {
	const char *format;   /* NULL: ISO 8601 */
	struct day_bound min, max;
	struct dqa_pos max_pos;
};

struct date_state {
	int64_t min_day, max_day;
};

static const char bound_hint[] =
	"write an ISO date (2026-01-01), today, or today with an offset: today-30d, today+2w, "
	"today-6mo, today+1y";

static int read_bound(struct rules_ctx *ctx, const struct ynode *v, const char *what,
		      struct day_bound *out)
{
	const char *text;
	FORWARD_IF_ERROR(param_string(ctx, v, what, &text));
	out->present = true;
	int64_t t;
	if (time_parse_iso(text, v->len, &t) && v->len == 10) {
		out->day = time_day(t);
		return 0;
	}
	static const char today[] = "today";
	if (strncmp(text, today, 5) != 0)
		return rules_error(ctx, v, bound_hint, "'%s' must be a date or today-relative", what);
	out->relative = true;
	out->offset = (struct duration){0, DUR_D};
	const char *p = text + 5;
	if (!*p)
		return 0;
	enum duration_parse_result parsed = *p == '+' || *p == '-'
		? duration_parse(p + 1, v->len - 6, &out->offset) : DURATION_BAD;
	if (parsed == DURATION_AMBIGUOUS)
		return when_ambiguous(ctx, v);
	if (parsed != DURATION_OK)
		return rules_error(ctx, v, bound_hint, "bad relative date '%s'", text);
	if (*p == '-')
		out->offset.amount = -out->offset.amount;
	return 0;
}

static int date_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct date_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	const struct ynode *min = ymap_get(map, "min"), *max = ymap_get(map, "max");
	if (!min && !max)
		return rules_error_pos(ctx, c->pos, "add min: or max: (without bounds, use 'type')",
				       "'date' needs min or max");
	if (min)
		FORWARD_IF_ERROR(read_bound(ctx, min, "min", &cfg->min));
	if (max) {
		FORWARD_IF_ERROR(read_bound(ctx, max, "max", &cfg->max));
		cfg->max_pos = max->pos;
	}
	if (min && max && !cfg->min.relative && !cfg->max.relative && cfg->min.day > cfg->max.day)
		return rules_error(ctx, max, NULL, "'max' (%s) is before 'min' (%s)", max->text,
				   min->text);
	return rules_check_date_format(ctx, c->cols[0].name, map, &cfg->format);
}

/* Whole days; months and years move the calendar, shorter units count as
 * the days they span (rounded toward today). */
static int64_t resolve(const struct day_bound *b, int64_t today)
{
	if (!b->relative)
		return b->day;
	switch (b->offset.unit) {
	case DUR_MO: return time_add_months(today, b->offset.amount);
	case DUR_Y: return time_add_months(today, b->offset.amount * MONTHS_PER_YEAR);
	default: return today + duration_seconds(b->offset) / SECONDS_PER_DAY;
	}
}

static int date_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	const struct date_config *cfg = b->def->config;
	struct date_state *st = calloc(1, sizeof *st);
	RETURN_IF_NOMEM(st, err);
	b->state = st;
	int64_t today = time_day(plan->opts.now);
	st->min_day = cfg->min.present ? resolve(&cfg->min, today) : INT64_MIN;
	st->max_day = cfg->max.present ? resolve(&cfg->max, today) : INT64_MAX;
	if (st->min_day > st->max_day)
		return error_at(err, DQA_ERULES, plan->rules->path, cfg->max_pos,
				"relative bounds are resolved against --now",
				"'max' falls before 'min' for --now");
	return 0;
}

static void day_text(int64_t day, char out[11])
{
	char iso[21];
	time_format_iso(day * SECONDS_PER_DAY, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

static bool date_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct date_config *cfg = b->def->config;
	const struct date_state *st = b->state;
	int64_t t;
	if (!time_parse_as(cfg->format, row->fields[b->cols[0]], row->lens[b->cols[0]], &t))
		return note_fail(note, cap, true, "not a date", "format %s",
				 cfg->format ? cfg->format : "ISO 8601");
	int64_t day = time_day(t);
	if (day >= st->min_day && day <= st->max_day)
		return true;
	char bound[11];
	bool early = day < st->min_day;
	day_text(early ? st->min_day : st->max_day, bound);
	return note_fail(note, cap, true, early ? "before min" : "after max", "%s", bound);
}

static void date_unbind(struct bound_check *b)
{
	free(b->state);
}

static const char *const date_params[] = {"min", "max", "format", NULL};

const struct check_ops check_date = {
	.kind = "date", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .mapping_only = true,
	.params = date_params, .configure = date_configure, .bind = date_bind,
	.row = date_row, .unbind = date_unbind,
};
