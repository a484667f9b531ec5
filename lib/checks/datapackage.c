/* The Frictionless mapping of the metadata check (datapackage.h):
 *   owner            a contributor with role publisher, maintainer or author
 *   contact          a contributor with an email
 *   license/licence  licenses: an entry with a name or a path
 *   title            title, else name
 *   schema           resources: at least one, each with a schema (a path, or
 *                    an object with fields)
 * Any other name (description, name, update_frequency, ...) is a top-level
 * property. */
#include <string.h>

#include "datapackage.h"

bool datapackage_path(const char *path)
{
	static const char name[] = "datapackage.json";
	size_t len = strlen(path), n = sizeof name - 1;
	if (len < n || strcmp(path + len - n, name) != 0)
		return false;
	return len == n || path[len - n - 1] == '/' || path[len - n - 1] == '.';
}

static bool nonempty_string(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_string(v) && json_string_length(v) > 0;
}

static bool owner_role(const json_t *contributor)
{
	static const char *const roles[] = {"publisher", "maintainer", "author"};
	const char *role = json_string_value(json_object_get(contributor, "role"));
	for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

/* A contributor with a title and an owning role (owner), or an email. */
static bool has_contributor(const json_t *package, bool owner)
{
	const json_t *list = json_object_get(package, "contributors");
	size_t i;
	const json_t *c;
	json_array_foreach(list, i, c) {
		if (owner ? owner_role(c) && nonempty_string(c, "title")
			  : nonempty_string(c, "email"))
			return true;
	}
	return false;
}

static bool has_license(const json_t *package)
{
	size_t i;
	const json_t *l;
	json_array_foreach(json_object_get(package, "licenses"), i, l)
		if (nonempty_string(l, "name") || nonempty_string(l, "path"))
			return true;
	return false;
}

static bool has_schemas(const json_t *package)
{
	const json_t *resources = json_object_get(package, "resources");
	if (!json_array_size(resources))
		return false;
	size_t i;
	const json_t *r;
	json_array_foreach(resources, i, r) {
		const json_t *schema = json_object_get(r, "schema");
		bool ok = json_is_string(schema) ? json_string_length(schema) > 0
						 : json_array_size(json_object_get(schema, "fields")) > 0;
		if (!ok)
			return false;
	}
	return true;
}

int datapackage_field(const json_t *package, const char *name)
{
	if (strcmp(name, "owner") == 0)
		return has_contributor(package, true);
	if (strcmp(name, "contact") == 0)
		return has_contributor(package, false);
	if (strcmp(name, "license") == 0 || strcmp(name, "licence") == 0)
		return has_license(package);
	if (strcmp(name, "title") == 0)
		return nonempty_string(package, "title") || nonempty_string(package, "name");
	if (strcmp(name, "schema") == 0)
		return has_schemas(package);
	return -1;
}
