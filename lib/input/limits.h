/* Bounds on what hostile or broken input can make dqa hold or do: each one
 * ends the audit (or a row's regex match) with a clear error instead of
 * exhausting memory or time. Set in the rule file's `limits:` section
 * (lib/rules/limits_parse.c);
 * dqa-rules(5), LIMITS, lists them with their defaults. */
#ifndef DQA_LIMITS_H
#define DQA_LIMITS_H

#include <stddef.h>
#include <stdint.h>

struct limits {
	size_t max_field;        /* bytes of one field */
	size_t max_record;       /* bytes of the lines one record spans */
	size_t max_columns;      /* fields of one record */
	size_t max_units;        /* distinct units, expected ones included */
	size_t max_ref_values;   /* distinct values of one reference file column */
	uint32_t regex_match;    /* PCRE2 match limit per value */
	uint32_t regex_depth;    /* PCRE2 depth limit per value */
	size_t max_xlsx_part;    /* uncompressed bytes of one part of a workbook */
	size_t max_shared_strings;   /* entries of a workbook's shared-string table */
	size_t max_shared_bytes;     /* bytes of that table's text */
};

#define LIMITS_DEFAULT { \
	.max_field = 16u << 20, .max_record = 64u << 20, .max_columns = 10000, \
	.max_units = 1000000, .max_ref_values = 10000000, \
	.regex_match = 10000000, .regex_depth = 100000, \
	.max_xlsx_part = (size_t)4 << 30, .max_shared_strings = 20000000, \
	.max_shared_bytes = (size_t)1 << 30 }

/* The defaults, for readers given no limits (NULL). */
extern const struct limits limits_default;

#endif
