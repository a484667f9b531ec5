/* Durations and spans shared by fresh, future_dates and file_age. */
#include <stdio.h>

#include "when.h"
#include "../util/timeparse.h"

static const char duration_hint[] = "write a number and a unit: 45s, 90min, 36h, 7d, 2w, 6mo, 1y";

int when_ambiguous(struct rules_ctx *ctx, const struct ynode *v)
{
	return rules_error(ctx, v, "units: s, min, h, d, w, mo, y",
			   "'%s' is ambiguous: write 'min' for minutes or 'mo' for months", v->text);
}

int when_duration(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		  const char *name, bool required, int64_t *seconds)
{
	const struct ynode *v = map && map->kind == YNODE_MAP ? ymap_get(map, name) : map;
	if (!v) {
		if (!required)
			return 0;
		return rules_error_pos(ctx, c->pos, "add max_age: 7d (s, min, h, d, w, mo or y)",
				       "'%s' needs %s", c->ops->kind, name);
	}
	struct duration d;
	enum duration_parse_result parsed = v->kind == YNODE_SCALAR
		? duration_parse(v->text, v->len, &d) : DURATION_BAD;
	if (parsed == DURATION_AMBIGUOUS)
		return when_ambiguous(ctx, v);
	if (parsed != DURATION_OK)
		return rules_error(ctx, v, duration_hint, "'%s' must be a duration", name);
	*seconds = duration_seconds(d);
	return 0;
}

void when_span(int64_t seconds, char *buf, size_t cap)
{
	static const struct { const char *unit; int64_t seconds; } units[] = {
		{"d", 86400}, {"h", 3600}, {"min", 60}, {"s", 1},
	};
	size_t i = 0;
	while (i + 1 < sizeof units / sizeof *units && seconds < units[i].seconds)
		i++;
	int64_t major = seconds / units[i].seconds;
	int64_t minor = i + 1 < sizeof units / sizeof *units
		? seconds % units[i].seconds / units[i + 1].seconds : 0;
	if (minor)
		snprintf(buf, cap, "%lld%s %lld%s", (long long)major, units[i].unit,
			 (long long)minor, units[i + 1].unit);
	else
		snprintf(buf, cap, "%lld%s", (long long)major, units[i].unit);
}
