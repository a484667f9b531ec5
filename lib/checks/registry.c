/* The table of check kinds a rule file may name. */
#include <string.h>

#include "check.h"

extern const struct check_ops check_type, check_regex, check_enum, check_range,
	check_length, check_required_columns, check_not_null, check_rows, check_unique,
	check_trimmed, check_fresh, check_in_ref, check_metadata, check_expr;
extern const struct check_ops check_covers, check_linkable, check_future_dates, check_file_age,
	check_same_format, check_agrees_with, check_catalog;
extern const struct check_ops check_no_control_chars, check_utf8, check_nfc,
	check_legacy_encoding, check_placeholder, check_case;
extern const struct check_ops check_stalled, check_rows_change;
extern const struct check_ops check_vn_citizen_id, check_vn_tax_code, check_vn_phone,
	check_email, check_url, check_date, check_decimal;

static const struct check_ops *const kinds[] = {
	&check_type, &check_regex, &check_enum, &check_range, &check_length,
	&check_vn_citizen_id, &check_vn_tax_code, &check_vn_phone,
	&check_email, &check_url, &check_date, &check_decimal,
	&check_required_columns, &check_not_null, &check_rows,
	&check_covers,
	&check_unique, &check_trimmed,
	&check_no_control_chars, &check_utf8, &check_nfc, &check_legacy_encoding,
	&check_placeholder, &check_case,
	&check_fresh, &check_future_dates, &check_file_age,
	&check_in_ref, &check_same_format, &check_agrees_with,
	&check_stalled, &check_rows_change,
	&check_metadata,
	&check_linkable, &check_catalog,
	&check_expr,
};

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
