/* A small option parser: --long, --long=value, --long value, -s value,
 * "--" ends options, "-" alone is a positional (stdin). */
#include "options.h"

#include <stdarg.h>
#include <string.h>

void options_print_help(FILE *out, const struct command_help *help)
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
		snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", o->long_name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
}

int usage_error(const struct command_help *help, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("dqa: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: dqa %s\nTry 'dqa %.*s --help' for more.\n", help->usage,
		(int)strcspn(help->usage, " "), help->usage);
	return 2;
}

static const struct option_spec *find_long(const struct command_help *help, const char *name,
					   size_t len)
{
	for (size_t i = 0; i < help->noptions; i++)
		if (strlen(help->options[i].long_name) == len &&
		    strncmp(help->options[i].long_name, name, len) == 0)
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

int options_parse(int argc, char **argv, const struct command_help *help, option_fn fn,
		  void *ctx, const char **positional, int *npositional)
{
	*npositional = 0;
	bool options_done = false;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
			positional[(*npositional)++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			options_print_help(stdout, help);
			return -1;
		}
		const struct option_spec *o;
		const char *value = NULL;
		if (arg[1] == '-') {
			const char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			o = find_long(help, arg + 2, len);
			if (!o)
				return usage_error(help, "unknown option '%.*s'", (int)len + 2, arg);
			if (eq && !o->arg)
				return usage_error(help, "option '--%s' takes no value", o->long_name);
			value = eq ? eq + 1 : NULL;
		} else {
			/* -j2 as well as -j 2; flags do not group (-qv is unknown) */
			o = find_short(help, arg[1]);
			if (o && arg[2] != '\0' && !o->arg)
				o = NULL;
			if (!o)
				return usage_error(help, "unknown option '%s'", arg);
			value = arg[2] != '\0' ? arg + 2 : NULL;
		}
		if (o->arg && !value) {
			if (i + 1 >= argc)
				return usage_error(help, "option '--%s' needs a value (%s)",
						   o->long_name, o->arg);
			value = argv[++i];
		}
		int rc = fn(ctx, o->id, value);
		if (rc)
			return rc;
	}
	return 0;
}
