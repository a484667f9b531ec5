/* The option parser of options.h: --long, --long=value, --long value,
 * -s value, -svalue; "--" ends options, "-" alone is a positional (stdin). */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void *field(void *args, size_t offset)
{
	return (char *)args + offset;
}

static const void *const_field(const void *args, size_t offset)
{
	return (const char *)args + offset;
}

/* "a, b or c"; the choice equal to marked gets "(default)" after it. */
static void put_choices(FILE *out, const struct option_spec *o, const char *marked)
{
	for (size_t i = 0; o->choices[i]; i++) {
		const char *sep = i == 0 ? "" : o->choices[i + 1] ? ", " : " or ";
		fprintf(out, "%s%s", sep, o->choices[i]);
		if (marked && strcmp(marked, o->choices[i]) == 0)
			fprintf(out, o->default_note ? " (default %s)" : " (default)",
				o->default_note);
	}
}

/* The table's own string equal to value, or NULL. */
static const char *find_choice(const struct option_spec *o, const char *value)
{
	for (size_t i = 0; value && o->choices[i]; i++)
		if (strcmp(value, o->choices[i]) == 0)
			return o->choices[i];
	return NULL;
}

/* The help text of one option, its default taken from args. */
static void put_help(FILE *out, const struct option_spec *o, const void *args)
{
	const char *help = o->help ? o->help : "";
	fputs(help, out);
	double number = NAN;
	switch (o->type) {
	case OPTION_CHOICE: {
		const char *current = *(const char *const *)const_field(args, o->offset);
		fputs(help[0] ? " " : "", out);
		put_choices(out, o, current);
		if (!find_choice(o, current) && o->default_note)
			fprintf(out, " (default: %s)", o->default_note);
		return;
	}
	case OPTION_UINT:
		number = *(const unsigned *)const_field(args, o->offset);
		break;
	case OPTION_NUMBER:
		number = *(const double *)const_field(args, o->offset);
		break;
	default:
		break;
	}
	if (o->default_note)
		fprintf(out, " (default: %s)", o->default_note);
	else if (number >= o->min && number <= o->max)   /* outside: "not given" */
		fprintf(out, " (default %g)", number);
}

void options_print_help(FILE *out, const struct command_help *help, const void *args)
{
	fprintf(out, "usage: dqa %s\n\n%s\n", help->usage, help->summary);
	if (!help->noptions)
		return;
	fputs("\noptions:\n", out);
	for (size_t i = 0; i < help->noptions; i++) {
		const struct option_spec *o = &help->options[i];
		char left[64];
		int n = 0;
		if (o->short_name)
			n = snprintf(left, sizeof left, "-%c, ", o->short_name);
		else
			n = snprintf(left, sizeof left, "    ");
		snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", o->name,
			 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(out, "  %-26s ", left);
		put_help(out, o, args);
		fputc('\n', out);
	}
}

/* The command's words at the start of a usage line ("history import" of
 * "history import FILE.csv... --history STORE"): lower-case words. */
static int command_length(const char *usage)
{
	const char *end = usage;
	for (const char *word = usage; *word;) {
		size_t len = strspn(word, "abcdefghijklmnopqrstuvwxyz-");
		if (len == 0 || word[0] == '-' || (word[len] && word[len] != ' '))
			break;
		end = word + len;
		word = end + (*end == ' ');
	}
	return (int)(end - usage);
}

int usage_error(const struct command_help *help, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("dqa: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: dqa %s\nTry 'dqa %.*s --help' for more.\n", help->usage,
		command_length(help->usage), help->usage);
	return EXIT_USAGE;
}

int options_number(const char *text, double min, double max, bool whole, double *out,
		   char *why, size_t cap)
{
	char *end = NULL;
	errno = 0;
	double v = NAN;
	if (whole && text[0] && strspn(text, "0123456789") == strlen(text))
		v = (double)strtoull(text, &end, 10);
	else if (!whole && text[0])
		v = strtod(text, &end);
	if (end && !*end && !errno && v >= min && v <= max) {
		*out = v;
		return 0;
	}
	snprintf(why, cap, "expected %s from %g to %g", whole ? "a whole number" : "a number", min,
		 max);
	return -1;
}

/* The option name closest to name, or NULL. */
static const char *closest_name(const struct command_help *help, const char *name)
{
	const char *names[128];
	size_t n = 0;
	for (; n < help->noptions && n < sizeof names / sizeof *names; n++)
		names[n] = help->options[n].name;
	return dqa_closest_word(name, names, n);
}

