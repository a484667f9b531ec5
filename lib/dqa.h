/* libdqa: audit CSV extracts against YAML rule sets and score every unit on
 * six criteria (correct, sufficient, clean, alive, unified, shared).
 * This is the only installed header; every type behind it is opaque.
 *
 * One convention for every function below:
 * - A function that can fail returns int: 0 (DQA_OK), or a negative DQA_E*
 *   code, with *err filled when it takes a dqa_error.
 * - What it makes comes back through pointer parameters. An object or a
 *   malloc'd text the caller then owns is the first parameter (out): NULL
 *   after a failure; objects are freed with their dqa_X_free, texts with
 *   free.
 * - A function that cannot fail returns its value: a name, a score, a
 *   status, a count, or a bool for a question (dqa_X_known, dqa_X_is_Y).
 * - dqa_X_free(NULL) does nothing. */
#ifndef DQA_H
#define DQA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DQA_VERSION "0.1.0"
#define DQA_RESULT_FORMAT 2

/* The return codes: 0 or one of these (negative). */
enum {
	DQA_OK = 0,
	DQA_ERULES = -2,   /* the rule file (or a file it names) is wrong */
	DQA_EINPUT = -3,   /* a data file cannot be read or parsed */
	DQA_EIO = -4,      /* writing a report failed */
	DQA_ENOMEM = -5,
	DQA_EARG = -6,     /* a caller passed a bad argument (e.g. a malformed --now) */
	DQA_ECANCELED = -7 /* dqa_cancel was called: the work stopped early */
};

/* Longest source line an error keeps as its excerpt; longer ones are cut. */
#define DQA_EXCERPT_MAX 160

/* A failure: filled by the function that fails, read by the caller.
 * file/line/column point at the cause when known (line and column are
 * 1-based, 0 when unknown); span is the width of the offending token.
 * A rule-file error (DQA_ERULES at a line and column of a rule or suite
 * file) carries that line as dqa read the file at load (has_excerpt):
 * the file is not read again, so an excerpt never shows a later edit. */
typedef struct dqa_error {
	int code;
	char message[512];
	char file[512];
	unsigned line, column, span;
	char hint[256];
	bool has_excerpt;
	char excerpt[DQA_EXCERPT_MAX + 1];
} dqa_error;

/* Renders an error the way editors and CI read it:
 * "file:line:col: error: message", then, for rule-file errors, the offending
 * line (the excerpt) with a caret under the span, then "hint: ...", into
 * *out (malloc'd). Returns 0 or DQA_ENOMEM. */
int dqa_error_format(char **out, const dqa_error *err);

/* The line that ends a list of errors: "FILE: N errors", with "(the first
 * K shown)" when fewer were shown, into *out (malloc'd). 0 or DQA_ENOMEM. */
int dqa_errors_summary(char **out, const char *file, size_t found, size_t shown);

/* How many rule-file errors a command shows at most (dqa_rules_load_all). */
#define DQA_ERRORS_SHOWN 20

/* The six criteria, in report order. */
typedef enum dqa_criterion {
	DQA_CORRECT, DQA_SUFFICIENT, DQA_CLEAN, DQA_ALIVE, DQA_UNIFIED, DQA_SHARED,
	DQA_CRITERIA
} dqa_criterion;

/* "correct", "sufficient", ...; NULL for an out-of-range value. */
const char *dqa_criterion_name(dqa_criterion c);

/* Did-you-mean: the candidate equal to word but for letter case, else the
 * closest by edit distance (at most 2 edits, fewer than word's length),
 * else NULL. */
const char *dqa_closest_word(const char *word, const char *const *candidates, size_t n);

/* Parses an ISO 8601 date ("2026-11-22") or date-time ("2026-11-22T07:30:00Z",
 * "2026-11-22T07:30:00+07:00"; naive times are UTC) into seconds since the
 * epoch. Returns 0, or DQA_EARG when the text is not such a time. */
int dqa_time_parse(const char *text, int64_t *out);

/* Parses a duration of the rule files' grammar ("90min", "30d", "6mo";
 * dqa-rules(5), VALUE GRAMMARS) into seconds, a month counted as 30 days and
 * a year as 365. Returns 0, or DQA_EARG with *problem NULL (not a duration)
 * or a static text for the user (a bare 'm' or 'M', refused as ambiguous). */
int dqa_duration_parse(const char *text, int64_t *seconds, const char **problem);

/* --- rule sets ------------------------------------------------------------ */

typedef struct dqa_rules dqa_rules;

/* Loads and validates a rule file, compiling its regexes and loading the
 * files it names (reference lists, metadata sidecars are read at audit time).
 * On failure returns DQA_ERULES with err pointing into the rule file. */
int dqa_rules_load(dqa_rules **out, const char *path, dqa_error *err);

/* dqa_rules_load that goes on after a mistake wherever it can (the next
 * check, column, key or section) and reports them all: on failure,
 * errors[0, min(*nfound, cap)) get the mistakes in file order, then the
 * failure that stopped loading when one did (a YAML syntax error, an
 * unreadable file); *nfound counts them all. cap is at least 1. */
