/* The `source:` entry of a rule file (source_parse.h). */
#include "source_parse.h"

#include <string.h>

#include "../input/pg.h"

static const char *const source_keys[] = {"postgresql", "query"};

static int parse_uri(struct rules_ctx *ctx, const struct ynode *node, const char **uri)
{
	FORWARD_IF_ERROR(param_string(ctx, node, "postgresql", uri));
	if (!pg_is_uri(*uri))
		return rules_error(ctx, node, "write a libpq URI: postgresql://HOST/DATABASE",
				   "'postgresql' must be a URI starting with postgresql:// or "
				   "postgres://");
	if (!pg_uri_has_password(*uri))
		return 0;
	int rc = rules_error(ctx, node,
			     "give the password in PGPASSWORD or ~/.pgpass, never in the URI",
			     "a PostgreSQL URI must not hold a password");
	/* The excerpt shows the line, so it is taken now, with the password masked. */
	ydoc_excerpt(&ctx->rules->doc, ctx->err);
	pg_mask_passwords(ctx->err->excerpt);
	return rc;
}

int source_parse(struct rules_ctx *ctx, const struct ynode *map)
{
	if (map->kind != YNODE_MAP)
		return rules_error(ctx, map, "write source: {postgresql: URI, query: \"SELECT ...\"}",
				   "'source' must be a mapping, not %s", ynode_kind_name(map->kind));
	char hint[200];
	const struct ynode *key = rules_unknown_key(map, source_keys, 2, 0, "source takes:", hint,
						    sizeof hint);
	if (key)
		return rules_error(ctx, key, hint, "unknown key '%s' in source", key->text);
	const struct ynode *uri = ymap_get(map, "postgresql"), *query = ymap_get(map, "query");
	if (!uri)
		return rules_error(ctx, map, "write source: {postgresql: URI, query: \"SELECT ...\"}",
				   "'source' needs 'postgresql'");
	struct dqa_rules *r = ctx->rules;
	FORWARD_IF_ERROR(parse_uri(ctx, uri, &r->source));
	if (query) {
		FORWARD_IF_ERROR(param_string(ctx, query, "query", &r->dialect.query));
		if (!r->dialect.query[strspn(r->dialect.query, " \t\r\n")])
			return rules_error(ctx, query, "write the SELECT whose rows are audited",
					   "'query' is empty");
		if (pg_uri_has_table(r->source))
			return rules_error(ctx, query, "drop table= from the URI, or the query",
					   "the URI names a table and 'query' gives rows: give one");
	} else if (!pg_uri_has_table(r->source)) {
		return rules_error(ctx, uri, "add query: \"SELECT ...\", or ?table=SCHEMA.NAME to the URI",
				   "'source' names no table and no query");
	}
	return 0;
}
