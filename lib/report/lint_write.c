/* The findings of `dqa lint` in its three formats: text as every other
 * error of dqa, a JSON array for editors and tools, and GitHub Actions
 * workflow commands for annotations on a pull request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/lint.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include "json_writer.h"

static const char *severity(const struct lint_finding *f)
{
	return f->warning ? "warning" : "error";
}

/* The findings as dqa's other errors, on diagnostics; the verdict line
 * ("RULES: ok (N checks)") on out, unless an error was found. */
static int write_text(const struct dqa_lint *l, struct strbuf *sb, struct strbuf *verdict)
{
	for (size_t i = 0; i < l->n; i++) {
		char *text;
		if (error_format_as(&text, &l->items[i].at, severity(&l->items[i])) < 0)
			return DQA_ENOMEM;
		/* as the command line reports errors that name no file */
		if (!l->items[i].at.file[0])
			strbuf_puts(sb, "dqa: ");
		strbuf_puts(sb, text);
		free(text);
	}
	size_t warnings = dqa_lint_count(l, true), errors = dqa_lint_count(l, false);
	size_t found = l->errors_found > errors ? l->errors_found : errors;
	if (found > 1) {
		char *summary;
		if (dqa_errors_summary(&summary, l->rules_path, found, errors) < 0)
			return DQA_ENOMEM;
		strbuf_puts(sb, summary);
		free(summary);
	}
	if (errors)
		return 0;
	strbuf_printf(verdict, "%s: ok (%zu check%s", l->rules_path, l->nchecks,
		      l->nchecks == 1 ? "" : "s");
	if (warnings)
		strbuf_printf(verdict, ", %zu warning%s", warnings, warnings == 1 ? "" : "s");
	strbuf_puts(verdict, ")\n");
	return 0;
}

static void write_json(const struct dqa_lint *l, struct strbuf *sb)
{
	struct json_writer w;
	jw_init(&w, sb);
	jw_begin_array(&w);
	for (size_t i = 0; i < l->n; i++) {
		const dqa_error *at = &l->items[i].at;
		jw_begin_object(&w);
		jw_key(&w, "file");
		jw_string(&w, at->file[0] ? at->file : l->rules_path);
		jw_key(&w, "line");
		jw_integer(&w, at->line);
		jw_key(&w, "column");
		jw_integer(&w, at->column);
		jw_key(&w, "severity");
		jw_string(&w, severity(&l->items[i]));
		jw_key(&w, "message");
		jw_string(&w, at->message);
		jw_key(&w, "hint");
		if (at->hint[0])
			jw_string(&w, at->hint);
		else
			jw_null(&w);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	strbuf_putc(sb, '\n');
}

/* GitHub's escaping of workflow command data: '%' and line ends; property
 * values also ':' and ','. */
static void put_github(struct strbuf *sb, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': strbuf_puts(sb, "%25"); break;
		case '\r': strbuf_puts(sb, "%0D"); break;
		case '\n': strbuf_puts(sb, "%0A"); break;
		case ':': strbuf_puts(sb, property ? "%3A" : ":"); break;
		case ',': strbuf_puts(sb, property ? "%2C" : ","); break;
		default: strbuf_putc(sb, *s);
		}
	}
}

static void write_github(const struct dqa_lint *l, struct strbuf *sb)
{
	for (size_t i = 0; i < l->n; i++) {
		const dqa_error *at = &l->items[i].at;
		strbuf_printf(sb, "::%s file=", severity(&l->items[i]));
		put_github(sb, at->file[0] ? at->file : l->rules_path, true);
		if (at->line)
			strbuf_printf(sb, ",line=%u", at->line);
		if (at->column)
			strbuf_printf(sb, ",col=%u", at->column);
		strbuf_puts(sb, "::");
		put_github(sb, at->message, false);
		if (at->hint[0]) {
			strbuf_puts(sb, " (hint: ");
			put_github(sb, at->hint, false);
			strbuf_putc(sb, ')');
		}
		strbuf_putc(sb, '\n');
	}
}

static int put(const struct strbuf *sb, FILE *to)
{
	if (sb->failed)
		return DQA_ENOMEM;
	if (!sb->len)
		return 0;   /* nothing written yet: no buffer either */
	return fwrite(sb->buf, 1, sb->len, to) == sb->len ? 0 : DQA_EIO;
}

int dqa_lint_write(const dqa_lint *l, dqa_lint_format format, FILE *out, FILE *diagnostics)
{
	struct strbuf sb = STRBUF_INIT, verdict = STRBUF_INIT;
	int rc = 0;
	switch (format) {
	case DQA_LINT_TEXT: rc = write_text(l, &sb, &verdict); break;
	case DQA_LINT_JSON: write_json(l, &sb); break;
	case DQA_LINT_GITHUB: write_github(l, &sb); break;
	}
	if (rc == 0)
		rc = put(&sb, format == DQA_LINT_TEXT ? diagnostics : out);
	if (rc == 0)
		rc = put(&verdict, out);
	strbuf_release(&sb);
	strbuf_release(&verdict);
	return rc;
}
