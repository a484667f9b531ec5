/* Unicode helpers shared by the clean text checks: an ASCII fast path and
 * utf8proc normalisation into a reusable per-worker buffer. */
#ifndef DQA_CHECKS_TEXT_H
#define DQA_CHECKS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <utf8proc.h>

#include "../util/values.h"   /* text_is_ascii, the ASCII fast path */

/* A code point buffer that grows to the longest value seen and is reused:
 * no allocation per row once it is large enough. One per worker. */
struct text_buf {
	utf8proc_int32_t *cps;
	size_t cap;
};

/* Makes room for cps code points. Returns false out of memory. */
bool text_buf_reserve(struct text_buf *tb, size_t cps);

/* s transformed by utf8proc (options as for utf8proc_map, e.g.
 * UTF8PROC_COMPOSE for NFC, plus UTF8PROC_CASEFOLD to fold case), as UTF-8
 * written into tb; *out_len gets its length in bytes. Returns NULL when s is
 * not valid UTF-8 or memory runs out. The result lives until the next call. */
const char *text_normalize(struct text_buf *tb, const char *s, size_t len,
			   utf8proc_option_t options, size_t *out_len);

void text_buf_release(struct text_buf *tb);

/* Writes s into out (cap bytes, NUL-terminated), cut at a character
 * boundary with "..." when it does not fit. */
void text_clip(char *out, size_t cap, const char *s, size_t len);

#endif
