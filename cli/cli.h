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
int cmd_profile(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_import_schema(int argc, char **argv);
int cmd_export_schema(int argc, char **argv);

/* The report language of a --lang value (a lang_choices entry), or without
 * one (NULL) the one LC_ALL, LC_MESSAGES or LANG asks for (first one set):
 * Vietnamese when it starts with "vi", else English. */
dqa_lang cli_lang(const char *choice);

/* The values of --lang and --color, and the formats of the history views
 * (dqa trend, dqa warnings), NULL-terminated, for option tables. */
extern const char *const lang_choices[];
extern const char *const color_choices[];
extern const char *const view_formats[];

struct command_help;
/* A view_formats entry as the library's dqa_view_format: 0, or the exit
 * status of a usage error when the library does not know it. */
int cli_view_format(const struct command_help *help, const char *name, dqa_view_format *out);

/* Loads the history at path (a missing file is fine when may_be_missing)
 * and gives the report its trend lines. Returns an exit status. */
int cli_add_history(dqa_report *rep, const char *path, bool may_be_missing);

/* Writes the report folder dir (when non-NULL; quiet: without saying so on
 * stderr) and prints the report format (when non-NULL: "text" for the
 * terminal summary, coloured as the --color value color says, or a format
 * of dqa_report_render) on stdout. Returns an exit status. */
int cli_write_reports(const dqa_report *rep, const char *dir, const char *format, dqa_lang lang,
		      bool quiet, const char *color);

int cmd_trend(int argc, char **argv);
int cmd_warnings(int argc, char **argv);
int cmd_history(int argc, char **argv);

/* Colour for a --color value (always, never, auto): auto means a terminal
 * without NO_COLOR or TERM=dumb. */
bool cli_use_color(const char *when);
/* An OPTION_PARSE reader of --tz ZONE: times in reports in that zone
 * (dqa_time_zone_set); dest, a const char *, keeps the name. */
int cli_parse_tz(const char *value, void *dest, char *why, size_t cap);
/* --encoding, --threads and --now of the commands that profile data
 * (profile, suggest), for a dqa_profile_options member o of T and the bool
 * member now_set that --now sets. */
#define PROFILE_SCAN_OPTIONS(T, o, now_set)                                            \
	OPTION("encoding", 0, OPTION_STRING, "NAME", OPTION_AT(T, o.encoding),         \
	       "of the data: utf-8, windows-1258, tcvn3, vni, latin1, utf-16",         \
	       .default_note = "utf-8"),                                               \
	OPTION("threads", 'j', OPTION_UINT, "N", OPTION_AT(T, o.threads), "worker threads", \
	       .min = 1, .max = 1024, .default_note = "all cores"),                    \
	OPTION("now", 0, OPTION_PARSE, "WHEN", OPTION_AT(T, o.now), "reference time, ISO 8601", \
	       .parse = options_parse_time, .default_note = "now",                     \
	       .given = OPTION_GIVEN(T, now_set))

/* The row of --tz for the option table of a command whose argument struct
 * T has a const char * member m. */
#define TZ_OPTION(T, m)                                                                \
	OPTION("tz", 0, OPTION_PARSE, "ZONE", OPTION_AT(T, m),                         \
	       "times in reports in ZONE, e.g. Asia/Ho_Chi_Minh", .parse = cli_parse_tz,   \
	       .default_note = "TZ")
/* An OPTION_PARSE reader of --since: an ISO 8601 time, or a duration of
 * the rule files' grammar before now (cli_generated_at), so a window reads
 * like a rule's max_age; into an int64_t of epoch seconds. */
int cli_parse_since(const char *value, void *dest, char *why, size_t cap);

/* Loads the runs of the history store at path that q asks for into *h.
 * Returns an exit status (*h NULL unless 0). */
int cli_history_load(const char *path, const dqa_history_query *q, dqa_history **h);
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
/* The exit status of err: EXIT_USAGE for the rule file's or the command
 * line's, EXIT_INPUT for the data's and the rest. */
int exit_status(const dqa_error *err);

/* Loads a rule file; on failure prints every mistake found (up to
 * DQA_ERRORS_SHOWN, then "FILE: N errors") and returns the exit status. */
int load_rules(dqa_rules **out, const char *path);

/* SOURCE_DATE_EPOCH (reproducible builds, tests) or the current time. */
int64_t cli_generated_at(void);

#endif
