/* What `dqa audit` and `dqa merge` do with a scored result, and the options
 * that steer it: the baseline comparison, the report on stdout and the
 * report folder, the history, and the quality gate. */
#ifndef DQA_CLI_RESULT_OUTPUT_H
#define DQA_CLI_RESULT_OUTPUT_H

#include "cli.h"
#include "options.h"

/* Option ids of the shared options; a command's own ids stay below. */
enum { OPT_OUT = 100, OPT_FORMAT, OPT_LANG, OPT_FAIL_UNDER, OPT_COLOR, OPT_QUIET, OPT_HISTORY,
       OPT_BASELINE, OPT_MAX_DROP, OPT_MAX_OVERALL_DROP, OPT_TZ };

/* The rows of the shared options, for a command's option table. */
#define RESULT_OUTPUT_OPTIONS                                                                  \
	{OPT_OUT, 'o', "out", "DIR", "write the report folder DIR (created if missing)"},      \
	{OPT_FORMAT, 'f', "format", "FMT", "report on stdout: text (default), json, csv, md, " \
					   "junit or html"},                                   \
	{OPT_LANG, 0, "lang", "LANG", "reports in vi or en (default: from LC_ALL, "            \
				      "LC_MESSAGES, LANG)"},                                   \
	{OPT_TZ, 0, "tz", "ZONE", "times in reports in ZONE, e.g. Asia/Ho_Chi_Minh "           \
				  "(default: TZ)"},                                            \
	{OPT_FAIL_UNDER, 0, "fail-under", "SCORE", "exit 1 when the overall score is below "   \
						   "SCORE"},                                   \
	{OPT_COLOR, 0, "color", "WHEN", "auto (default), always or never"},                    \
	{OPT_QUIET, 'q', "quiet", NULL, "print no report on stdout"},                          \
	{OPT_HISTORY, 0, "history", "FILE", "append this run's scores to FILE (CSV)"},         \
	{OPT_BASELINE, 0, "baseline", "FILE", "exit 1 on a drop against FILE (history or "     \
					      "JSON)"},                                        \
	{OPT_MAX_DROP, 0, "max-drop", "N", "points a unit or the overall score may drop "       \
					   "(default 0)"},                                     \
	{OPT_MAX_OVERALL_DROP, 0, "max-overall-drop", "N", "points the overall score may drop "  \
							   "(default: --max-drop)"}

struct result_output {
	const char *out;
	const char *format;       /* "text" (the summary), "json", ... */
	dqa_lang lang;
	bool quiet;
	int color;                /* -1 auto, 0 never, 1 always */
	double fail_under;        /* < 0: no gate besides status */
	const char *history, *baseline;
	double max_drop;
	bool max_drop_given;      /* also the red line of index.html's drops */
	double max_overall_drop;  /* < 0: as max_drop */
};

void result_output_init(struct result_output *o);
/* Takes one shared option; returns 0, an exit status after a usage error,
 * or -1 when id is not a shared option. */
int result_output_option(const struct command_help *help, struct result_output *o, int id,
			 const char *value);
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
