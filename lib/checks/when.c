/* Durations and spans shared by fresh, future_dates and file_age. */
#include <stdio.h>

#include "when.h"
#include "../timeparse.h"

int when_duration(struct rules_ctx *ctx, const struct check *c, const struct ynode *map,
		  const char *name, bool required, int64_t *seconds)
{
	const struct ynode *v = map && map->kind == YNODE_MAP ? ymap_get(map, name) : map;
	if (!v) {
		if (!required)
			return 0;
		return rules_error_pos(ctx, c->pos, "add max_age: 7d (s, m, h, d or w)",
				       "'%s' needs %s", c->ops->kind, name);
	}
	if (v->kind != YNODE_SCALAR || !duration_parse(v->text, v->len, seconds))
		return rules_error(ctx, v, "write a number and a unit: 45s, 90m, 36h, 7d, 2w",
				   "'%s' must be a duration", name);
	return 0;
}

void when_span(int64_t seconds, char *buf, size_t cap)
{
	static const struct { char unit; int64_t seconds; } units[] = {
		{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1},
	};
	size_t i = 0;
	while (i + 1 < sizeof units / sizeof *units && seconds < units[i].seconds)
		i++;
	int64_t major = seconds / units[i].seconds;
	int64_t minor = i + 1 < sizeof units / sizeof *units
		? seconds % units[i].seconds / units[i + 1].seconds : 0;
	if (minor)
		snprintf(buf, cap, "%lld%c %lld%c", (long long)major, units[i].unit,
			 (long long)minor, units[i + 1].unit);
	else
		snprintf(buf, cap, "%lld%c", (long long)major, units[i].unit);
}
