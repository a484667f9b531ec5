/* YAML scalars in the rule files dqa writes (suggest, import-schema):
 * written so that a YAML reader gets the same string back. */
#ifndef DQA_YAML_WRITE_H
#define DQA_YAML_WRITE_H

#include <stddef.h>

#include "../util/strbuf.h"

/* The YAML escape (\N, \L, \P) of a line break outside ASCII at s
 * (NEL, LS, PS: YAML 1.1 ends lines there), or NULL; its bytes in *n. */
const char *yaml_line_break(const char *s, size_t len, size_t *n);

/* s (len bytes, valid UTF-8) as a plain scalar when that reads back as the
 * same string, else double-quoted with escapes. */
void yaml_put_scalar(struct strbuf *out, const char *s, size_t len);

#endif
