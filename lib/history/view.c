/* Cells of the history views, escaped for each output format. */
#include "view.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"text", "csv", "json", "md", "html"};

int dqa_view_format_parse(const char *name, dqa_view_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (dqa_view_format)i;
			return 0;
		}
	return DQA_EARG;
}

void view_name(FILE *out, const char *name, int width)
{
	if (!name[0])
		name = "(empty)";
	int shown = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p && (!width || shown < width); p++) {
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
		/* count characters, not bytes: continuation bytes add nothing */
		shown += (*p & 0xC0) != 0x80;
	}
	for (; shown < width; shown++)
		fputc(' ', out);
}

void view_csv(FILE *out, const char *s)
{
	bool defuse = strchr("=+-@", s[0]) && s[0];
	bool quote = defuse || s[strcspn(s, ",\"\r\n")];
	if (!quote) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (defuse)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void view_html(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

void view_md(FILE *out, const char *s)
{
	if (!s[0])
		s = "(empty)";
	for (; *s; s++) {
		if (strchr("|\\`*_<>[]", *s))
			fputc('\\', out);
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, out);
	}
}

void view_json(FILE *out, const char *s)
{
	json_t *str = json_string(s);
	char *text = str ? json_dumps(str, JSON_ENCODE_ANY) : NULL;
	/* Not UTF-8: jansson refuses it; say so rather than write bad JSON. */
	fputs(text ? text : "\"(invalid UTF-8)\"", out);
	free(text);
	json_decref(str);
}

double view_round(double v)
{
	return round(v * 100) / 100;
}

const char *view_num(char *buf, double v, bool sign, const char *dash)
{
	if (isnan(v))
		return dash;
	double r = view_round(v);
	snprintf(buf, VIEW_NUM, sign ? "%+.2f" : "%.2f", r == 0 ? 0.0 : r);
	return buf;
}
