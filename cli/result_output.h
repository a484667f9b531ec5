/* What `dqa audit` and `dqa merge` do with a scored result, and the options
 * that steer it: the baseline comparison, the report on stdout and the
 * report folder, the history, and the quality gate. */
#ifndef DQA_CLI_RESULT_OUTPUT_H
#define DQA_CLI_RESULT_OUTPUT_H

#include "cli.h"
#include "options.h"

/* The report formats on stdout of dqa audit and dqa merge ("text" is the
 * terminal summary). */
extern const char *const result_formats[];

/* --fail-under: a score from 0 to 100, where 0.9 is taken for a slip. */
int parse_gate_score(const char *value, void *dest, char *why, size_t cap);

/* The rows of the shared options, for the option table of a command whose
 * argument struct T holds a struct result_output named m. */
#define RESULT_OUTPUT_OPTIONS(T, m)                                                    \
	OPTION("out", 'o', OPTION_STRING, "DIR", OPTION_AT(T, m.out),                  \
	       "write the report folder DIR (created if missing)"),                    \
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(T, m.format),            \
	       "report on stdout:", .choices = result_formats),                        \
	OPTION("lang", 0, OPTION_CHOICE, "LANG", OPTION_AT(T, m.lang), "reports in",   \
	       .choices = lang_choices, .default_note = "from LC_ALL, LC_MESSAGES, LANG"), \
	TZ_OPTION(T, m.tz),                                                            \
	OPTION("fail-under", 0, OPTION_PARSE, "SCORE", OPTION_AT(T, m.fail_under),     \
	       "exit 1 when the overall score is below SCORE", .parse = parse_gate_score), \
	OPTION("color", 0, OPTION_CHOICE, "WHEN", OPTION_AT(T, m.color), NULL,         \
	       .choices = color_choices),                                              \
	OPTION("quiet", 'q', OPTION_FLAG, NULL, OPTION_AT(T, m.quiet),                 \
	       "print no report on stdout"),                                           \
	OPTION("history", 0, OPTION_STRING, "FILE", OPTION_AT(T, m.history),           \
	       "append this run's scores to FILE (CSV)"),                              \
	OPTION("baseline", 0, OPTION_STRING, "FILE", OPTION_AT(T, m.baseline),         \
	       "exit 1 on a drop against FILE (history or JSON)"),                     \
	OPTION("max-drop", 0, OPTION_NUMBER, "N", OPTION_AT(T, m.max_drop),            \
	       "points a unit or the overall score may drop", .min = 0, .max = 100,    \
	       .given = OPTION_GIVEN(T, m.max_drop_given)),                            \
	OPTION("max-overall-drop", 0, OPTION_NUMBER, "N", OPTION_AT(T, m.max_overall_drop), \
	       "points the overall score may drop", .min = 0, .max = 100,              \
	       .default_note = "--max-drop")

/* Worker threads, for a dqa_audit_options or dqa_merge_options member o of
 * T: more than the library starts (DQA_THREADS_MAX) run that many, which
 * --verbose says; far more is taken for a typo. */
#define THREADS_OPTION(T, o)                                                           \
	OPTION("threads", 'j', OPTION_UINT, "N", OPTION_AT(T, o.threads), "worker threads", \
	       .min = 1, .max = 1024, .default_note = "all cores")
/* --show-paths, for a dqa_audit_options or dqa_merge_options member o of T. */
#define SHOW_PATHS_OPTION(T, o)                                                        \
	OPTION("show-paths", 0, OPTION_FLAG, NULL, OPTION_AT(T, o.show_paths),         \
	       "reports name the rule file and inputs as given, absolute paths too")
/* --verbose into the bool member m of T; what: what it prints. */
#define VERBOSE_OPTION(T, m, what)                                                     \
	OPTION("verbose", 'v', OPTION_FLAG, NULL, OPTION_AT(T, m), "on stderr: " what)

struct result_output {
	const char *out;
	const char *format;       /* "text" (the summary), "json", ... */
	const char *lang;         /* a lang_choices entry; NULL: from the locale */
	const char *tz;           /* --tz as given (already set), or NULL */
	bool quiet;
	const char *color;        /* a color_choices entry */
	double fail_under;        /* < 0: no gate besides status */
	const char *history, *baseline;
	double max_drop;
	bool max_drop_given;      /* also the red line of index.html's drops */
	double max_overall_drop;  /* < 0: as max_drop */
	unsigned failed_rows_max; /* lines per units/UNIT.failed.csv, when given */
	bool failed_rows_max_given;
};

/* The defaults of the shared options. */
void result_output_init(struct result_output *o);
/* Compares with the baseline, writes the reports, appends the history and
 * applies the gate. Returns the exit status. */
int result_output_write(const dqa_result *res, const struct result_output *o);
/* The output options a suite takes (--format text or json, no --baseline):
 * 0, or the exit status of a usage error. */
int suite_output_check(const struct command_help *help, const struct result_output *o);
/* dqa audit --suite: loads and audits the suite at path, writes its reports
 * and history, applies the gate. Returns the exit status. */
int audit_suite(const char *path, const dqa_audit_options *opts, const struct result_output *o);
/* dqa audit --suite --shard --state: audits the shard's datasets of the
 * suite at path into the suite state file state. Returns the exit status. */
int audit_suite_shard(const char *path, const dqa_audit_options *opts, unsigned shard,
		      unsigned shards, const char *state, bool quiet);
/* dqa merge of suite states: merges them, then as audit_suite. Returns the
 * exit status. */
int merge_suite(const char *const *states, size_t n, const dqa_merge_options *opts,
		const struct result_output *o);

#endif
