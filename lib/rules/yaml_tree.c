/* Builds a ynode tree from libyaml's event stream. The event API keeps the
 * start mark of every node, which is what rule-file errors report. */
#include "yaml_tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../util/strbuf.h"
#include "../util/strset.h"
#include "../util/values.h"
#include "yaml_hints.h"

struct builder {
	yaml_parser_t parser;
	struct arena *arena;
	const char *path;
	const char *text;          /* the whole file, to look at what libyaml refused */
	size_t len;
	dqa_error *err;
};

static struct dqa_pos mark_pos(yaml_mark_t mark)
{
	return (struct dqa_pos){(unsigned)mark.line + 1, (unsigned)mark.column + 1, 1};
}

/* The byte at a libyaml mark (its line and column count characters, not
 * bytes), or -1 past the end. */
static int byte_at(const struct builder *b, yaml_mark_t mark)
{
	size_t i = 0, line = 0;
	while (i < b->len && line < mark.line)
		if (b->text[i++] == '\n')
			line++;
	for (size_t col = 0; col < mark.column && i < b->len; col++)
		do
			i++;
		while (i < b->len && ((unsigned char)b->text[i] & 0xC0) == 0x80);
	return i < b->len ? (unsigned char)b->text[i] : -1;
}

static int parser_error(struct builder *b)
{
	const yaml_parser_t *p = &b->parser;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	struct yaml_diagnosis d;
	yaml_diagnose(b->text, b->len, problem, mark_pos(p->problem_mark), &d);
	if (!d.hint[0] && p->context)
		snprintf(d.hint, sizeof d.hint, "%s (line %zu)", p->context,
			 p->context_mark.line + 1);
	/* libyaml often says "cannot start any token" for a tab: name it. */
	if (strstr(problem, "tab") || byte_at(b, p->problem_mark) == '\t')
		snprintf(d.hint, sizeof d.hint, "indent YAML with spaces, never tabs");
	return error_at(b->err, DQA_ERULES, b->path, d.pos, d.hint, "invalid YAML: %s", problem);
}

static int next_event(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->parser, ev))
		return parser_error(b);
	return 0;
}

static int push_item(struct builder *b, struct ynode *parent, size_t *cap,
		     struct ynode *child)
{
	if (arena_reserve(b->arena, (void **)&parent->items, cap, parent->n,
			  sizeof *parent->items) < 0)
		return error_nomem(b->err);
	parent->items[parent->n++] = child;
	return 0;
}

static int build_node(struct builder *b, yaml_event_t *ev, int depth, struct ynode **out);

/* Reads children until the closing event of a sequence or mapping. */
static int build_children(struct builder *b, struct ynode *node, int depth)
{
	size_t cap = 0;
	yaml_event_type_t end = node->kind == YNODE_SEQ ? YAML_SEQUENCE_END_EVENT
							: YAML_MAPPING_END_EVENT;
	for (;;) {
		yaml_event_t ev;
		FORWARD_IF_ERROR(next_event(b, &ev));
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		struct ynode *child;
		int rc = build_node(b, &ev, depth + 1, &child);
		yaml_event_delete(&ev);
		FORWARD_IF_ERROR(rc);
		FORWARD_IF_ERROR(push_item(b, node, &cap, child));
	}
	if (node->kind == YNODE_MAP) {
		node->n /= 2;
		for (size_t i = 0; i < node->n; i++) {
			const struct ynode *key = ymap_key(node, i);
			if (key->kind != YNODE_SCALAR)
				return error_at(b->err, DQA_ERULES, b->path, key->pos,
						"write keys as plain words",
						"mapping keys must be scalars");
			for (size_t j = 0; j < i; j++)
				if (ymap_key(node, j)->len == key->len &&
				    memcmp(ymap_key(node, j)->text, key->text, key->len) == 0)
					return error_at(b->err, DQA_ERULES, b->path, key->pos,
							"remove one of the two entries",
							"duplicate key '%s'", key->text);
		}
	}
	return 0;
}

static int build_node(struct builder *b, yaml_event_t *ev, int depth, struct ynode **out)
{
	struct dqa_pos pos = mark_pos(ev->start_mark);
	if (depth > YAML_MAX_DEPTH)
		return error_at(b->err, DQA_ERULES, b->path, pos, NULL,
				"YAML nested deeper than %d levels", YAML_MAX_DEPTH);
	if (ev->type == YAML_ALIAS_EVENT)
		return error_at(b->err, DQA_ERULES, b->path, pos,
				"write the value out instead of referring to an anchor",
				"YAML aliases are not supported");
	struct ynode *node = arena_alloc(b->arena, sizeof *node);
	RETURN_IF_NOMEM(node, b->err);
	node->pos = pos;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		node->kind = YNODE_SCALAR;
		node->len = ev->data.scalar.length;
		node->text = arena_strndup(b->arena, (const char *)ev->data.scalar.value,
					   node->len);
		RETURN_IF_NOMEM(node->text, b->err);
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (ev->end_mark.line == ev->start_mark.line &&
		    ev->end_mark.column > ev->start_mark.column)
			node->pos.span = (unsigned)(ev->end_mark.column - ev->start_mark.column);
		break;
	case YAML_SEQUENCE_START_EVENT:
		node->kind = YNODE_SEQ;
		FORWARD_IF_ERROR(build_children(b, node, depth));
		break;
	case YAML_MAPPING_START_EVENT:
		node->kind = YNODE_MAP;
		FORWARD_IF_ERROR(build_children(b, node, depth));
		break;
	default:
		return error_at(b->err, DQA_ERULES, b->path, pos, NULL,
				"unexpected YAML event");
	}
	*out = node;
	return 0;
}

