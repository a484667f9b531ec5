/* Whole-buffer UTF-8 validation, fast enough to run over every block of a
 * scan: AVX2 where the CPU has it, else a portable loop that skips ASCII
 * 16 bytes at a time. Valid means as utf8_valid_prefix (values.h) says. */
#ifndef DQA_UTF8_VALID_H
#define DQA_UTF8_VALID_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0, len) is valid UTF-8: exactly when
 * utf8_valid_prefix(s, len) == len. */
bool utf8_valid(const char *s, size_t len);

typedef bool utf8_valid_fn(const char *s, size_t len);

/* For tests: the implementation utf8_valid falls back to without AVX2. */
bool utf8_valid_portable(const char *s, size_t len);
/* For tests: the AVX2 implementation when both the build and this CPU have
 * it, else NULL. */
utf8_valid_fn *utf8_valid_avx2(void);

#endif
