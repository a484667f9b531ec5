/* The table of check kinds a rule file may name. */
#include <string.h>

#include "check.h"

/* One row per kind a rule file may name (did-you-mean hints try them in
 * this order): KIND(x, HOME) is the kind file's `const struct check_ops
 * check_x` and the criterion dqa-rules(5) lists it under (ANY: no fixed
 * one). Kinds dqa adds itself (structure, blank_rows, encoding) are not
 * here: the loader names them (check.h). */
#define KINDS(KIND) \
	KIND(type, CORRECT) \
	KIND(regex, CORRECT) \
	KIND(enum, CORRECT) \
	KIND(range, CORRECT) \
	KIND(length, CORRECT) \
	KIND(vn_citizen_id, CORRECT) \
	KIND(vn_tax_code, CORRECT) \
	KIND(vn_phone, CORRECT) \
	KIND(email, CORRECT) \
	KIND(url, CORRECT) \
	KIND(date, CORRECT) \
	KIND(decimal, CORRECT) \
	KIND(required_columns, SUFFICIENT) \
	KIND(not_null, SUFFICIENT) \
	KIND(rows, SUFFICIENT) \
	KIND(covers, SUFFICIENT) \
	KIND(unique, CLEAN) \
	KIND(trimmed, CLEAN) \
	KIND(no_control_chars, CLEAN) \
	KIND(utf8, CLEAN) \
	KIND(nfc, CLEAN) \
	KIND(legacy_encoding, CLEAN) \
	KIND(placeholder, CLEAN) \
	KIND(case, CLEAN) \
	KIND(fresh, ALIVE) \
	KIND(future_dates, ALIVE) \
	KIND(file_age, ALIVE) \
	KIND(in_ref, UNIFIED) \
	KIND(same_format, UNIFIED) \
	KIND(agrees_with, UNIFIED) \
	KIND(stalled, ALIVE) \
	KIND(rows_change, ALIVE) \
	KIND(metadata, SHARED) \
	KIND(linkable, SHARED) \
	KIND(catalog, SHARED) \
	KIND(expr, ANY)

#define DECLARE(name, home) extern const struct check_ops check_##name;
KINDS(DECLARE)
#undef DECLARE

enum { ANY = -1, CORRECT = DQA_CORRECT, SUFFICIENT = DQA_SUFFICIENT, CLEAN = DQA_CLEAN,
       ALIVE = DQA_ALIVE, UNIFIED = DQA_UNIFIED, SHARED = DQA_SHARED };

#define ROW(name, home) &check_##name,
static const struct check_ops *const kinds[] = {KINDS(ROW)};
#undef ROW

#define HOME(name, home) home,
static const int homes[] = {KINDS(HOME)};
#undef HOME

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

int check_kind_home(const struct check_ops *ops)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kinds[i] == ops)
			return homes[i];
	return -1;
}