int dqa_rules_load_all(dqa_rules **out, const char *path, dqa_error *errors, size_t cap,
		       size_t *nfound);

/* Checks that every column the rules use exists in the header of each data
 * file (and that all files share one header), reading nothing but headers. */
int dqa_rules_check_data(const dqa_rules *rules, const char *const *inputs,
			 size_t ninputs, dqa_error *err);

/* Number of checks the rule set declares after expansion (one per column for
 * per-column kinds), not counting the implicit structure check. */
size_t dqa_rules_check_count(const dqa_rules *rules);

/* The dataset's name: dataset: name, or the rule file's name without its
 * extension. Valid while rules lives. */
const char *dqa_rules_dataset_name(const dqa_rules *rules);

/* The data the rule file names itself (`source:`, a PostgreSQL URI) into
 * *uri, valid while rules lives; NULL when it names none, and DATA
 * operands give the data. Returns 0. */
int dqa_rules_source(const dqa_rules *rules, const char **uri);

void dqa_rules_free(dqa_rules *rules);

/* --- lint ---------------------------------------------------------------- */

/* What `dqa lint` found: the rule file's error (when it does not load, or
 * its columns are not in the data), or warnings about one that loads. */
typedef struct dqa_lint dqa_lint;

typedef enum dqa_lint_format { DQA_LINT_TEXT, DQA_LINT_JSON, DQA_LINT_GITHUB } dqa_lint_format;

/* Lints the rule file at rules_path: loads it (every mistake, as
 * dqa_rules_load_all), warns about checks placed under another criterion
 * than dqa-rules(5) lists their kind under, and names the files it refers
 * to that cannot be read. With inputs, checks the columns against their
 * headers (as dqa_rules_check_data) and reads their first max_records
 * records (0: all) against the declared types and formats. A mistake found
 * is a finding in *out, not a failure: returns 0, or DQA_ENOMEM or
 * DQA_ECANCELED. */
int dqa_lint_run(dqa_lint **out, const char *rules_path, const char *const *inputs,
		 size_t ninputs, uint64_t max_records, dqa_error *err);

/* The number of warnings (warnings true) or errors found. */
size_t dqa_lint_count(const dqa_lint *lint, bool warnings);

/* The first error found (its code says whose: DQA_ERULES the rule file's,
 * DQA_EINPUT the data's), or NULL. */
const dqa_error *dqa_lint_first_error(const dqa_lint *lint);

/* Writes the findings: text as dqa's other errors, on diagnostics, then
 * "RULES: ok (N checks)" on out when no error was found; json, an array of
 * {file, line, column, severity, message, hint}; github, one workflow
 * command (::error or ::warning) per finding; both on out. Returns 0,
 * DQA_ENOMEM or DQA_EIO. */
int dqa_lint_write(const dqa_lint *lint, dqa_lint_format format, FILE *out,
		   FILE *diagnostics);

void dqa_lint_free(dqa_lint *lint);

/* --- audits --------------------------------------------------------------- */

/* How far an audit has read, for a progress display. bytes counts the input
 * file's bytes (compressed ones for gzip) against its size, total_bytes (0
 * when unknown, e.g. stdin); lines counts lines of text handed to the
 * workers across all inputs. */
typedef struct dqa_progress {
	size_t input, ninputs;
	uint64_t bytes, total_bytes;
	uint64_t text_bytes, lines;
} dqa_progress;

typedef void (*dqa_progress_fn)(void *ctx, const dqa_progress *progress);

/* A deterministic split of the rows, for dqa suggest --holdout: a record
 * is held out when a hash of (seed, input index, line) falls in the first
 * `share` of its range. share 0: no split, every row is read. */
typedef struct dqa_holdout {
	double share;             /* 0 to 1 */
	uint64_t seed;
	bool held;                /* read only the held-out rows (else only the others) */
} dqa_holdout;

typedef struct dqa_audit_options {
	int64_t now;              /* reference time for alive checks, epoch seconds */
	int64_t generated_at;     /* stamped into the result, epoch seconds */
	unsigned samples;         /* failed-row samples kept per unit and check */
	unsigned threads;         /* worker threads: 0 = one per online core; at most
				     DQA_THREADS_MAX (dqa_result_threads says what
				     ran); results never depend on it */
	const char *unit;         /* non-NULL: every row belongs to this unit */
	const char *history;      /* past runs for stalled and rows_change, or NULL */
	size_t block_size;        /* bytes of input per unit of parallel work
				     (0 = 256 KiB); results never depend on it */
	dqa_progress_fn progress; /* called from the reading thread after each
				     block, or NULL */
	void *progress_ctx;
	dqa_holdout holdout;      /* audit a part of the rows (share 0: all) */
	uint64_t max_records;     /* audit only the first records, in input
				     order, with one worker (0: all) */
	unsigned jobs;            /* a suite's datasets audited at once: 0 = one per
				     online core (at most one per dataset), each
				     audit then with the cores shared out unless
				     threads is set; results never depend on it */
	const char *input_format; /* "csv", "ndjson" or "xlsx": read every input so (NULL:
				     the rule file's dataset: format, else
				     sniffed from each input's first bytes) */
	bool keep_failed_rows;    /* every failed row, for dqa_result_write_rows
				     and the report folder's failed-row files */
	bool keep_records;        /* every record's text, for the valid/invalid split */
	bool unmasked;            /* failed rows show pii values as read */
	bool show_paths;          /* the result and its reports name the rule file and
				     inputs as given; else an absolute path by its
				     base name (a server's folders stay private) */
} dqa_audit_options;

