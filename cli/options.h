/* Command-line options from a per-command table; the same table prints the
 * command's --help, so the two never disagree. */
#ifndef DQA_CLI_OPTIONS_H
#define DQA_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

struct option_spec {
	int id;
	char short_name;          /* 0: none */
	const char *long_name;
	const char *arg;          /* metavariable, NULL for a flag */
	const char *help;
};

struct command_help {
	const char *usage;        /* after "usage: dqa " */
	const char *summary;
	const struct option_spec *options;
	size_t noptions;
};

/* Called for each option; value is NULL for flags. Returns 0, or an exit
 * status to stop with (the callback has printed why). */
typedef int (*option_fn)(void *ctx, int id, const char *value);

/* Parses argv (after the command name). Positionals are collected in order
 * into positional (room for argc entries). --help prints help and returns
 * -1; a usage error prints a short message and returns 2. */
int options_parse(int argc, char **argv, const struct command_help *help, option_fn fn,
		  void *ctx, const char **positional, int *npositional);

void options_print_help(FILE *out, const struct command_help *help);
/* "dqa: MESSAGE" plus a pointer to --help, on stderr; returns 2. */
int usage_error(const struct command_help *help, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
