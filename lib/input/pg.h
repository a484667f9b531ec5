/* A PostgreSQL table as CSV text: the rows of `COPY (SELECT * FROM TABLE)
 * TO STDOUT WITH (FORMAT csv, HEADER)` streamed through libpq inside one
 * read-only REPEATABLE READ transaction, so the audit reads one snapshot.
 * The operand is a libpq URI (postgresql:// or postgres://) whose `table`
 * parameter (SCHEMA.NAME or NAME) dqa removes before connecting.
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

/* Whether operand names a PostgreSQL table. */
bool pg_is_uri(const char *operand);

/* Connects and starts the COPY; *out NULL on failure (DQA_EARG for a URI
 * that is malformed, lacks table= or holds a password; DQA_EINPUT with
 * the server's message otherwise). */
int pg_open(struct pg **out, const char *uri, dqa_error *err);
/* Up to cap bytes of CSV text; 0 at the end (the transaction committed),
 * or DQA_EINPUT with the server's message (the connection lost, a query
 * error mid-read). */
ssize_t pg_read(struct pg *pg, void *buf, size_t cap, dqa_error *err);
/* Ends the connection; NULL is a no-op. */
void pg_close(struct pg *pg);

#endif
