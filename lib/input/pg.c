/* PostgreSQL through libpq (pg.h). */
#include "pg.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

struct pg {
	PGconn *conn;
	const char *name;      /* the operand, for messages (it holds no password) */
	char *row;             /* PQgetCopyData's row, not yet all handed on */
	size_t row_at, row_len;
	bool done;
};

bool pg_is_uri(const char *operand)
{
	return strncmp(operand, "postgresql://", 13) == 0 || strncmp(operand, "postgres://", 11) == 0;
}

/* The server's message, its first line, with err's code DQA_EINPUT. */
static int server_error(struct pg *pg, const char *what, dqa_error *err)
{
	const char *msg = PQerrorMessage(pg->conn);
	size_t len = strcspn(msg, "\n");
	return error_at(err, DQA_EINPUT, pg->name, DQA_NOPOS,
			"check the server, the table and the credentials (PGPASSWORD, ~/.pgpass)",
			"%s: %.*s", what, (int)len, msg);
}

/* The URI without its table parameter into conninfo, and the table's
 * name into table (both malloc'd). */
static int split_uri(const char *uri, char **conninfo, char **table, dqa_error *err)
{
	const char *query = strchr(uri, '?');
	const char *authority = strstr(uri, "://") + 3;
	const char *at = strchr(authority, '@'), *slash = strchr(authority, '/');
	if (at && (!slash || at < slash) && memchr(authority, ':', (size_t)(at - authority)))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"give the password in PGPASSWORD or ~/.pgpass, never in the URI",
				"a PostgreSQL URI must not hold a password");
	*conninfo = calloc(1, strlen(uri) + 1);
	*table = NULL;
	RETURN_IF_NOMEM(*conninfo, err);
	size_t base = query ? (size_t)(query - uri) : strlen(uri);
	memcpy(*conninfo, uri, base);
	char sep = '?';
	for (const char *p = query ? query + 1 : NULL; p && *p;) {
		size_t len = strcspn(p, "&");
		if (strncmp(p, "password=", 9) == 0)
			return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
					"give the password in PGPASSWORD or ~/.pgpass, never in the URI",
					"a PostgreSQL URI must not hold a password");
		if (strncmp(p, "table=", 6) == 0 && !*table) {
			RETURN_IF_NOMEM(*table = strndup(p + 6, len - 6), err);
		} else {
			size_t at_end = strlen(*conninfo);
			(*conninfo)[at_end] = sep;
			memcpy(*conninfo + at_end + 1, p, len);
			sep = '&';
		}
		p += len + (p[len] == '&');
	}
	if (!*table || !**table)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"name the table: postgresql://HOST/DB?table=SCHEMA.NAME",
				"the PostgreSQL URI names no table");
	return 0;
}

/* "SCHEMA"."NAME" quoted by the server's rules. */
static char *quoted_table(PGconn *conn, const char *table)
{
	const char *dot = strchr(table, '.');
	char *schema = dot ? PQescapeIdentifier(conn, table, (size_t)(dot - table)) : NULL;
	char *name = PQescapeIdentifier(conn, dot ? dot + 1 : table, strlen(dot ? dot + 1 : table));
	char *out = NULL;
	if (name && (schema || !dot) && (out = malloc(strlen(name) + (schema ? strlen(schema) : 0) + 2)))
		sprintf(out, "%s%s%s", schema ? schema : "", schema ? "." : "", name);
	PQfreemem(schema);
	PQfreemem(name);
	return out;
}

static int start_copy(struct pg *pg, const char *table, dqa_error *err)
{
	PGresult *r = PQexec(pg->conn, "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok)
		return server_error(pg, "cannot start a read-only transaction", err);
	char *quoted = quoted_table(pg->conn, table);
	RETURN_IF_NOMEM(quoted, err);
	size_t len = strlen(quoted) + 80;
	char *sql = malloc(len);
	if (sql)
		snprintf(sql, len, "COPY (SELECT * FROM %s) TO STDOUT WITH (FORMAT csv, HEADER)", quoted);
	free(quoted);
	RETURN_IF_NOMEM(sql, err);
	r = PQexec(pg->conn, sql);
	free(sql);
	ok = PQresultStatus(r) == PGRES_COPY_OUT;
	PQclear(r);
	return ok ? 0 : server_error(pg, "cannot read the table", err);
}

int pg_open(struct pg **out, const char *uri, dqa_error *err)
{
	*out = NULL;
	char *conninfo = NULL, *table = NULL;
	int rc = split_uri(uri, &conninfo, &table, err);
	struct pg *pg = rc == 0 ? calloc(1, sizeof *pg) : NULL;
	if (rc == 0 && !pg)
		rc = error_nomem(err);
	if (rc == 0) {
		pg->name = uri;
		pg->conn = PQconnectdb(conninfo);
		if (PQstatus(pg->conn) != CONNECTION_OK)
			rc = server_error(pg, "cannot connect", err);
		else
			rc = start_copy(pg, table, err);
	}
	free(conninfo);
	free(table);
	if (rc < 0) {
		pg_close(pg);
		return rc;
	}
	*out = pg;
	return 0;
}

/* After the last row: the COPY's own result, then the commit. */
static int finish(struct pg *pg, dqa_error *err)
{
	PGresult *r = PQgetResult(pg->conn);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	while ((r = PQgetResult(pg->conn)))
		PQclear(r);
	if (!ok)
		return server_error(pg, "reading the table failed", err);
	r = PQexec(pg->conn, "COMMIT");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	pg->done = true;
	return ok ? 0 : server_error(pg, "cannot end the transaction", err);
}

ssize_t pg_read(struct pg *pg, void *buf, size_t cap, dqa_error *err)
{
	while (pg->row_at == pg->row_len) {
		if (pg->done)
			return 0;
		PQfreemem(pg->row);
		pg->row = NULL;
		pg->row_at = pg->row_len = 0;
		int n = PQgetCopyData(pg->conn, &pg->row, 0);
		if (n == -1)
			FORWARD_IF_ERROR(finish(pg, err));
		else if (n < 0)
			return server_error(pg, "reading the table failed", err);
		else
			pg->row_len = (size_t)n;
	}
	size_t n = pg->row_len - pg->row_at < cap ? pg->row_len - pg->row_at : cap;
	memcpy(buf, pg->row + pg->row_at, n);
	pg->row_at += n;
	return (ssize_t)n;
}

void pg_close(struct pg *pg)
{
	if (!pg)
		return;
	PQfreemem(pg->row);
	PQfinish(pg->conn);
	free(pg);
}