#define DQA_AUDIT_OPTIONS_INIT { 0, 0, 5, 0, NULL, NULL, 0, NULL, NULL, {0, 0, false}, \
				 0, 0, NULL, false, false, false, false }

/* More worker threads than this are not started: a larger count runs this
 * many. */
#define DQA_THREADS_MAX 256

typedef struct dqa_result dqa_result;

/* Audits the inputs ("-" is stdin; gzip is detected by its magic bytes) as
 * one dataset and scores it. Rows are streamed: memory grows with distinct
 * keys and units, not with rows. */
int dqa_audit_run(dqa_result **out, const dqa_rules *rules,
		  const char *const *inputs, size_t ninputs,
		  const dqa_audit_options *opts, dqa_error *err);

/* The data files that DATA operands name, in order: a directory stands for
 * every *.csv and *.csv.gz file under it (sub-folders included, names
 * starting with '.' skipped), sorted by path; any other operand ("-", a
 * file, a path that does not exist) passes unchanged, to be opened by the
 * audit. *out gets a malloc'd array of *nout malloc'd paths, freed with
 * dqa_inputs_free. A folder without CSV files, or one that cannot be read,
 * fails with DQA_EINPUT. */
int dqa_inputs_expand(char ***out, size_t *nout, const char *const *operands, size_t n,
		      dqa_error *err);

/* Frees what dqa_inputs_expand returned; NULL is a no-op. */
void dqa_inputs_free(char **paths, size_t n);

/* --- shards: one audit split across processes or machines --------------- */

/* Audits shard `index` (1-based) of `count`: of a single plain file, the
 * records from the first record boundary at or after (index-1)/count of its
 * size up to the one at or after index/count; of several files, every
 * count-th file (input index-1, index-1+count, ...). Writes everything a
 * merge needs (counts, samples, units, key sets and other check state) to
 * state_path atomically; *rows (when non-NULL) gets the rows audited.
 * Standard input and a single gzip file cannot be split (DQA_EARG) unless
 * count is 1. */
int dqa_audit_shard(const dqa_rules *rules, const char *const *inputs, size_t ninputs,
		    const dqa_audit_options *opts, unsigned index, unsigned count,
		    const char *state_path, uint64_t *rows, dqa_error *err);

typedef struct dqa_merge_options {
	const char *rules;        /* NULL: the rule file the states name */
	int64_t generated_at;     /* stamped into the result, epoch seconds */
	const char *history;      /* past runs for stalled and rows_change, or NULL */
	unsigned threads;         /* as dqa_audit_options.threads: loading the
				     states and resolving key sets */
	/* The rows the shards kept beside their states (dqa_audit_options
	 * keep_failed_rows, keep_records) are the result's, for
	 * dqa_result_write_rows and the report folder; these say what the
	 * caller needs of them. */
	bool failed_rows;         /* the shards must have kept their failed rows */
	bool records;             /* ... and every record's text */
	bool unmasked;            /* must be what the shards ran with, when they
				     kept rows */
	bool show_paths;          /* as dqa_audit_options.show_paths */
} dqa_merge_options;

#define DQA_MERGE_OPTIONS_INIT { NULL, 0, NULL, 0, false, false, false, false }

/* Merges the states of all shards of one audit into the result the
 * unsharded audit gives (same counts, samples, scores, and the same kept
 * rows, read from each state's STATE.rows). States of another rule set,
 * inputs, --now, --samples or --unit, other kept rows, or of another state
 * format or dqa version, a missing or repeated shard, a rule file changed
 * since the shards ran, and kept rows that are not what opts asks fail
 * with DQA_EARG; a state (or its rows file) that is not one, is truncated
 * or fails its checksum fails with DQA_EINPUT. */
int dqa_merge_run(dqa_result **out, const char *const *states, size_t nstates,
		  const dqa_merge_options *opts, dqa_error *err);

typedef enum dqa_status {
	DQA_PASS, DQA_WARN, DQA_FAIL, DQA_MISSING, DQA_NO_SCORE
} dqa_status;

/* "pass", "warn", "fail", "missing", "n/a". */
const char *dqa_status_name(dqa_status s);

/* The worker threads the audit or merge ran with: its options' threads,
 * resolved (0 became the online cores) and capped at DQA_THREADS_MAX. */
unsigned dqa_result_threads(const dqa_result *res);

