#include "caseless.h"

#include <strings.h>

const char *caseless_match(const char *word, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(word, names[i]) == 0)
			return names[i];
	return NULL;
}
