/* Failed-row notes with a detail that pii columns leave out. */
#include "note.h"

#include <stdarg.h>
#include <stdio.h>

#include "../util/values.h"

bool note_fail(char *note, size_t cap, bool show_detail, const char *rule,
	       const char *detail_fmt, ...)
{
	if (!note || !cap)
		return false;
	int len = snprintf(note, cap, "%s", rule);
	if (!show_detail || !detail_fmt || !detail_fmt[0] || len < 0 || (size_t)len + 2 >= cap)
		return false;
	len += snprintf(note + len, cap - (size_t)len, ": ");
	va_list ap;
	va_start(ap, detail_fmt);
	vsnprintf(note + len, cap - (size_t)len, detail_fmt, ap);
	va_end(ap);
	return false;
}

int note_quote_len(const char *s, size_t len)
{
	return (int)utf8_offset(s, len, NOTE_QUOTE_CHARS);
}