/* Overall score 0-100 (NaN when nothing could be scored) and status. */
double dqa_result_score(const dqa_result *res);
dqa_status dqa_result_status(const dqa_result *res);
/* True when the extract had no records and the rules do not allow that
 * (dataset: allow_empty): the dataset then fails whatever its score. */
bool dqa_result_no_rows(const dqa_result *res);

/* Renders the result as the versioned JSON contract (see dqa(1)), ending in
 * a newline, into *out (malloc'd, NUL-terminated). Returns 0 or
 * DQA_ENOMEM. */
int dqa_result_json(char **out, const dqa_result *res, dqa_error *err);


/* The language of everything a person reads. */
typedef enum dqa_lang { DQA_LANG_EN, DQA_LANG_VI } dqa_lang;

/* The files of the rows an audit kept (dqa_audit_options keep_failed_rows
 * and keep_records), each NULL when not wanted, "-" for the stream out. */
typedef struct dqa_rows_output {
	const char *failed;       /* one line per row and failing check (dqa(1),
				     OUTPUT, Failed rows) */
	bool jsonl;               /* failed rows as JSON Lines, else CSV */
	uint64_t failed_max;      /* failed-row lines at most, 0: all */
	const char *valid, *invalid;   /* the header and each record's text:
					  invalid, those that fail a check of
					  severity error; valid, the others */
	dqa_lang lang;            /* of the failed rows' check labels */
} dqa_rows_output;

#define DQA_ROWS_OUTPUT_INIT { NULL, false, 0, NULL, NULL, DQA_LANG_EN }

typedef struct dqa_rows_written {
	uint64_t failed;          /* failed-row lines written */
	uint64_t left_out;        /* lines beyond failed_max */
	uint64_t valid, invalid;  /* records in each */
} dqa_rows_written;

/* Writes the files o names, in file order, each atomically (a temporary
 * renamed into place when complete: a failed or cancelled run leaves none).
 * *written (when non-NULL) gets the counts. Returns 0, DQA_EARG when the
 * audit did not keep what o asks for, DQA_EIO, DQA_ENOMEM or
 * DQA_ECANCELED. */
int dqa_result_write_rows(const dqa_result *res, const dqa_rows_output *o, FILE *out,
			  dqa_rows_written *written, dqa_error *err);

/* Writes what the audit kept in memory, a line per key or reference set:
 * "ID: N keys, M.M MB". Returns 0 or DQA_EIO. */
int dqa_result_write_memory(const dqa_result *res, FILE *out);

void dqa_result_free(dqa_result *res);

/* --- the quality gate ---------------------------------------------------- */

typedef struct dqa_gate_input {
	double score;             /* overall (a suite: the mean of its datasets') */
	dqa_status status;        /* overall (a suite: the worst dataset's) */
	bool no_rows;             /* the extract had no records and may not be empty */
	double fail_under;        /* < 0: no --fail-under */
	bool suite;               /* words the reason for a suite */
} dqa_gate_input;

/* True when the run passes the gate: not fail, not empty, and the score as
 * the reports show it (two decimals) not below fail_under. Otherwise false,
 * with the reason (English, lower case, no full stop) in why (cap bytes). */
bool dqa_gate(const dqa_gate_input *in, char *why, size_t cap);

/* --- reports ------------------------------------------------------------- */

/* Every report is rendered from the result as its JSON document (the
 * contract of dqa(1)), so a saved result.json re-renders exactly. */
typedef struct dqa_report dqa_report;

/* "en" or "vi" to *out; DQA_EARG for anything else. */
int dqa_lang_parse(const char *name, dqa_lang *out);

/* The language a locale value (LANG, LC_ALL, ...) asks for: Vietnamese
 * when it starts with "vi", English otherwise (NULL included). */
dqa_lang dqa_lang_from_locale(const char *locale);

/* The language the environment asks for: the first of LC_ALL, LC_MESSAGES
 * and LANG that is set and not empty, read by dqa_lang_from_locale. */
dqa_lang dqa_lang_from_environment(void);

/* Times in everything a person reads are local times with their zone
 * shown; the zone is TZ's (the system's when unset) unless this sets one:
 * a tz database name such as "Asia/Ho_Chi_Minh", or "UTC". Returns 0, or
 * DQA_EARG for an unknown zone. Sets TZ for the whole process. */
int dqa_time_zone_set(const char *zone, dqa_error *err);

/* Wraps a scored result for rendering; res must outlive the report. */
int dqa_report_from_result(dqa_report **out, const dqa_result *res, dqa_error *err);

/* Loads a saved result.json ("-" is stdin). A file that is not a dqa
 * result of a format this version reads fails with DQA_EINPUT, err naming
 * the file (and line and column for JSON syntax errors). */
int dqa_report_load(dqa_report **out, const char *path, dqa_error *err);

/* Renders one report: format is "json", "csv" (scores.csv), "md"
 * (summary.md), "junit" (junit.xml) or "html" (index.html), into *out
 * (malloc'd, NUL-terminated), its length in *len. Returns 0, DQA_EARG for
 * an unknown format, or DQA_ENOMEM. */