static int unknown_long(const struct command_help *help, const char *name, size_t len)
{
	char given[64];
	snprintf(given, sizeof given, "%.*s", (int)(len < 63 ? len : 63), name);
	const char *close = closest_name(help, given);
	if (close)
		return usage_error(help, "unknown option '--%.*s' (did you mean '--%s'?)", (int)len,
				   name, close);
	return usage_error(help, "unknown option '--%.*s'", (int)len, name);
}

static const struct option_spec *find_long(const struct command_help *help, const char *name,
					   size_t len)
{
	for (size_t i = 0; i < help->noptions; i++)
		if (strlen(help->options[i].name) == len &&
		    strncmp(help->options[i].name, name, len) == 0)
			return &help->options[i];
	return NULL;
}

static const struct option_spec *find_short(const struct command_help *help, char c)
{
	for (size_t i = 0; i < help->noptions; i++)
		if (help->options[i].short_name == c)
			return &help->options[i];
	return NULL;
}

static int invalid(const struct command_help *help, const struct option_spec *o,
		   const char *value, const char *why)
{
	return usage_error(help, "invalid --%s '%s': %s", o->name, value, why);
}

static int choice_error(const struct command_help *help, const struct option_spec *o,
			const char *value)
{
	char list[256] = "use ";
	size_t n = strlen(list);
	for (size_t i = 0; o->choices[i] && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i == 0 ? "" : o->choices[i + 1] ? ", " : " or ", o->choices[i]);
	return invalid(help, o, value, list);
}

/* Stores value (NULL for a flag) where o says, after checking it. */
static int take(const struct command_help *help, const struct option_spec *o, const char *value,
		void *args)
{
	void *dest = field(args, o->offset);
	char why[200];
	double number;
	switch (o->type) {
	case OPTION_FLAG:
		*(bool *)dest = true;
		break;
	case OPTION_STRING:
		*(const char **)dest = value;
		break;
	case OPTION_UINT:
	case OPTION_NUMBER:
		if (options_number(value, o->min, o->max, o->type == OPTION_UINT, &number, why,
				   sizeof why) < 0)
			return invalid(help, o, value, why);
		if (o->type == OPTION_UINT)
			*(unsigned *)dest = (unsigned)number;
		else
			*(double *)dest = number;
		break;
	case OPTION_CHOICE:
		if (!find_choice(o, value))
			return choice_error(help, o, value);
		*(const char **)dest = find_choice(o, value);
		break;
	case OPTION_PARSE:
		if (o->parse(value, dest, why, sizeof why) < 0)
			return invalid(help, o, value, why);
		break;
	}
	if (o->given)
		*(bool *)field(args, o->given - 1) = true;
	return 0;
}

/* One argument starting with '-': the option and its value (from arg or
 * the next argument, *i then advanced) taken into args. */
static int take_option(const struct command_help *help, int argc, char **argv, int *i,
		       void *args)
{
	const char *arg = argv[*i];
	const struct option_spec *o;
	const char *value = NULL;
	if (arg[1] == '-') {
		const char *eq = strchr(arg + 2, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		if (!(o = find_long(help, arg + 2, len)))
			return unknown_long(help, arg + 2, len);
		if (eq && !o->metavar)
			return usage_error(help, "option '--%s' takes no value", o->name);
		value = eq ? eq + 1 : NULL;
	} else {
		/* -j2 as well as -j 2; flags do not group (-qv is unknown) */
		o = find_short(help, arg[1]);
		if (o && arg[2] != '\0' && !o->metavar)
			o = NULL;
		if (!o)
			return usage_error(help, "unknown option '%s'", arg);
		value = arg[2] != '\0' ? arg + 2 : NULL;
	}
	if (o->metavar && !value) {
		if (*i + 1 >= argc)
			return usage_error(help, "option '--%s' needs a value (%s)", o->name,
					   o->metavar);
		value = argv[++*i];
	}
	return take(help, o, value, args);
}

int options_parse(int argc, char **argv, const struct command_help *help, void *args,
		  const char **positional, int *npositional)
{
	*npositional = 0;
	bool options_done = false;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
			positional[(*npositional)++] = arg;
		} else if (strcmp(arg, "--") == 0) {
			options_done = true;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			options_print_help(stdout, help, args);
			return -1;
		} else {
			int rc = take_option(help, argc, argv, &i, args);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int options_parse_time(const char *value, void *dest, char *why, size_t cap)
{
	if (dqa_time_parse(value, dest) == 0)
		return 0;
	snprintf(why, cap, "expected an ISO 8601 date such as 2026-11-22 or 2026-11-22T00:00:00Z");
	return -1;
}
