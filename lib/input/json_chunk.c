/* Records from JSON objects with yajl: each element is found by
 * json_value_end and given to yajl whole, whose callbacks fill the
 * record's fields; a nested value is written back as compact JSON by a
 * yajl generator (numbers keep their text). */
#include "json_chunk.h"

#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "limits.h"

#define STOP(c, ...) (snprintf((c)->why, sizeof (c)->why, __VA_ARGS__), 0)

static size_t ncolumns(const struct json_chunk *c)
{
	return c->columns ? c->columns->n : c->nkeys;
}

/* The column named key, or SIZE_MAX. */
static size_t find_column(const struct json_chunk *c, const unsigned char *key, size_t len)
{
	if (c->columns) {
		for (size_t i = 0; i < c->columns->n; i++)
			if (c->columns->lens[i] == len && memcmp(c->columns->names[i], key, len) == 0)
				return i;
		return SIZE_MAX;
	}
	const char *at = c->keys.buf;
	for (size_t i = 0; i < c->nkeys; i++, at += strlen(at) + 1)
		if (strlen(at) == len && memcmp(at, key, len) == 0)
			return i;
	return SIZE_MAX;
}

/* A key met while collecting the columns. */
static int collect_key(struct json_chunk *c, const unsigned char *key, size_t len)
{
	if (find_column(c, key, len) != SIZE_MAX)
		return 1;
	if (c->nkeys >= c->limits->max_columns)
		return STOP(c, "more than %zu distinct keys (limits: max_columns)",
			    c->limits->max_columns);
	if (memchr(key, '\0', len))
		return STOP(c, "a key contains a NUL character");
	strbuf_add(&c->keys, key, len);
	strbuf_putc(&c->keys, '\0');
	c->nkeys++;
	return !c->keys.failed || STOP(c, "out of memory");
}

/* A value of the record's current column, as text. */
static int put_value(struct json_chunk *c, const void *text, size_t len)
{
	if (!c->columns)
		return 1;
	if (len > c->limits->max_field)
		return STOP(c, "a value of more than %zu bytes (limits: max_field)",
			    c->limits->max_field);
	c->offsets[c->column] = c->bytes.len;
	c->lens[c->column] = len;
	strbuf_add(&c->bytes, text, len);
	strbuf_putc(&c->bytes, '\0');
	return !c->bytes.failed || STOP(c, "out of memory");
}

/* Inside a nested value every event goes to the generator; the value is
 * stored when its depth closes. */
static bool nested(const struct json_chunk *c)
{
	return c->depth > 1;
}

static int end_nested(struct json_chunk *c)
{
	if (c->depth != 1)
		return 1;
	const unsigned char *text;
	size_t len;
	yajl_gen_get_buf(c->gen, &text, &len);
	int ok = put_value(c, text, len);
	yajl_gen_clear(c->gen);
	yajl_gen_reset(c->gen, NULL);
	return ok;
}

static int on_null(void *ctx)
{
	struct json_chunk *c = ctx;
	if (nested(c))
		return yajl_gen_null(c->gen) == yajl_gen_status_ok;
	return put_value(c, "", 0);
}

static int on_boolean(void *ctx, int value)
{
	struct json_chunk *c = ctx;
	if (nested(c))
		return yajl_gen_bool(c->gen, value) == yajl_gen_status_ok;
	return value ? put_value(c, "true", 4) : put_value(c, "false", 5);
}

static int on_number(void *ctx, const char *text, size_t len)
{
	struct json_chunk *c = ctx;
	if (nested(c))
		return yajl_gen_number(c->gen, text, len) == yajl_gen_status_ok;
	return put_value(c, text, len);
}

static int on_string(void *ctx, const unsigned char *text, size_t len)
{
	struct json_chunk *c = ctx;
	if (nested(c))
		return yajl_gen_string(c->gen, text, len) == yajl_gen_status_ok;
	return put_value(c, text, len);
}