int dqa_report_render(char **out, size_t *len, const dqa_report *rep, const char *format,
		      dqa_lang lang, dqa_error *err);

/* Writes the terminal summary: the overall score, one row per unit worst
 * first, then the warning list, in lang. color adds ANSI colours.
 * Returns 0 or DQA_EIO. */
int dqa_report_write_text(const dqa_report *rep, dqa_lang lang, FILE *out, bool color);

/* True when format names a report dqa_report_render knows. */
bool dqa_report_format_known(const char *format);

/* Writes the report folder DIR: index.html, units/UNIT.html, result.json,
 * scores.csv, checks.csv, warnings.csv, summary.md and junit.xml (and, for
 * a result that kept its failed rows, units/UNIT.failed.csv for each unit
 * with one, linked from its page), each
 * atomically (all flushed to disk with one sync, then renamed into place,
 * index.html last), then removes unit pages an earlier run wrote for units
 * this result lacks. *nfiles (when non-NULL) gets the number of files
 * written. */
int dqa_report_write_dir(const dqa_report *rep, const char *dir, dqa_lang lang,
			 size_t *nfiles, dqa_error *err);

/* The name of the report's dataset (as the history records it), owned by
 * rep. */
const char *dqa_report_dataset(const dqa_report *rep);

void dqa_report_free(dqa_report *rep);

typedef struct dqa_history dqa_history;

/* Gives index.html a trend line per unit: its overall score in the last
 * runs of the report's dataset in h before the report's reference time,
 * then the report's own score. A history without such runs is fine (the
 * lines then hold this run only). Returns 0 or DQA_ENOMEM. */
int dqa_report_add_history(dqa_report *rep, const dqa_history *h, dqa_error *err);

/* After dqa_report_write_dir to DIR, the history pages of the folder (see
 * dqa(1), Report folder): trend.html, the trend of the report's dataset in
 * h, and warnings.html, the weekly warning list of the latest week, each
 * unit linked to its page under units/; then index.html again, linking to
 * them (rep remembers that it has history pages). Each atomically.
 * *nfiles (when non-NULL) gets the number of files written: 0 when h has
 * no run of the dataset. */
int dqa_report_write_history_pages(dqa_report *rep, const dqa_history *h, const char *dir,
				   dqa_lang lang, size_t *nfiles, dqa_error *err);

/* Failed-row lines a unit's units/UNIT.failed.csv holds at most (0: all;
 * 10,000 without this call); its page says how many were left out. */
void dqa_report_set_failed_rows_max(dqa_report *rep, uint64_t max);

/* Drops since the previous run larger than points show red in index.html
 * (the audit's --max-drop); without this call, drops beyond 1 point. */
void dqa_report_set_drop_alert(dqa_report *rep, double points);

/* --- profiles: what a dataset holds, column by column --------------------- */

typedef struct dqa_profile dqa_profile;

typedef struct dqa_profile_options {
	int64_t now;              /* reference time (citizen-ID birth years), epoch seconds */
	unsigned threads;         /* 0 = all cores; exact results never depend on it */
	size_t block_size;        /* bytes per unit of parallel work (0 = 256 KiB) */
	const char *encoding;     /* of the inputs (as in a rule file), NULL: UTF-8 */
	bool by_unit;             /* count rows and empty fields per unit */
	const char *unit_column;  /* the unit column (implies by_unit); NULL: the
				     first column named unit, ward_code, ... */
	dqa_holdout holdout;      /* profile a part of the rows (share 0: all) */
} dqa_profile_options;

#define DQA_PROFILE_OPTIONS_INIT { 0, 0, 0, NULL, false, NULL, {0, 0, false} }

/* Profiles the inputs ("-" is stdin, gzip detected) as one dataset on the
 * parallel scan, in memory that does not grow with rows: per column the
 * inferred type, empties, distinct values, extremes, quantiles, lengths,
 * top values, shapes and hygiene findings (dqa(1), PROFILES). Inputs that
 * cannot be read fail with DQA_EINPUT; an unknown encoding or unit column
 * with DQA_EARG. */
int dqa_profile_run(dqa_profile **out, const char *const *inputs, size_t ninputs,
		    const dqa_profile_options *opts, dqa_error *err);

/* Renders the profile as "json" (the contract of dqa(1)), "text", "md" or
 * "html" (a page in lang; the others are in English), into *out (malloc'd,
 * NUL-terminated), its length in *len. Returns 0, DQA_EARG for an unknown
 * format, or DQA_ENOMEM. */
int dqa_profile_render(char **out, size_t *len, const dqa_profile *p, const char *format,
		       dqa_lang lang, dqa_error *err);

/* The rule file dqa suggest writes for the profiled data (dqa(1),
 * SUGGEST): YAML that dqa lint accepts, each check with its reason in a
 * comment. unit_refs are "PATH#COLUMN" reference lists (n of them) a unit
 * column is matched against; the first that holds 80% of a code column's
 * values makes it the unit. The YAML goes to *out (malloc'd), its length
 * to *len. Returns 0, DQA_EINPUT (a reference that cannot be read) or
 * DQA_ENOMEM. */
