/* dqa history import|export|prune: the history store's upkeep (loading
 * CSV histories, writing one for spreadsheets, retention). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

static const char *const export_formats[] = {"csv", NULL};

struct history_args {
	const char *store;            /* --history */
	dqa_history_query query;      /* export: --dataset, --since */
	const char *format;           /* export: an export_formats entry */
	int64_t keep;                 /* prune: --keep, seconds */
	bool keep_given, weekly;
};

/* --keep: a duration of the rule files' grammar (400d, 2y). */
static int parse_keep(const char *value, void *dest, char *why, size_t cap)
{
	const char *problem;
	if (dqa_duration_parse(value, dest, &problem) == 0)
		return 0;
	snprintf(why, cap, "%s", problem ? problem : "expected a duration such as 400d");
	return -1;
}

#define T struct history_args
#define STORE_OPTION OPTION("history", 'H', OPTION_STRING, "STORE", OPTION_AT(T, store), \
			    "the history store (an SQLite file)")
static const struct option_spec import_options[] = {STORE_OPTION};
static const struct option_spec export_options[] = {
	STORE_OPTION,
	OPTION("dataset", 'd', OPTION_STRING, "NAME", OPTION_AT(T, query.dataset),
	       "only this dataset", .default_note = "every one"),
	OPTION("since", 0, OPTION_PARSE, "WHEN", OPTION_AT(T, query.since),
	       "only runs from WHEN on (ISO 8601 date or time, or a duration before now such as "
	       "30d)", .parse = cli_parse_since, .default_note = "the first"),
	OPTION("format", 'f', OPTION_CHOICE, "FMT", OPTION_AT(T, format), NULL,
	       .choices = export_formats),
};
static const struct option_spec prune_options[] = {
	STORE_OPTION,
	OPTION("keep", 0, OPTION_PARSE, "AGE", OPTION_AT(T, keep),
	       "keep the runs of the last AGE (a duration such as 400d)", .parse = parse_keep,
	       .given = OPTION_GIVEN(T, keep_given)),
	OPTION("weekly", 0, OPTION_FLAG, NULL, OPTION_AT(T, weekly),
	       "of older runs keep each dataset's last run of each ISO week"),
};
#undef STORE_OPTION
#undef T

#define HELP(usage, summary, table) {usage, summary, table, sizeof table / sizeof *table}
static const struct command_help import_help = HELP(
	"history import FILE.csv... --history STORE",
	"Load CSV histories (written by 'dqa audit --history FILE.csv' before the\n"
	"store, or by 'dqa history export') into the history store STORE, created\n"
	"when missing; each file whole or not at all.", import_options);
static const struct command_help export_help = HELP(
	"history export --history STORE [options]",
	"Write the runs of the history store STORE as a CSV history on standard\n"
	"output (one line per unit, criterion and run), for spreadsheets.", export_options);
static const struct command_help history_help = {
	"history (import|export|prune) [options]",
	"Look after the history store (the SQLite file 'dqa audit --history STORE'\n"
	"writes):\n"
	"  import   load CSV histories into the store\n"
	"  export   write the store's runs as a CSV history\n"
	"  prune    delete (or roll up to one a week) the runs older than an age\n"
	"Run 'dqa history VERB --help' for a verb's options.", NULL, 0};
static const struct command_help prune_help = HELP(
	"history prune --history STORE --keep AGE [--weekly]",
	"Delete the runs older than AGE from the history store STORE (with --weekly,\n"
	"keep one run a week of them), then compact the file.", prune_options);
#undef HELP

static int run_import(const struct history_args *a, const char **files, int n)
{
	dqa_error err = {0};
	size_t runs;
	char *notice;
	if (dqa_history_import(a->store, files, (size_t)n, &runs, &notice, &err) < 0)
		return report_error(&err);
	if (notice)
		fprintf(stderr, "dqa: warning: %s\n", notice);
	free(notice);
	return EXIT_PASS;
}

static int run_export(const struct history_args *a)
{
	dqa_error err = {0};
	if (dqa_history_export(a->store, &a->query, stdout, &err) < 0)
		return report_error(&err);
	return cli_flush_stdout();
}

static int run_prune(const struct history_args *a)
{
	dqa_error err = {0};
	const dqa_prune_options opts = {cli_generated_at() - a->keep, a->weekly};
	size_t removed;
	return dqa_history_prune(a->store, &opts, &removed, &err) < 0 ? report_error(&err)
								       : EXIT_PASS;
}

/* Parses the subcommand's options and checks what it needs: 0 or the
 * exit status (-1: --help was printed). */
static int parse(int argc, char **argv, const struct command_help *help, struct history_args *a,
		 const char **positional, int *n)
{
	int rc = options_parse(argc, argv, help, a, positional, n);
	if (rc == 0 && !a->store)
		rc = usage_error(help, "no history store given (--history STORE)");
	return rc;
}

/* The verb's help, or NULL after an error about it: 0 or the exit status
 * (-1: the history --help was printed). */
static int find_verb(int argc, char **argv, const struct command_help **help)
{
	static const struct {
		const char *name;
		const struct command_help *help;
	} verbs[] = {{"import", &import_help}, {"export", &export_help}, {"prune", &prune_help}};
	*help = NULL;
	if (argc == 0)
		return usage_error(&history_help, "no history verb given");
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
		options_print_help(stdout, &history_help, NULL);
		return -1;
	}
	const char *names[sizeof verbs / sizeof *verbs];
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
		if (strcmp(argv[0], verbs[i].name) == 0) {
			*help = verbs[i].help;
			return 0;
		}
		names[i] = verbs[i].name;
	}
	const char *near = dqa_closest_word(argv[0], names, sizeof names / sizeof *names);
	return near ? usage_error(&history_help, "unknown history verb '%s' (did you mean '%s'?)",
				  argv[0], near)
		    : usage_error(&history_help, "unknown history verb '%s'", argv[0]);
}

int cmd_history(int argc, char **argv)
{
	struct history_args a = {.query = DQA_HISTORY_QUERY_INIT, .format = "csv"};
	const struct command_help *help;
	int rc = find_verb(argc, argv, &help);
	if (rc != 0)
		return rc < 0 ? EXIT_PASS : rc;
	const char **positional = calloc((size_t)argc + 1, sizeof *positional);
	if (!positional)
		return EXIT_INPUT;
	int n;
	rc = parse(argc - 1, argv + 1, help, &a, positional, &n);
	if (rc == 0 && help == &import_help && n == 0)
		rc = usage_error(help, "no CSV history given");
	else if (rc == 0 && help != &import_help && n > 0)
		rc = usage_error(help, "unexpected argument '%s'", positional[0]);
	else if (rc == 0 && help == &prune_help && !a.keep_given)
		rc = usage_error(help, "give how much to keep (--keep AGE, such as 400d)");
	if (rc == 0)
		rc = help == &import_help ? run_import(&a, positional, n)
		   : help == &export_help ? run_export(&a) : run_prune(&a);
	free(positional);
	return rc < 0 ? EXIT_PASS : rc;
}