static int read_file(const char *path, struct strbuf *sb, dqa_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_at(err, DQA_ERULES, path, DQA_NOPOS, NULL,
				"cannot open: %s", strerror(errno));
	char chunk[65536];
	size_t got;
	int rc = 0;
	while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (sb->len + got > YAML_MAX_BYTES)
			rc = error_at(err, DQA_ERULES, path, DQA_NOPOS, NULL,
				      "file larger than %d bytes", YAML_MAX_BYTES);
		else
			strbuf_add(sb, chunk, got);
	}
	if (rc == 0 && ferror(f))
		rc = error_at(err, DQA_ERULES, path, DQA_NOPOS, NULL, "cannot read: %s",
			      strerror(errno));
	if (rc == 0 && sb->failed)
		rc = error_nomem(err);
	fclose(f);
	return rc;
}

int ydoc_read(struct ydoc *doc, const char *path, dqa_error *err)
{
	*doc = (struct ydoc){.arena = ARENA_INIT};
	struct strbuf text = STRBUF_INIT;
	int rc = read_file(path, &text, err);
	if (rc == 0) {
		doc->len = text.len;
		doc->text = strbuf_detach(&text);
		doc->path = arena_strdup(&doc->arena, path);
		rc = doc->text && doc->path ? 0 : error_nomem(err);
	}
	strbuf_release(&text);
	if (rc < 0) {
		ydoc_release(doc);
		return rc;
	}
	doc->hash = strset_hash(doc->text, doc->len);
	return 0;
}

int ydoc_parse(struct ydoc *doc, dqa_error *err)
{
	const char *path = doc->path;
	struct builder b = {.arena = &doc->arena, .path = path, .text = doc->text,
			    .len = doc->len, .err = err};
	yaml_parser_initialize(&b.parser);
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)doc->text, doc->len);
	int rc;
	yaml_event_t ev;
	/* Skip to the first node: stream start, document start. */
	for (;;) {
		rc = next_event(&b, &ev);
		if (rc < 0)
			break;
		yaml_event_type_t type = ev.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			rc = error_at(err, DQA_ERULES, path, (struct dqa_pos){1, 1, 1},
				      "start from rules/examples/citizens.yaml",
				      "the rule file is empty");
			break;
		}
		if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		struct ynode *root = NULL;
		rc = build_node(&b, &ev, 0, &root);
		yaml_event_delete(&ev);
		doc->root = root;
		break;
	}
	if (rc == 0) {
		/* A second document would be silently ignored: refuse it. */
		rc = next_event(&b, &ev);
		if (rc == 0) {
			yaml_event_delete(&ev);
			rc = next_event(&b, &ev);
			if (rc == 0) {
				if (ev.type == YAML_DOCUMENT_START_EVENT)
					rc = error_at(err, DQA_ERULES, path, mark_pos(ev.start_mark),
						      "keep one rule set per file",
						      "more than one YAML document");
				yaml_event_delete(&ev);
			}
		}
	}
	yaml_parser_delete(&b.parser);
	if (rc < 0)
		ydoc_excerpt(doc, err);
	return rc;
}

int ydoc_load(struct ydoc *doc, const char *path, dqa_error *err)
{
	FORWARD_IF_ERROR(ydoc_read(doc, path, err));
	int rc = ydoc_parse(doc, err);
	if (rc < 0)
		ydoc_release(doc);
	return rc;
}

void ydoc_excerpt(const struct ydoc *doc, dqa_error *err)
{
	if (err && doc->text && strcmp(err->file, doc->path) == 0)
		error_excerpt(err, doc->text, doc->len);
}


void ydoc_release(struct ydoc *doc)
{
	arena_release(&doc->arena);
	free(doc->text);
	doc->text = NULL;
	doc->root = NULL;
}

const struct ynode *ymap_key(const struct ynode *map, size_t i)
{
	return map->items[2 * i];
}

const struct ynode *ymap_value(const struct ynode *map, size_t i)
{
	return map->items[2 * i + 1];
}

const struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (yscalar_eq(ymap_key(map, i), key))
			return ymap_value(map, i);
	return NULL;
}

bool yscalar_eq(const struct ynode *node, const char *s)
{
	return node && node->kind == YNODE_SCALAR && strlen(s) == node->len &&
	       memcmp(node->text, s, node->len) == 0;
}

bool yscalar_is_null(const struct ynode *node)
{
	if (!node || node->kind != YNODE_SCALAR || !node->plain)
		return false;
	return node->len == 0 || yscalar_eq(node, "~") || yscalar_eq(node, "null") ||
	       yscalar_eq(node, "Null") || yscalar_eq(node, "NULL");
}

struct dqa_pos yscalar_pos_at(const struct ynode *node, size_t offset)
{
	struct dqa_pos pos = node->pos;
	pos.column += (unsigned)utf8_length(node->text, offset) + (node->plain ? 0 : 1);
	return pos;
}

const char *ynode_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR: return "a scalar";
	case YNODE_SEQ: return "a list";
	case YNODE_MAP: return "a mapping";
	}
	return "a node";
}
