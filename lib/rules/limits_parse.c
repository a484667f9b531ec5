/* The `limits:` section of a rule file, read into struct limits
 * (lib/input/limits.h). */
#include "limits_parse.h"

#include <errno.h>
#include <stdlib.h>

struct limit_key {
	const char *name;
	bool size;               /* bytes: takes a K, M or G suffix */
	size_t offset;           /* of the size_t or uint32_t in struct limits */
	bool narrow;             /* a uint32_t */
};

static const struct limit_key limit_keys[] = {
	{"max_field", true, offsetof(struct limits, max_field), false},
	{"max_record", true, offsetof(struct limits, max_record), false},
	{"max_columns", false, offsetof(struct limits, max_columns), false},
	{"max_units", false, offsetof(struct limits, max_units), false},
	{"max_ref_values", false, offsetof(struct limits, max_ref_values), false},
	{"regex_match", false, offsetof(struct limits, regex_match), true},
	{"regex_depth", false, offsetof(struct limits, regex_depth), true},
	{"max_xlsx_part", true, offsetof(struct limits, max_xlsx_part), false},
	{"max_shared_strings", false, offsetof(struct limits, max_shared_strings), false},
	{"max_shared_bytes", true, offsetof(struct limits, max_shared_bytes), false},
};

enum { NLIMIT_KEYS = sizeof limit_keys / sizeof *limit_keys };

static int parse_value(struct rules_ctx *ctx, const struct ynode *node,
		       const struct limit_key *k, struct limits *out)
{
	const char *hint = k->size ? "write a whole number of bytes, optionally with K, M or G "
				     "(binary): 64M"
				   : "write a whole number, at least 1";
	if (node->kind != YNODE_SCALAR || !node->plain || node->len == 0 || node->text[0] == '-')
		return rules_error(ctx, node, hint, "'%s' must be a %s", k->name,
				   k->size ? "size" : "whole number");
	char *end;
	errno = 0;
	unsigned long long v = strtoull(node->text, &end, 10);
	unsigned shift = 0;
	if (k->size && *end && !end[1]) {
		const char *suffixes = "KMG";
		for (unsigned i = 0; i < 3; i++)
			if (*end == suffixes[i] || *end == suffixes[i] + ('a' - 'A'))
				shift = 10 * (i + 1), end++;
	}
	unsigned long long max = k->narrow ? UINT32_MAX : SIZE_MAX;
	if (end == node->text || *end || errno || v == 0 || v > (max >> shift))
		return rules_error(ctx, node, hint, "'%s' must be a %s from 1 to %llu%s", k->name,
				   k->size ? "size" : "whole number", max,
				   k->size ? " bytes" : "");
	v <<= shift;
	char *field = (char *)out + k->offset;
	if (k->narrow)
		*(uint32_t *)(void *)field = (uint32_t)v;
	else
		*(size_t *)(void *)field = (size_t)v;
	return 0;
}

int limits_parse(struct rules_ctx *ctx, const struct ynode *map, struct limits *out)
{
	if (map->kind != YNODE_MAP)
		return rules_error(ctx, map, "write limits: {max_field: 1M, ...}",
				   "'limits' must be a mapping, not %s", ynode_kind_name(map->kind));
	const char *names[NLIMIT_KEYS];
	for (size_t i = 0; i < NLIMIT_KEYS; i++)
		names[i] = limit_keys[i].name;
	char hint[256];
	const struct ynode *bad = rules_unknown_key(map, names, NLIMIT_KEYS, 0, "limits takes:",
						    hint, sizeof hint);
	if (bad)
		return rules_error(ctx, bad, hint, "unknown key '%s' in limits", bad->text);
	for (size_t i = 0; i < NLIMIT_KEYS; i++) {
		const struct ynode *v = ymap_get(map, limit_keys[i].name);
		if (v)
			FORWARD_IF_ERROR(parse_value(ctx, v, &limit_keys[i], out));
	}
	return 0;
}
