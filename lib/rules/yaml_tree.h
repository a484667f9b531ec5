/* A YAML document as a small tree of scalars, sequences and mappings, each
 * node carrying its position so every rule-file error can point at it. */
#ifndef DQA_YAML_TREE_H
#define DQA_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"
#include "../util/error.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	struct dqa_pos pos;
	/* scalar: its text; plain is false for quoted and block scalars */
	const char *text;
	size_t len;
	bool plain;
	/* sequence: n items; mapping: n pairs, key i at items[2i], value at [2i+1] */
	size_t n;
	struct ynode **items;
};

/* The file is read once: its bytes stay with the tree, for the hash that
 * tells a changed file and for the excerpts of errors that point into it. */
struct ydoc {
	struct arena arena;
	const struct ynode *root;
	const char *path;
	char *text;               /* the file's bytes as read, NUL-terminated */
	size_t len;
	uint64_t hash;            /* strset_hash of the file's bytes */
};

/* Deepest nesting accepted, and the largest file, so hostile input cannot
 * exhaust the stack or memory. Aliases are refused outright. */
enum { YAML_MAX_DEPTH = 64, YAML_MAX_BYTES = 16 * 1024 * 1024 };

/* Reads and hashes a file into doc (no tree yet). */
int ydoc_read(struct ydoc *doc, const char *path, dqa_error *err);
/* Parses the first document of the bytes ydoc_read kept. Errors name
 * path:line:col and carry their excerpt. doc is released by the caller. */
int ydoc_parse(struct ydoc *doc, dqa_error *err);
/* ydoc_read then ydoc_parse; doc is released on failure. */
int ydoc_load(struct ydoc *doc, const char *path, dqa_error *err);
/* Gives err its excerpt when it is a rule-file error pointing into doc's
 * file (error_excerpt); errors about other files pass unchanged. */
void ydoc_excerpt(const struct ydoc *doc, dqa_error *err);
void ydoc_release(struct ydoc *doc);

const struct ynode *ymap_key(const struct ynode *map, size_t i);
const struct ynode *ymap_value(const struct ynode *map, size_t i);
/* The value for key in a mapping, or NULL. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
bool yscalar_eq(const struct ynode *node, const char *s);
/* A plain scalar spelling null (~, null, Null, NULL, or nothing). */
bool yscalar_is_null(const struct ynode *node);
/* The position of byte `offset` of a single-line scalar's text: columns
 * count characters, and a quoted scalar starts one column after its quote
 * (escapes inside the quotes are not accounted for). */
struct dqa_pos yscalar_pos_at(const struct ynode *node, size_t offset);
const char *ynode_kind_name(enum ynode_kind kind);

#endif