int dqa_profile_suggest(char **out, size_t *len, const dqa_profile *p,
			const char *const *unit_refs, size_t nrefs, dqa_error *err);

/* After an audit of held-out rows with suggested rules: YAML comment lines
 * "# holdout: ID passes P% of N held-out values, below min_ratio R", one per
 * check whose pass share over all units is below its min_ratio (or one
 * line saying every check passes), into *out (malloc'd); their number in
 * *nfailing. Returns 0 or DQA_ENOMEM. */
int dqa_holdout_report(char **out, size_t *nfailing, const dqa_result *res);

/* Writes DIR/profile.json, DIR/profile.md and DIR/profile.html (in lang;
 * DIR created if missing), each atomically. */
int dqa_profile_write_dir(const dqa_profile *p, const char *dir, dqa_lang lang, dqa_error *err);

void dqa_profile_free(dqa_profile *p);

/* --- Frictionless schemas ------------------------------------------------- */

/* A rule file from a Frictionless Table Schema or Data Package (the
 * resource named `resource`, NULL: the first): column types and date
 * formats, constraints (required, unique, minimum, maximum, minLength,
 * maxLength, pattern, enum), primaryKey, foreignKeys to another resource
 * (in_ref) and the package's metadata (shared.metadata); see dqa(1),
 * SCHEMAS. What does not map is listed in comments and, a line each, in
 * *not_mapped (malloc'd, "" when all maps). The YAML goes to *out
 * (malloc'd), its length to *len. Returns 0, or an error code with err
 * filled (DQA_EINPUT: not JSON, or
 * not a schema). */
int dqa_schema_import(char **out, size_t *len, char **not_mapped, const char *path,
		      const char *resource, dqa_error *err);

/* The columns and constraints of the rule file at rules_path (which must
 * load) as a Frictionless Table Schema: declared types and formats,
 * not_null (required), unique, range and date bounds (minimum, maximum),
 * length (minLength, maxLength), anchored regex (pattern), enum, email and
 * url (format), dataset key (primaryKey) and in_ref (foreignKeys naming the
 * reference path as the resource). Checks with no such form are listed, a
 * line each, in *not_mapped (malloc'd). The JSON, without a final newline,
 * goes to *out (malloc'd). Returns 0, or an error code with err filled. */
int dqa_schema_export(char **out, char **not_mapped, const char *rules_path, dqa_error *err);

/* --- suites: many datasets of one city in one report ---------------------- */

/* A suite file lists datasets, each a rule file and data paths or globs
 * (relative to the suite file; folders stand for their CSV files, as in
 * dqa_inputs_expand); see dqa(1), SUITES. */
typedef struct dqa_suite dqa_suite;

/* Loads the suite file, every rule file it names, expands the data globs
 * and checks every dataset's headers against its rules, so no audit starts
 * when one dataset is wrong. Errors in the suite file are DQA_ERULES at its
 * line and column; a glob without a match is DQA_EINPUT. */
int dqa_suite_load(dqa_suite **out, const char *path, dqa_error *err);

/* Where a suite run puts each dataset as soon as it is audited. */
typedef struct dqa_suite_sink {
	const char *dir;          /* report folder: DIR/NAME/ per dataset, then the
				     city's suite.json, summary.md and index.html;
				     NULL: none */
	const char *history;      /* history store each dataset's run is appended to
				     (dqa_history_append); with dir, also the history
				     pages of each dataset and of the city; NULL: none */
	dqa_lang lang;
	size_t nfiles;            /* out: files written under dir, history pages aside */
} dqa_suite_sink;

#define DQA_SUITE_SINK_INIT { NULL, NULL, DQA_LANG_EN, 0 }

/* Audits every dataset (opts->jobs at once) and builds the suite document.
 * Each dataset, in suite order, goes to sink (NULL: nowhere) as soon as it
 * is audited (its report folder, its history run and pages) and its result
 * is then released: the suite keeps only its summary. Stops at the first
 * dataset that fails (its error in err); the datasets before it stay
 * written and recorded. */
int dqa_suite_run(dqa_suite *suite, const dqa_audit_options *opts, dqa_suite_sink *sink,
		  dqa_error *err);

/* After dqa_suite_run: the mean of the datasets' overall scores (NaN when
 * none has one) and the worst of their statuses (fail, warn, pass). */
double dqa_suite_score(const dqa_suite *suite);
dqa_status dqa_suite_status(const dqa_suite *suite);

/* The suite document (see dqa(1), SUITES), ending in a newline, into *out
 * (malloc'd). Returns 0 or DQA_ENOMEM. */
int dqa_suite_json(char **out, const dqa_suite *suite, dqa_error *err);

/* The terminal summary: datasets, then units x datasets. 0 or DQA_EIO. */
int dqa_suite_write_text(const dqa_suite *suite, dqa_lang lang, FILE *out);

