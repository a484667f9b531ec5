/* PostgreSQL through libpq (pg.h). */
#include "pg.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strbuf.h"

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

/* The URI's query parameter called name (name=...), or NULL. */
static const char *uri_param(const char *uri, const char *name, size_t *len)
{
	size_t nlen = strlen(name);
	for (const char *p = strchr(uri, '?'); p && *p;) {
		p++;
		size_t at = strcspn(p, "&");
		if (at > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			*len = at - nlen - 1;
			return p + nlen + 1;
		}
		p += at;
	}
	return NULL;
}

bool pg_uri_has_password(const char *uri)
{
	const char *authority = strstr(uri, "://");
	authority = authority ? authority + 3 : uri;
	const char *at = strchr(authority, '@'), *slash = strchr(authority, '/');
	size_t len;
	return (at && (!slash || at < slash) && memchr(authority, ':', (size_t)(at - authority))) ||
	       uri_param(uri, "password", &len);
}

void pg_mask_passwords(char *text)
{
	for (char *p = text; (p = strstr(p, "://")); ) {
		p += 3;
		size_t authority = strcspn(p, "/?@ \t\"'");
		char *colon = memchr(p, ':', authority);
		if (p[authority] == '@' && colon)
			memset(colon + 1, '*', (size_t)(p + authority - colon - 1));
	}
	for (char *p = text; (p = strstr(p, "password=")); ) {
		p += 9;
		size_t len = strcspn(p, "& \t\"'");
		memset(p, '*', len);
	}
}

bool pg_uri_has_table(const char *uri)
{
	size_t len;
	return uri_param(uri, "table", &len) != NULL;
}

static int password_refused(dqa_error *err)
{
	return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
			"give the password in PGPASSWORD or ~/.pgpass, never in the URI",
			"a PostgreSQL URI must not hold a password");
}

/* The URI without its table parameter into conninfo, and the table's
 * name into table (both malloc'd; table NULL when query names the rows). */
static int split_uri(const char *uri, const char *query, char **conninfo, char **table,
		     dqa_error *err)
{
	*conninfo = *table = NULL;
	if (pg_uri_has_password(uri))
		return password_refused(err);
	size_t len;
	const char *name = uri_param(uri, "table", &len);
	if (query && name)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"give the rows by the rule file's query, or by table=, not both",
				"the PostgreSQL URI names a table and the rule file a query");
	if (!query && (!name || !len))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"name the table: postgresql://HOST/DB?table=SCHEMA.NAME",
				"the PostgreSQL URI names no table");
	RETURN_IF_NOMEM(*conninfo = calloc(1, strlen(uri) + 1), err);
	if (name)
		RETURN_IF_NOMEM(*table = strndup(name, len), err);
	const char *params = strchr(uri, '?');
	size_t base = params ? (size_t)(params - uri) : strlen(uri);
	memcpy(*conninfo, uri, base);
	char sep = '?';
	for (const char *p = params ? params + 1 : NULL; p && *p;) {
		size_t at = strcspn(p, "&");
		if (strncmp(p, "table=", 6) != 0) {
			size_t end = strlen(*conninfo);
			(*conninfo)[end] = sep;
			memcpy(*conninfo + end + 1, p, at);
			sep = '&';
		}
		p += at + (p[at] == '&');
	}
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

/* Line ends in a row's text as the CSV reader counts them ('\n', "\r\n"
 * and a lone '\r' one each), of t, the row as composite text (whose
 * values hold the same raw line ends as their CSV fields). */
#define LINE_ENDS "(length(t) - length(replace(t, E'\\n', ''))) + " \
	"(length(t) - length(replace(t, E'\\r', ''))) - " \
	"(length(t) - length(replace(t, E'\\r\\n', ''))) / 2"

/* The COPY statement of sel's rows from rel (a quoted table, or a query
 * in parentheses) into sql. */
