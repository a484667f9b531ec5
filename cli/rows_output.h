/* dqa audit's row files: --failed-rows (and its format and bound), the
 * quarantine split --valid-rows / --invalid-rows, and --unmasked. */
#ifndef DQA_CLI_ROWS_OUTPUT_H
#define DQA_CLI_ROWS_OUTPUT_H

#include "cli.h"
#include "options.h"

extern const char *const rows_formats[];

struct rows_output {
	const char *failed, *format;  /* format: a rows_formats entry */
	unsigned max;                 /* --failed-rows-max, when max_given */
	bool max_given;
	const char *valid, *invalid;
	bool unmasked;
};

#define ROWS_OUTPUT_OPTIONS(T, m)                                                      \
	OPTION("failed-rows", 0, OPTION_STRING, "FILE", OPTION_AT(T, m.failed),        \
	       "write every failed row, one line per row and failing check, to FILE ('-': stdout)"), \
	OPTION("failed-rows-format", 0, OPTION_CHOICE, "FMT", OPTION_AT(T, m.format),  \
	       "failed rows as", .choices = rows_formats),                             \
	OPTION("failed-rows-max", 0, OPTION_UINT, "N", OPTION_AT(T, m.max),            \
	       "failed-row lines at most in FILE and in each unit's file under --out", \
	       .min = 0, .max = 4000000000.0, .given = OPTION_GIVEN(T, m.max_given),    \
	       .default_note = "all in FILE, 10000 per unit file"),                    \
	OPTION("valid-rows", 0, OPTION_STRING, "FILE", OPTION_AT(T, m.valid),          \
	       "write the records that fail no check of severity error to FILE"),      \
	OPTION("invalid-rows", 0, OPTION_STRING, "FILE", OPTION_AT(T, m.invalid),      \
	       "write the records that fail a check of severity error to FILE"),       \
	OPTION("unmasked", 0, OPTION_FLAG, NULL, OPTION_AT(T, m.unmasked),             \
	       "show pii values unmasked in the failed-row files")

void rows_output_init(struct rows_output *r);
/* Whether any row file is asked for. */
bool rows_output_wanted(const struct rows_output *r);
/* Whether a row file goes to stdout, in place of the report there. */
bool rows_output_on_stdout(const struct rows_output *r);
/* 0, or the exit status of a usage error (two outputs on stdout). */
int rows_output_check(const struct command_help *help, const struct rows_output *r);
/* What the audit must keep: keep_failed_rows also for a report folder. */
void rows_output_options(const struct rows_output *r, bool folder, dqa_audit_options *opts);
/* Writes the row files of res, check labels in lang. Returns the exit
 * status. */
int rows_output_write(const dqa_result *res, const struct rows_output *r, dqa_lang lang,
		      bool quiet);

#endif
