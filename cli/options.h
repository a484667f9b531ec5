/* Command-line options as data: each command declares a table of typed
 * options (name, short name, type, range, where the value goes, help), and
 * one function parses argv against it, checks every value and prints
 * --help from the same rows, so the help, the parsing and the error
 * messages never disagree. Defaults live once: in the command's argument
 * struct as initialised (from the library's DQA_X_OPTIONS_INIT where the
 * library owns the parameter), and --help shows them from there. */
#ifndef DQA_CLI_OPTIONS_H
#define DQA_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum option_type {
	OPTION_FLAG,    /* no value: sets a bool */
	OPTION_STRING,  /* const char *, as given */
	OPTION_UINT,    /* unsigned, a whole number in [min, max] */
	OPTION_NUMBER,  /* double, in [min, max] */
	OPTION_CHOICE,  /* const char *: one of choices (the table's own string) */
	OPTION_PARSE    /* parse(value, destination) decides */
};

/* An OPTION_PARSE reader: fills *dest from value and returns 0, or returns
 * -1 with why (room for cap bytes) saying what was expected. */
typedef int (*option_parse_fn)(const char *value, void *dest, char *why, size_t cap);

struct option_spec {
	const char *name;             /* long name, without "--" */
	char short_name;              /* 0: none */
	enum option_type type;
	const char *metavar;          /* NULL for a flag */
	size_t offset;                /* of the destination in the command's arguments */
	const char *help;
	double min, max;              /* OPTION_UINT, OPTION_NUMBER */
	const char *const *choices;   /* OPTION_CHOICE, NULL-terminated */
	option_parse_fn parse;        /* OPTION_PARSE */
	/* The default in words when it is no value of the option ("all
	 * cores"); for a choice, what qualifies its default ("without --out"). */
	const char *default_note;
	size_t given;                 /* OPTION_GIVEN of a bool set when given, or 0 */
};

/* One row of a table: the fields every option has, then designated ones
 * (.min, .max, .choices, .parse, .default_note, .given) as it needs. */
#define OPTION(name_, short_, type_, metavar_, offset_, help_, ...)                          \
	{.name = (name_), .short_name = (short_), .type = (type_), .metavar = (metavar_),     \
	 .offset = (offset_), .help = (help_), __VA_ARGS__}

/* The destination of a member of the command's argument struct type. */
#define OPTION_AT(type, member) offsetof(type, member)
/* A bool member set when the option is given. */
#define OPTION_GIVEN(type, member) (offsetof(type, member) + 1)

struct command_help {
	const char *usage;            /* after "usage: dqa " */
	const char *summary;
	const struct option_spec *options;
	size_t noptions;
};

/* Parses argv (after the command name) into args, the command's argument
 * struct, already holding the defaults. Positionals are collected in order
 * into positional (room for argc entries). --help prints the help and
 * returns -1; a usage error (an unknown option, with the closest name; a
 * value out of range, naming the range) prints a short message and returns
 * 2. */
int options_parse(int argc, char **argv, const struct command_help *help, void *args,
		  const char **positional, int *npositional);

/* The help of a command, its options' defaults read from args. */
void options_print_help(FILE *out, const struct command_help *help, const void *args);

/* "dqa: MESSAGE" plus a pointer to --help, on stderr; returns 2. */
int usage_error(const struct command_help *help, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* An OPTION_PARSE reader of ISO 8601 times (--now) into an int64_t of
 * epoch seconds. */
int options_parse_time(const char *value, void *dest, char *why, size_t cap);

/* The one number reader of the command line: text is a number (whole:
 * digits only) from min to max. Returns 0 with *out set, or -1 with why
 * naming the range. */
int options_number(const char *text, double min, double max, bool whole, double *out,
		   char *why, size_t cap);

#endif
