/* Failed-row notes that name the rule a value breaks and, unless the column
 * is pii, the offending detail ("unknown province code: 099"). */
#ifndef DQA_NOTE_H
#define DQA_NOTE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes "RULE" or, when show_detail, "RULE: DETAIL" into note (cap bytes;
 * nothing when note is NULL, i.e. the row is not sampled). Always returns
 * false, so a row test can `return note_fail(...)`. */
bool note_fail(char *note, size_t cap, bool show_detail, const char *rule,
	       const char *detail_fmt, ...) __attribute__((format(printf, 5, 6)));

/* Bytes of s to quote in a note: at most NOTE_QUOTE_CHARS code points, so a
 * huge value stays short and a cut never splits a UTF-8 sequence. */
enum { NOTE_QUOTE_CHARS = 40 };
int note_quote_len(const char *s, size_t len);

#endif
