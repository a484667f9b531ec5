/* The data limits' defaults (limits.h); the rule file's `limits:` section
 * is read by lib/rules/limits_parse.c. */
#include "limits.h"

const struct limits limits_default = LIMITS_DEFAULT;
