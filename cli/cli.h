/* Shared pieces of the dqa command: subcommand entry points, exit codes and
 * error printing. */
#ifndef DQA_CLI_H
#define DQA_CLI_H

#include "dqa.h"

enum {
	EXIT_PASS = 0,
	EXIT_GATE = 1,      /* quality gate failed */
	EXIT_USAGE = 2,     /* usage or rule-file error */
	EXIT_INPUT = 3      /* input or I/O error */
};

int cmd_audit(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* The report language LC_ALL, LC_MESSAGES or LANG asks for (first one
 * set): Vietnamese when it starts with "vi", else English. */
dqa_lang cli_default_lang(void);

/* Loads the history at path (a missing file is fine when may_be_missing)
 * and gives the report its trend lines. Returns an exit status. */
int cli_add_history(dqa_report *rep, const char *path, bool may_be_missing);

/* Writes the report folder dir (when non-NULL; quiet: without saying so on
 * stderr) and prints the report format (when non-NULL: "text" for the
 * terminal summary, coloured by the --color setting color, or a format of
 * dqa_report_render) on stdout. Returns an exit status. */
int cli_write_reports(const dqa_report *rep, const char *dir, const char *format, dqa_lang lang,
		      bool quiet, int color);

int cmd_trend(int argc, char **argv);
int cmd_warnings(int argc, char **argv);

struct command_help;
/* --color auto|always|never into *setting (-1, 1, 0); 2 on a bad value. */
int cli_color_option(const struct command_help *help, const char *value, int *setting);
/* --tz ZONE: times in reports in that zone (dqa_time_zone_set); 2 on an
 * unknown zone. */
int cli_tz_option(const struct command_help *help, const char *value);
/* Colour for a setting: auto means a terminal without NO_COLOR or TERM=dumb. */
bool cli_use_color(int setting);
/* Loads the history at path into *h, warning on stderr about what loading
 * skipped. Returns an exit status (*h NULL unless 0). */
int cli_history_load(const char *path, dqa_history **h);
/* Loads the history at path, warns on stderr about what loading skipped,
 * runs view(h, ctx, err) writing to stdout, and flushes. Returns the exit
 * status. */
typedef int (*history_view_fn)(const dqa_history *h, void *ctx, dqa_error *err);
int cli_history_view(const char *path, history_view_fn view, void *ctx);
/* Flushes stdout; EXIT_INPUT (with a message) when it could not be written. */
int cli_flush_stdout(void);

/* Installs the SIGINT/SIGTERM handlers (which call dqa_cancel) and
 * restores SIGPIPE's default. */
void cli_signals_init(void);
/* status, or when a signal was caught 128 + its number (after saying so
 * on stderr). */
int cli_interrupted(int status);

/* Prints err on stderr the way editors read it and returns its exit status. */
int report_error(const dqa_error *err);

/* SOURCE_DATE_EPOCH (reproducible builds, tests) or the current time. */
int64_t cli_generated_at(void);

#endif
