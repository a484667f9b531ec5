/* A PostgreSQL table or query as CSV text: the rows of `COPY (SELECT *
 * FROM TABLE) TO STDOUT WITH (FORMAT csv, HEADER)`, or of COPY (QUERY),
 * streamed through libpq inside one read-only REPEATABLE READ transaction,
 * so the audit reads one snapshot. The operand is a libpq URI
 * (postgresql:// or postgres://) whose `table` parameter (SCHEMA.NAME or
 * NAME) dqa removes before connecting; a rule file's `source:` entry gives
 * a query instead.
 * Credentials come from libpq's usual places (PGPASSWORD, ~/.pgpass,
 * service files); a URI that carries a password is refused, so none can
 * reach a report, a history row or a message. */
#ifndef DQA_PG_H
#define DQA_PG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../util/error.h"

struct pg;

/* What to read besides the URI's table. A shard of a sharded read gets
 * the rows whose `shard_by` value hashes to it on the server
 * ((hashtext(COLUMN::text) & 2147483647) % nshards = shard - 1, NULL to
 * shard 1), each prefixed by a first column holding the physical line the
 * row starts on in the unsharded read's text, so samples and duplicate
 * order merge as one read. */
struct pg_select {
	const char *query;      /* a rule file's SELECT; NULL: the URI's table */
	const char *shard_by;   /* the column rows are hashed on when sharded */
	unsigned shard, nshards;   /* shard (from 1) of nshards; nshards < 2: all rows */
};

/* Whether operand names a PostgreSQL database. */
bool pg_is_uri(const char *operand);
/* Whether the URI holds a password (user:PASSWORD@ or password=). */
bool pg_uri_has_password(const char *uri);
/* Overwrites with '*' every password of a URI in text (user:PASSWORD@,
 * password=PASSWORD), so that a line quoting it can be shown. */
void pg_mask_passwords(char *text);
/* Whether the URI has a table= parameter. */
bool pg_uri_has_table(const char *uri);

/* Connects and starts the COPY; *out NULL on failure (DQA_EARG for a URI
 * that is malformed, holds a password, or names a table with a query or
 * neither; DQA_EINPUT with the server's message otherwise). sel NULL:
 * the URI's table, all rows. */
int pg_open(struct pg **out, const char *uri, const struct pg_select *sel, dqa_error *err);
/* Up to cap bytes of CSV text; 0 at the end (the transaction committed),
 * or DQA_EINPUT with the server's message (the connection lost, a query
 * error mid-read). */
ssize_t pg_read(struct pg *pg, void *buf, size_t cap, dqa_error *err);
/* Ends the connection; NULL is a no-op. */
void pg_close(struct pg *pg);

#endif
