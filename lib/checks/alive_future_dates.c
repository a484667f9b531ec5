/* alive.future_dates: a date that lies after --now (plus an optional
 * tolerance, for clocks and time zones) is a typing or system error. Values
 * that are not dates fail too, as in fresh. */
#include <stdio.h>

#include "check.h"
#include "when.h"
#include "../util/timeparse.h"

struct future_config {
	int64_t tolerance_s;
	const char *format;       /* NULL: ISO 8601 */
};

static int future_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct future_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	FORWARD_IF_ERROR(when_duration(ctx, c, map, "tolerance", false, &cfg->tolerance_s));
	return rules_check_date_format(ctx, c->cols[0].name, map, &cfg->format);
}

static bool future_row(struct bound_check *b, const struct plan_row *row, char *note,
		       size_t cap)
{
	const struct future_config *cfg = b->def->config;
	int col = b->cols[0];
	int64_t t;
	if (!time_parse_as(cfg->format, row->fields[col], row->lens[col], &t)) {
		if (note)
			snprintf(note, cap, "not a date");
		return false;
	}
	int64_t ahead = t - b->plan->opts.now;
	if (ahead <= cfg->tolerance_s)
		return true;
	if (note) {
		char span[32];
		when_span(ahead, span, sizeof span);
		snprintf(note, cap, "%s after now", span);
	}
	return false;
}

static const char *const future_params[] = {"format", "tolerance", NULL};

const struct check_ops check_future_dates = {
	.kind = "future_dates", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN,
	.params = future_params, .configure = future_configure, .row = future_row,
};
