/* dqa: the command. Dispatches to one subcommand per row of a table. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{"audit", cmd_audit, "audit a dataset against a rule file and score every unit"},
	{"lint", cmd_lint, "check a rule file (and its data's first records) without auditing"},
	{"merge", cmd_merge, "merge the states of a sharded audit into one result"},
	{"profile", cmd_profile, "profile a dataset: column types, counts, extremes, hygiene"},
	{"suggest", cmd_suggest, "suggest a rule file from the data, each check with its reason"},
	{"import-schema", cmd_import_schema, "a rule file from a Frictionless Table Schema or Data Package"},
	{"export-schema", cmd_export_schema, "the columns and constraints of a rule file as a Table Schema"},
	{"report", cmd_report, "render the reports of a saved result.json again"},
	{"trend", cmd_trend, "show each unit's score over time from a history store"},
	{"warnings", cmd_warnings, "the weekly warning list from a history store"},
	{"history", cmd_history, "import, export or prune the history store"},
};

enum { NCOMMANDS = sizeof commands / sizeof *commands };

static void print_usage(FILE *out)
{
	fprintf(out, "usage: dqa COMMAND [ARGS...]\n\n"
		     "Audit dataset extracts (CSV, JSON Lines, Excel workbooks, PostgreSQL\n"
		     "tables) against YAML rule sets and score every unit on six criteria:\n"
		     "correct, sufficient, clean, alive, unified, shared.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].help);
	fprintf(out, "  %-13s %s\n", "help", "show help for a command");
	fprintf(out, "\nRun 'dqa COMMAND --help' for its options; see dqa(1) and dqa-rules(5).\n"
		     "Exit status: 0 pass, 1 quality gate failed, 2 usage or rule error, 3 input error.\n");
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* An unknown command, with the closest one ('audt': did you mean 'audit'?). */
static int unknown_command(const char *name)
{
	const char *names[NCOMMANDS + 3] = {"help", "--help", "--version"};
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[3 + i] = commands[i].name;
	const char *near = dqa_closest_word(name, names, NCOMMANDS + 3);
	if (near)
		fprintf(stderr, "dqa: unknown command '%s' (did you mean '%s'?)\n", name, near);
	else
		fprintf(stderr, "dqa: unknown command '%s'\n", name);
	fprintf(stderr, "Run 'dqa --help' for the list of commands.\n");
	return EXIT_USAGE;
}

static int is_help_flag(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (is_help_flag(name)) {
		print_usage(stdout);
		return EXIT_PASS;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("dqa %s\n", DQA_VERSION);
		return EXIT_PASS;
	}
	if (strcmp(name, "help") == 0) {
		if (argc < 3 || is_help_flag(argv[2]) || strcmp(argv[2], "help") == 0) {
			print_usage(stdout);
			return EXIT_PASS;
		}
		const struct command *c = find(argv[2]);
		if (!c)
			return unknown_command(argv[2]);
		char *help_argv[] = {(char *)"--help", NULL};
		int rc = c->fn(1, help_argv);
		return rc;
	}
	const struct command *c = find(name);
	if (!c)
		return unknown_command(name);
	cli_signals_init();
	int rc = c->fn(argc - 2, argv + 2);
	/* Interrupted after the last check of the flag: the work is complete,
	 * but the caller asked to stop and learns it did. */
	return dqa_cancelled() && rc < 128 ? cli_interrupted(rc) : rc;
}