/* A suite sharded by dataset: shard `index` (1-based) of `count` audits
 * datasets index, index+count, index+2*count, ... in suite order, each
 * whole. Loads the suite as dqa_suite_load does, but expands and checks
 * the data of the shard's own datasets only. */
int dqa_suite_load_shard(dqa_suite **out, const char *path, unsigned index, unsigned count,
			 dqa_error *err);

/* Audits the datasets of the shard the suite was loaded for and writes one
 * suite state to state_path atomically: the suite file's path and a hash of
 * its bytes, the shard, opts' now and samples, and each dataset's state as
 * dqa_audit_shard writes it for shard 1 of 1 (a shard without datasets
 * writes a state of none). *ndatasets and *rows (when non-NULL) get what
 * the shard audited. */
int dqa_suite_shard(dqa_suite *suite, const dqa_audit_options *opts, const char *state_path,
		    size_t *ndatasets, uint64_t *rows, dqa_error *err);

/* True when the file at path starts as a suite state (for dqa_suite_merge)
 * rather than a dataset state (for dqa_merge_run). */
bool dqa_state_is_suite(const char *path);

/* Merges the suite states of all shards of one suite run into the suite
 * dqa_suite_run gives (its document, score and status, each dataset sent
 * to sink as dqa_suite_run sends it; opts->generated_at stamped, opts->history read as the audit reads it).
 * Reads the suite file and its rule files again from the paths the states
 * name. States of another suite file or of another version of it, shard
 * count, now or samples, a missing or repeated shard, a dataset state among
 * them, a suite or rule file changed since the shards ran, and
 * opts->rules set fail with DQA_EARG; a state that is not one, is
 * truncated or fails its checksum fails with DQA_EINPUT. */
int dqa_suite_merge(dqa_suite **out, const char *const *states, size_t nstates,
		    const dqa_merge_options *opts, dqa_suite_sink *sink, dqa_error *err);

void dqa_suite_free(dqa_suite *suite);

/* --- cancelling ---------------------------------------------------------- */

/* Asks every running and later audit, rule load and report write of this
 * process to stop at its next check (between blocks of input, between
 * report files); they fail with DQA_ECANCELED, leaving no temporary file.
 * Async-signal-safe: meant for a SIGINT or SIGTERM handler. Worker threads
 * of an audit block signals, so a signal interrupts the caller's thread. */
void dqa_cancel(void);

/* True once dqa_cancel has been called. */
bool dqa_cancelled(void);

/* --- files ---------------------------------------------------------------- */

/* Writes data to DIR/NAME atomically: a temporary file in DIR, flushed and
 * renamed over NAME, so readers see the old file or the new one, never half.
 * DIR is created if missing. */
int dqa_write_file_atomic(const char *dir, const char *name, const char *data,
			  size_t len, dqa_error *err);

/* --- history: nightly runs, trends, regressions, weekly warnings -------- */

/* Records the result in the history store at path (an SQLite file, created
 * when missing; see dqa(1), HISTORY): for every unit one row per scored
 * criterion and an "overall" row, then the dataset's rows, and the hashes
 * of the rule file and the files it read; run_at is the result's reference
 * time (--now). One transaction: the run is recorded whole or not at all
 * (DQA_EIO, e.g. a full disk), concurrent writers wait for each other. A
 * CSV history fails with DQA_EARG (see dqa_history_import). */
int dqa_history_append(const char *path, const dqa_result *res, dqa_error *err);

/* Fingerprint of the input files as 16 hex digits (see dqa(1), HISTORY);
 * stdin contributes nothing. out holds at least 17 bytes. */
int dqa_input_fingerprint(const char *const *inputs, size_t ninputs, char *out,
			  dqa_error *err);

/* Which runs to load or export. */
typedef struct dqa_history_query {
	const char *dataset;      /* NULL: every dataset */
	int64_t since, until;     /* runs with since <= run_at < until */
	bool totals_only;         /* only the overall rows, not the criteria's, and
				     without their check scores (the baseline's) */
} dqa_history_query;

#define DQA_HISTORY_QUERY_INIT { NULL, INT64_MIN, INT64_MAX, false }

/* Loads the runs of the store at path that q asks for. A missing store
 * fails with DQA_EINPUT, a CSV history with DQA_EARG. */
int dqa_history_load_query(dqa_history **out, const char *path, const dqa_history_query *q,
			   dqa_error *err);

/* Loads every run of the store at path (dqa_history_load_query). */
int dqa_history_load(dqa_history **out, const char *path, dqa_error *err);

void dqa_history_free(dqa_history *h);

/* Loads CSV histories (the long layout 'dqa audit --history FILE.csv'
 * wrote before the store, either header) into the store at path, created
 * when missing: each file in one transaction, its runs in file order. A
 * line that does not parse is skipped, and a last line without a newline
 * (an interrupted append) dropped; *notice is then a malloc'd line saying
 * so (else NULL; caller frees). *runs counts the runs recorded. */
