/* The table of check kinds a rule file may name. */
#include <string.h>

#include "check.h"

/* One row per kind a rule file may name (did-you-mean hints try them in
 * this order): KIND(x) is the kind file's `const struct check_ops check_x`. Kinds dqa adds itself (structure, blank_rows,
 * encoding) are not here: the loader names them (check.h). */
#define KINDS(KIND) \
	KIND(type) \
	KIND(regex) \
	KIND(enum) \
	KIND(range) \
	KIND(length) \
	KIND(vn_citizen_id) \
	KIND(vn_tax_code) \
	KIND(vn_phone) \
	KIND(email) \
	KIND(url) \
	KIND(date) \
	KIND(decimal) \
	KIND(required_columns) \
	KIND(not_null) \
	KIND(rows) \
	KIND(covers) \
	KIND(unique) \
	KIND(trimmed) \
	KIND(no_control_chars) \
	KIND(utf8) \
	KIND(nfc) \
	KIND(legacy_encoding) \
	KIND(placeholder) \
	KIND(case) \
	KIND(fresh) \
	KIND(future_dates) \
	KIND(file_age) \
	KIND(in_ref) \
	KIND(same_format) \
	KIND(agrees_with) \
	KIND(stalled) \
	KIND(rows_change) \
	KIND(metadata) \
	KIND(linkable) \
	KIND(catalog) \
	KIND(expr)

#define DECLARE(name) extern const struct check_ops check_##name;
KINDS(DECLARE)
#undef DECLARE

#define ROW(name) &check_##name,
static const struct check_ops *const kinds[] = {KINDS(ROW)};
#undef ROW

enum { NKINDS = sizeof kinds / sizeof *kinds };

const struct check_ops *check_kind(const char *name, size_t len)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strlen(kinds[i]->kind) == len && memcmp(kinds[i]->kind, name, len) == 0)
			return kinds[i];
	return NULL;
}

size_t check_kind_names(const char **names, size_t cap)
{
	size_t n = 0;
	for (; n < NKINDS && n < cap; n++)
		names[n] = kinds[n]->kind;
	return n;
}