static void copy_statement(struct strbuf *sql, const char *rel, const struct pg_select *sel,
			   const char *column)
{
	if (sel->nshards < 2) {
		strbuf_printf(sql, "COPY (SELECT * FROM %s AS r) TO STDOUT WITH (FORMAT csv, HEADER)",
			      rel);
		return;
	}
	strbuf_printf(sql,
		      "COPY (SELECT l.dqa_line, (l.r).* FROM (SELECT r, 1 + sum(1 + n.ends) "
		      "OVER (ROWS UNBOUNDED PRECEDING) - n.ends AS dqa_line FROM %s AS r, "
		      "LATERAL (SELECT r::text AS t) AS x, LATERAL (SELECT " LINE_ENDS
		      " AS ends) AS n) AS l WHERE coalesce((hashtext((l.r).%s::text) & "
		      "2147483647) %% %u, 0) = %u) TO STDOUT WITH (FORMAT csv, HEADER)",
		      rel, column, sel->nshards, sel->shard - 1);
}

static int start_copy(struct pg *pg, const char *table, const struct pg_select *sel,
		      dqa_error *err)
{
	/* A sequential scan starts at the table's first block, so every read
	 * (and every shard's line numbers) sees the rows in one order. */
	PGresult *r = PQexec(pg->conn, "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;"
			     " SET LOCAL synchronize_seqscans = off");
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok)
		return server_error(pg, "cannot start a read-only transaction", err);
	struct strbuf rel = STRBUF_INIT, sql = STRBUF_INIT;
	char *column = NULL;
	if (table) {
		char *quoted = quoted_table(pg->conn, table);
		if (quoted)
			strbuf_puts(&rel, quoted);
		free(quoted);
	} else {
		strbuf_printf(&rel, "(%s)", sel->query);
	}
	if (sel->nshards > 1 && !(column = PQescapeIdentifier(pg->conn, sel->shard_by,
							      strlen(sel->shard_by))))
		rel.failed = true;
	if (!rel.failed)
		copy_statement(&sql, rel.buf, sel, column);
	PQfreemem(column);
	int rc = rel.failed || sql.failed ? error_nomem(err) : 0;
	if (rc == 0) {
		r = PQexec(pg->conn, sql.buf);
		ok = PQresultStatus(r) == PGRES_COPY_OUT;
		PQclear(r);
		rc = ok ? 0 : server_error(pg, table ? "cannot read the table" : "cannot run the query",
					   err);
	}
	strbuf_release(&rel);
	strbuf_release(&sql);
	return rc;
}

int pg_open(struct pg **out, const char *uri, const struct pg_select *sel, dqa_error *err)
{
	static const struct pg_select whole;
	sel = sel ? sel : &whole;
	*out = NULL;
	char *conninfo = NULL, *table = NULL;
	int rc = split_uri(uri, sel->query, &conninfo, &table, err);
	struct pg *pg = rc == 0 ? calloc(1, sizeof *pg) : NULL;
	if (rc == 0 && !pg)
		rc = error_nomem(err);
	if (rc == 0) {
		pg->name = uri;
		pg->conn = PQconnectdb(conninfo);
		if (PQstatus(pg->conn) != CONNECTION_OK)
			rc = server_error(pg, "cannot connect", err);
		else if (PQsetClientEncoding(pg->conn, "UTF8") != 0)
			rc = server_error(pg, "cannot read UTF-8 text", err);
		else
			rc = start_copy(pg, table, sel, err);
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

/* As many rows as fit in buf, not one a call: the reading thread's
 * block fills in a few calls instead of one per row. */
ssize_t pg_read(struct pg *pg, void *buf, size_t cap, dqa_error *err)
{
	size_t done = 0;
	while (done < cap) {
		if (pg->row_at == pg->row_len) {
			if (pg->done)
				break;
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
			continue;
		}
		size_t n = pg->row_len - pg->row_at < cap - done ? pg->row_len - pg->row_at
								  : cap - done;
		memcpy((char *)buf + done, pg->row + pg->row_at, n);
		pg->row_at += n;
		done += n;
	}
	return (ssize_t)done;
}

void pg_close(struct pg *pg)
{
	if (!pg)
		return;
	PQfreemem(pg->row);
	PQfinish(pg->conn);
	free(pg);
}