int dqa_history_import(const char *path, const char *const *csv_files, size_t nfiles,
		       size_t *runs, char **notice, dqa_error *err);

/* Writes the runs of the store at path that q asks for as a CSV history
 * (the long layout, its current header), in the order they were recorded. */
int dqa_history_export(const char *path, const dqa_history_query *q, FILE *out, dqa_error *err);

typedef struct dqa_prune_options {
	int64_t keep_since;       /* runs before this time are deleted... */
	bool weekly;              /* ...or, when set, kept as the last run of each
				   * dataset's ISO week */
} dqa_prune_options;

/* Deletes (or rolls up to one a week) the runs before opts->keep_since,
 * then reclaims the space. *removed counts the runs deleted. */
int dqa_history_prune(const char *path, const dqa_prune_options *opts, size_t *removed,
		      dqa_error *err);

typedef enum dqa_view_format {
	DQA_VIEW_TEXT, DQA_VIEW_CSV, DQA_VIEW_JSON, DQA_VIEW_MD, DQA_VIEW_HTML
} dqa_view_format;

/* "text", "csv", ... to *out; DQA_EARG for an unknown name. */
int dqa_view_format_parse(const char *name, dqa_view_format *out);

typedef struct dqa_trend_options {
	const char *dataset;      /* NULL: every dataset in the history */
	const char *unit;         /* NULL: every unit */
	int64_t since;            /* runs before this time are left out */
	unsigned width;           /* sparkline points: the last N runs */
	bool color;
	dqa_lang lang;            /* text, md and html; csv and json are English */
} dqa_trend_options;

#define DQA_TREND_OPTIONS_INIT { NULL, NULL, INT64_MIN, 30, false, DQA_LANG_EN }

/* Writes, per dataset and unit of the history store at path, the overall
 * score over time: a sparkline, the change since the last run and since a
 * week before the latest run, and the units that got worse. Reads the store
 * one dataset at a time (only opts->dataset's runs when set), overall rows
 * only. Returns 0, DQA_EARG when nothing matches the options (or a CSV
 * history is given), DQA_EINPUT when the store is missing or not one, or
 * DQA_EIO. */
int dqa_trend_write(const char *store, const dqa_trend_options *opts, dqa_view_format format,
		    FILE *out, dqa_error *err);

/* "2026-W48", or a date such as "2026-11-25" standing for its week, to the
 * Monday 00:00 UTC that starts that ISO 8601 week. Returns 0 or DQA_EARG
 * (bad syntax, or week 53 of a 52-week year). */
int dqa_iso_week_parse(const char *text, int64_t *monday);

/* The ISO 8601 week containing t, as "2026-W48" (at least 9 bytes). */
void dqa_iso_week_format(int64_t t, char *out);

typedef struct dqa_weekly_options {
	const char *dataset;      /* NULL: every dataset in the history */
	int64_t week;             /* its Monday 00:00 UTC; INT64_MIN: the latest run's week */
	double target;            /* < 0: the unit's recorded status decides */
	unsigned stalled_runs;    /* runs with an unchanged fingerprint = stalled */
	dqa_lang lang;            /* text, md and html; csv and json are English */
} dqa_weekly_options;

#define DQA_WEEKLY_OPTIONS_INIT { NULL, INT64_MIN, -1, 3, DQA_LANG_EN }

/* Writes the weekly warning list of the history store at path: units
 * below target, missing units and units with stalled data, worst first,
 * each with its streak in weeks. With the default target and stalled
 * runs, reads one row a unit (each row records the unit's stalled count
 * and streak so far); otherwise the store one dataset at a time, each up
 * to the end of the week only. Returns 0, DQA_EARG when the store
 * has no run of the dataset (or is a CSV history), DQA_EINPUT when it is
 * missing or not a store, DQA_ENOMEM or DQA_EIO. */
int dqa_weekly_write(const char *store, const dqa_weekly_options *opts, dqa_view_format format,
		     FILE *out, dqa_error *err);

/* How far scores may fall against a baseline, in points, judged on scores
 * as printed (two decimals). */
typedef struct {
	double max_drop;            /* any unit's score (or a check's, see below) */
	double max_overall_drop;    /* the dataset's overall score */
} dqa_baseline_options;

#define DQA_BASELINE_OPTIONS_INIT {0, 0}

/* Compares res with a baseline (a history file: its latest run of the same
 * dataset; or a result.json). *dropped is false when no unit dropped more
 * than max_drop points and the overall score no more than
 * max_overall_drop, true when something did. Returns 0 or a negative
 * code. When the baseline ran other rules
 * (another rules hash in the history, or other check ids), only the checks
 * both runs have are compared, each unit's check by check, against
 * max_drop. *message is NULL or a malloc'd text for stderr: notes (no
 * earlier run, rules changed) first, then the explanation naming the units
 * and the checks or criteria that got worse. */
int dqa_baseline_compare(char **message, bool *dropped, const dqa_result *res,
			 const char *baseline, const dqa_baseline_options *opts, dqa_error *err);

#ifdef __cplusplus
}
#endif

#endif