static int on_start_map(void *ctx)
{
	struct json_chunk *c = ctx;
	if (c->depth++ == 0) {
		c->bytes.len = 0;
		memset(c->seen, 0, ncolumns(c));
		return 1;
	}
	return yajl_gen_map_open(c->gen) == yajl_gen_status_ok;
}

static int on_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct json_chunk *c = ctx;
	if (nested(c))
		return yajl_gen_string(c->gen, key, len) == yajl_gen_status_ok;
	if (!c->columns)
		return collect_key(c, key, len);
	size_t i = find_column(c, key, len);
	c->hint = "the columns are the keys of the first 1000 objects, or the first input's "
		  "header";
	if (i == SIZE_MAX)
		return STOP(c, "key '%.*s' is not one of the columns", (int)(len > 60 ? 60 : len),
			    key);
	c->hint = "give each key once per object";
	if (c->seen[i])
		return STOP(c, "key '%.*s' given twice", (int)(len > 60 ? 60 : len), key);
	c->seen[i] = 1;
	c->column = i;
	return 1;
}

static int on_end_map(void *ctx)
{
	struct json_chunk *c = ctx;
	if (--c->depth == 0) {
		c->complete = true;
		return 1;
	}
	return yajl_gen_map_close(c->gen) == yajl_gen_status_ok && end_nested(c);
}

static int on_start_array(void *ctx)
{
	struct json_chunk *c = ctx;
	c->depth++;
	return yajl_gen_array_open(c->gen) == yajl_gen_status_ok;
}

static int on_end_array(void *ctx)
{
	struct json_chunk *c = ctx;
	c->depth--;
	return yajl_gen_array_close(c->gen) == yajl_gen_status_ok && end_nested(c);
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null, .yajl_boolean = on_boolean, .yajl_number = on_number,
	.yajl_string = on_string, .yajl_start_map = on_start_map, .yajl_map_key = on_map_key,
	.yajl_end_map = on_end_map, .yajl_start_array = on_start_array,
	.yajl_end_array = on_end_array,
};

int json_chunk_init(struct json_chunk *c, const struct json_columns *columns, bool array,
		    const struct limits *limits, dqa_error *err)
{
	*c = (struct json_chunk){.columns = columns, .array = array, .keys = STRBUF_INIT,
				 .bytes = STRBUF_INIT,
				 .limits = limits ? limits : &limits_default};
	size_t cap = columns ? columns->n : c->limits->max_columns;
	c->cap = cap ? cap : 1;
	c->offsets = calloc(c->cap, sizeof *c->offsets);
	c->lens = calloc(c->cap, sizeof *c->lens);
	c->fields = calloc(c->cap, sizeof *c->fields);
	c->seen = calloc(c->cap, 1);
	c->yajl = yajl_alloc(&callbacks, NULL, c);
	c->gen = yajl_gen_alloc(NULL);
	if (!c->offsets || !c->lens || !c->fields || !c->seen || !c->yajl || !c->gen) {
		json_chunk_release(c);
		return error_nomem(err);
	}
	yajl_config(c->yajl, yajl_allow_multiple_values, 1);
	return 0;
}

void json_chunk_release(struct json_chunk *c)
{
	if (c->yajl)
		yajl_free(c->yajl);
	if (c->gen)
		yajl_gen_free(c->gen);
	strbuf_release(&c->keys);
	strbuf_release(&c->bytes);
	free(c->offsets);
	free(c->lens);
	free(c->fields);
	free(c->seen);
	*c = (struct json_chunk){0};
}

/* The line and column (in characters) of `at`, on or after the start of
 * line `line` at `from`. */
static struct dqa_pos position(const char *from, const char *at, uint64_t line)
{
	size_t col = 1;
	for (const char *p = from; p < at; p++) {
		if (*p == '\n')
			line++, col = 1;
		else if (((unsigned char)*p & 0xC0) != 0x80)
			col++;
	}
	return (struct dqa_pos){(unsigned)line, (unsigned)col, 1};
}

