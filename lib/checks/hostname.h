/* Host-name syntax shared by the email and url checks. */
#ifndef DQA_HOSTNAME_H
#define DQA_HOSTNAME_H

#include <stdbool.h>
#include <stddef.h>

/* A DNS name as mail and the web use it: at most 253 bytes, two or more
 * dot-separated labels of 1-63 ASCII letters, digits and inner hyphens, the
 * last one not all digits. Returns NULL when s is one, else the rule it
 * breaks, for a note. */
const char *hostname_problem(const char *s, size_t len);

#endif
