/* Input text in another encoding than UTF-8 converted to UTF-8 as it is
 * read (dataset: encoding). glibc's iconv does the encodings it knows
 * exactly; TCVN3 and VNI use the project's tables (vn_legacy.h). A
 * character split between two reads is held back until its end arrives. */
#ifndef DQA_TRANSCODE_H
#define DQA_TRANSCODE_H

#include <stdbool.h>
#include <stddef.h>

struct encoding;
struct transcoder;

/* The encoding named `name` (as a rule file spells it, any case), or NULL.
 * utf-8 is one of them: encoding_is_utf8 tells it apart. */
const struct encoding *encoding_find(const char *name);
bool encoding_is_utf8(const struct encoding *e);
bool encoding_is_utf16(const struct encoding *e);
const char *encoding_name(const struct encoding *e);
/* The names encoding_find knows, for messages; returns how many. */
size_t encoding_names(const char **names, size_t cap);

/* The legacy Vietnamese encoding (windows-1258, tcvn3 or vni) whose
 * decoding of s reads most like Vietnamese, or NULL when none does. For
 * hints: "set encoding: ...". Looks at the first 256 bytes. */
const char *encoding_guess(const char *s, size_t len);

/* NULL out of memory (or when iconv lacks the encoding). */
struct transcoder *transcoder_new(const struct encoding *e);
void transcoder_free(struct transcoder *t);

enum transcode_status { TRANSCODE_OK, TRANSCODE_INVALID };

/* Converts from in[0, len) into out[0, cap): *used input bytes taken,
 * *made output bytes written. Stops when out is full, or before an
 * incomplete character at the end of in unless `last` (then it is
 * invalid). TRANSCODE_INVALID: in[*used] starts a byte sequence that is
 * not in the encoding. Nothing is made when one character does not fit in
 * cap; TRANSCODE_MIN_OUT bytes always hold one. */
enum transcode_status transcode_run(struct transcoder *t, const unsigned char *in, size_t len,
				    bool last, size_t *used, char *out, size_t cap, size_t *made);

enum { TRANSCODE_MIN_OUT = 32 };

#endif