/* An element at p, whose line `line` starts at from, that yajl or a
 * callback refused. */
static int element_error(struct json_chunk *c, const char *from, const char *p, size_t len,
			 uint64_t line, const char *name, dqa_error *err)
{
	size_t at = yajl_get_bytes_consumed(c->yajl);
	if (c->why[0])
		return error_at(err, DQA_EINPUT, name, position(from, p + (at ? at - 1 : 0), line),
				c->hint, "%s", c->why);
	unsigned char *msg = yajl_get_error(c->yajl, 0, (const unsigned char *)p, len);
	char text[160];
	snprintf(text, sizeof text, "%s", msg ? (const char *)msg : "invalid JSON");
	if (msg)
		yajl_free_error(c->yajl, msg);
	/* yajl's "lexical error: invalid char in json text." */
	size_t n = strlen(text);
	while (n && (text[n - 1] == '.' || text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	return error_at(err, DQA_EINPUT, name, position(from, p + at, line),
			"each record is one JSON object", "invalid JSON: %s", text);
}

/* The record just read, to fn. Missing keys are empty fields. */
static int emit(struct json_chunk *c, const char *raw, size_t raw_len, uint64_t line,
		record_fn fn, void *ctx)
{
	size_t n = c->columns->n;
	for (size_t i = 0; i < n; i++) {
		c->fields[i] = c->seen[i] ? c->bytes.buf + c->offsets[i] : "";
		c->lens[i] = c->seen[i] ? c->lens[i] : 0;
	}
	struct record rec = {.fields = c->fields, .lens = c->lens, .n = n, .line = line,
			     .raw = raw, .raw_len = raw_len, .delimiter = ',', .quote = '"',
			     .utf8_valid = true, .eol = EOL_LF};
	return fn(ctx, &rec);
}

static int not_an_object(const char *from, const char *p, uint64_t line, const char *name,
			 dqa_error *err)
{
	return error_at(err, DQA_EINPUT, name, position(from, p, line),
			"each record is one JSON object: {\"column\": value, ...}",
			"a record must be a JSON object, not '%c'", *p);
}

int json_chunk_parse(struct json_chunk *c, const char *buf, size_t len, uint64_t line,
		     bool last, size_t max_records, record_fn fn, void *ctx, const char *name,
		     size_t *records, dqa_error *err)
{
	*records = 0;
	const char *from = buf;   /* where `line` starts */
	for (size_t at = 0; at < len;) {
		char ch = buf[at];
		if (ch == '\n' || ch == ' ' || ch == '\t' || ch == '\r' ||
		    (c->array && (ch == ',' || ch == ']'))) {
			if (ch == '\n')
				line++, from = buf + at + 1;
			at++;
			continue;
		}
		if (ch != '{')
			return not_an_object(from, buf + at, line, name, err);
		size_t end = json_value_end(buf + at, len - at);
		if (!end && !last)
			return 0;   /* not at a boundary: only when collecting keys */
		if (!end)
			return error_at(err, DQA_EINPUT, name, position(from, buf + at, line),
					"the file is truncated, or an object lacks its closing brace",
					"JSON object not closed at the end of the file");
		c->why[0] = '\0';
		c->hint = NULL;
		c->complete = false;
		c->depth = 0;
		yajl_status st = yajl_parse(c->yajl, (const unsigned char *)buf + at, end);
		if (st != yajl_status_ok || !c->complete)
			return element_error(c, from, buf + at, end, line, name, err);
		if (c->columns) {
			int rc = emit(c, buf + at, end, line, fn, ctx);
			if (rc)
				return rc;
		}
		for (const char *nl = buf + at; (nl = memchr(nl, '\n', (size_t)(buf + at + end - nl)));
		     from = ++nl)
			line++;
		at += end;
		if (++*records == max_records)
			break;
	}
	return 0;
}
