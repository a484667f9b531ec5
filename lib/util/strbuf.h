/* A growable NUL-terminated byte buffer (git's strbuf, reduced). Allocation
 * failure is sticky: the buffer stops growing and detach returns NULL. */
#ifndef DQA_STRBUF_H
#define DQA_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len, cap;
	bool failed;
};

#define STRBUF_INIT { NULL, 0, 0, false }

bool strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
/* Returns the string (caller frees), or NULL if any growth failed. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

#endif
