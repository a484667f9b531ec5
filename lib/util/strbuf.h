/* A growable NUL-terminated byte buffer (git's strbuf, reduced). Allocation
 * failure is sticky: the buffer stops growing and detach returns NULL. */
#ifndef DQA_STRBUF_H
#define DQA_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len, cap;
	bool failed;
};

#define STRBUF_INIT { NULL, 0, 0, false }

bool strbuf_grow(struct strbuf *sb, size_t extra);
/* strbuf_add when the buffer must grow first. */
void strbuf_add_grown(struct strbuf *sb, const void *data, size_t len);

/* Inline while the buffer has room: the failed-row files add a few hundred
 * thousand short cells, where the call cost as much as the copy. */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->len + len < sb->cap && !sb->failed) {
		if (len)   /* data may be NULL then: an empty buffer's bytes */
			memcpy(sb->buf + sb->len, data, len);
		sb->len += len;
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_add_grown(sb, data, len);
}

/* Room for extra more bytes (and the NUL) at sb's end, checked inline
 * while there is: for writers that fill it in place, then end it with
 * strbuf_written. false when sb cannot grow (it is then failed). */
static inline bool strbuf_reserve(struct strbuf *sb, size_t extra)
{
	return (sb->len + extra < sb->cap && !sb->failed) || strbuf_grow(sb, extra);
}

/* Ends what was written in reserved room at sb's end, up to end. */
static inline void strbuf_written(struct strbuf *sb, const char *end)
{
	sb->len = (size_t)(end - sb->buf);
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
/* Returns the string (caller frees), or NULL if any growth failed. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

#endif
