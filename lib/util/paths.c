/* File paths as outputs name them (paths.h). */
#include <string.h>

#include "paths.h"

const char *path_shown(const char *path, bool as_given)
{
	const char *slash = !as_given && path[0] == '/' ? strrchr(path, '/') : NULL;
	return slash && slash[1] ? slash + 1 : path;
}
