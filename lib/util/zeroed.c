#include "zeroed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *zeroed_alloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	size_t bytes = n * size;
	void *p = malloc(bytes ? bytes : 1);
	if (p)
		memset(p, 0, bytes);
	return p;
}
