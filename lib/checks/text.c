/* Unicode helpers shared by the clean text checks. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/values.h"

bool text_buf_reserve(struct text_buf *tb, size_t cps)
{
	if (cps <= tb->cap)
		return true;
	size_t cap = tb->cap ? tb->cap : 64;
	while (cap < cps)
		cap *= 2;
	utf8proc_int32_t *grown = realloc(tb->cps, cap * sizeof *grown);
	if (!grown)
		return false;
	tb->cps = grown;
	tb->cap = cap;
	return true;
}

const char *text_normalize(struct text_buf *tb, const char *s, size_t len,
			   utf8proc_option_t options, size_t *out_len)
{
	const utf8proc_uint8_t *str = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n = utf8proc_decompose(str, (utf8proc_ssize_t)len, tb->cps,
						(utf8proc_ssize_t)tb->cap, options);
	if (n >= 0 && (size_t)n > tb->cap) {
		if (!text_buf_reserve(tb, (size_t)n))
			return NULL;
		n = utf8proc_decompose(str, (utf8proc_ssize_t)len, tb->cps,
				       (utf8proc_ssize_t)tb->cap, options);
	}
	if (n < 0)
		return NULL;
	/* Composes in place, then encodes as UTF-8 over the same buffer (a
	 * code point never takes more than its four bytes). */
	utf8proc_ssize_t bytes = utf8proc_reencode(tb->cps, n, options);
	if (bytes < 0)
		return NULL;
	*out_len = (size_t)bytes;
	return (const char *)tb->cps;
}

void text_buf_release(struct text_buf *tb)
{
	free(tb->cps);
	*tb = (struct text_buf){0};
}

void text_clip(char *out, size_t cap, const char *s, size_t len)
{
	static const char ellipsis[] = "...";
	if (cap == 0)
		return;
	if (len < cap) {
		memcpy(out, s, len);
		out[len] = '\0';
		return;
	}
	size_t room = cap > sizeof ellipsis ? cap - sizeof ellipsis : 0;
	size_t cut = utf8_offset(s, len, utf8_length(s, room));
	while (cut > room)   /* the last character did not fit whole */
		cut = utf8_offset(s, len, utf8_length(s, cut) - 1);
	memcpy(out, s, cut);
	memcpy(out + cut, ellipsis, sizeof ellipsis);
}
