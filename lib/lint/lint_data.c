#include "lint_data.h"

#include <errno.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../checks/check.h"
#include "../result.h"
#include "../rules/rules.h"
#include "../util/arena.h"
#include "../util/error.h"
#include "../util/value_sniff.h"
#include "../util/values.h"

/* Values kept per column to guess the format from. */
enum { KEPT_VALUES = 200 };

struct column_tally {
	const struct column_decl *decl;
	int index;                    /* in the header; -1 when absent */
	uint64_t nonempty, unread;
	const char *example;          /* the first value that does not read */
	uint64_t example_line;
	const char *kept[KEPT_VALUES];
	size_t nkept;
};

struct type_pass {
	const struct dqa_rules *rules;
	struct column_tally *columns;
	size_t ncolumns;
	uint64_t records, max_records;
	bool header_seen;
	struct arena arena;
	dqa_error *err;
};

static int bind_header(struct type_pass *t, const struct record *rec)
{
	for (size_t c = 0; c < t->ncolumns; c++) {
		t->columns[c].index = -1;
		for (size_t f = 0; f < rec->n; f++)
			if (strcmp(rec->fields[f], t->columns[c].decl->name) == 0)
				t->columns[c].index = (int)f;
	}
	t->header_seen = true;
	return 0;
}

static int tally_value(struct type_pass *t, struct column_tally *c, const char *s, size_t len,
		       uint64_t line)
{
	if (value_blank(s, len))
		return 0;
	c->nonempty++;
	if (c->nkept < KEPT_VALUES) {
		RETURN_IF_NOMEM(c->kept[c->nkept] = arena_strndup(&t->arena, s, len), t->err);
		c->nkept++;
	}
	if (vtype_reads(c->decl->type, c->decl->format, c->decl->number, s, len))
		return 0;
	if (!c->unread++) {
		RETURN_IF_NOMEM(c->example = arena_strndup(&t->arena, s, len), t->err);
		c->example_line = line;
	}
	return 0;
}

static int on_record(void *ctx, const struct record *rec)
{
	struct type_pass *t = ctx;
	if (!t->header_seen)
		return bind_header(t, rec);
	if (t->max_records && t->records >= t->max_records)
		return 1;
	t->records++;
	for (size_t c = 0; c < t->ncolumns; c++) {
		struct column_tally *col = &t->columns[c];
		if (col->index >= 0 && (size_t)col->index < rec->n)
			FORWARD_IF_ERROR(tally_value(t, col, rec->fields[col->index],
						     rec->lens[col->index], rec->line));
	}
	return 0;
}

/* What reads most of the column's values instead, into hint. */
static void suggestion(const struct column_tally *c, char *hint, size_t cap)
{
	int n = snprintf(hint, cap, "e.g. '%.40s' (line %llu)", c->example,
			 (unsigned long long)c->example_line);
	if (n < 0 || (size_t)n >= cap)
		return;
	hint += n, cap -= (size_t)n;
	if (c->decl->type == VT_DATE) {
		struct sniffed s;
		sniff_date_format(c->kept, c->nkept, &s);
		if (s.format)
			snprintf(hint, cap, "; format: '%s' reads %zu of the first %zu values", s.format,
				 s.reads, c->nkept);
		else if (s.excel_serial)
			snprintf(hint, cap, "; %zu of the first %zu values look like spreadsheet day "
				 "numbers: export the column as dates", s.reads, c->nkept);
	} else if (c->decl->type != VT_BOOLEAN && sniff_decimal_comma(c->kept, c->nkept)) {
		snprintf(hint, cap, "; they are written with a decimal comma: declare decimal: ','"
			 "%s", c->decl->type == VT_INTEGER ? " on a number column" : "");
	}
}

static int report_columns(struct type_pass *t, lint_add_fn add, void *ctx)
{
	for (size_t i = 0; i < t->ncolumns; i++) {
		const struct column_tally *c = &t->columns[i];
		if (!c->nonempty || 2 * c->unread <= c->nonempty)
			continue;
		const struct column_decl *d = c->decl;
		static const char *const as[] = {[VT_INTEGER] = "whole numbers",
						 [VT_NUMBER] = "numbers", [VT_BOOLEAN] = "booleans"};
		char how[80];
		if (d->type != VT_DATE)
			snprintf(how, sizeof how, "%s", as[d->type]);
		else if (d->format)
			snprintf(how, sizeof how, "dates with format '%s'", d->format);
		else
			snprintf(how, sizeof how, "ISO 8601 dates");
		dqa_error e = {0};
		char hint[sizeof e.hint];
		suggestion(c, hint, sizeof hint);
		error_at(&e, DQA_ERULES, t->rules->path, d->pos, hint,
			 "column '%s': %llu of %llu values do not read as %s", d->name,
			 (unsigned long long)c->unread, (unsigned long long)c->nonempty, how);
		ydoc_excerpt(&t->rules->doc, &e);
		FORWARD_IF_ERROR(add(ctx, &e, false, t->err));
	}
	return 0;
}

int lint_column_types(const struct dqa_rules *r, const char *const *inputs, size_t ninputs,
		      uint64_t max_records, lint_add_fn add, void *ctx, dqa_error *err)
{
	struct type_pass t = {.rules = r, .max_records = max_records, .arena = ARENA_INIT,
			      .err = err};
	t.columns = calloc(r->ncolumns + 1, sizeof *t.columns);
	RETURN_IF_NOMEM(t.columns, err);
	for (size_t i = 0; i < r->ncolumns; i++)
		if (r->columns[i].type != VT_STRING)
			t.columns[t.ncolumns++].decl = &r->columns[i];
	int rc = 0;
	for (size_t i = 0; i < ninputs && rc == 0 && t.ncolumns; i++) {
		if (max_records && t.records >= max_records)
			break;
		t.header_seen = false;
		rc = reader_scan(inputs[i], &r->dialect, on_record, &t, err);
	}
	if (rc == 0)
		rc = report_columns(&t, add, ctx);
	arena_release(&t.arena);
	free(t.columns);
	return rc;
}

int lint_named_files(const struct dqa_rules *r, lint_add_fn add, void *ctx, dqa_error *err)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		if (access(r->files[i], R_OK) == 0)
			continue;
		dqa_error e = {0};
		error_at(&e, DQA_ERULES, r->path, r->file_pos[i],
			 "a path in a rule file is relative to the rule file's folder",
			 "cannot read '%s': %s", r->files[i], strerror(errno));
		ydoc_excerpt(&r->doc, &e);
		FORWARD_IF_ERROR(add(ctx, &e, false, err));
	}
	return 0;
}

static void example_hint(const struct check_sum *t, char *hint, size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < t->nsamples && len < cap; i++) {
		const struct res_sample *s = t->samples[i];
		const char *value = s->nvalues ? s->values[0] : "";
		int n = snprintf(hint + len, cap - len, "%s'%.40s' (line %llu)",
				 i ? " and " : "e.g. ", value, (unsigned long long)s->line);
		len += n > 0 ? (size_t)n : 0;
	}
}

int lint_failing_checks(const struct dqa_rules *r, const char *const *inputs, size_t ninputs,
			uint64_t max_records, lint_add_fn add, void *ctx, dqa_error *err)
{
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = opts.generated_at = (int64_t)time(NULL);
	opts.max_records = max_records ? max_records : UINT64_MAX;
	opts.samples = 2;
	dqa_result *res;
	FORWARD_IF_ERROR(dqa_audit_run(&res, r, inputs, ninputs, &opts, err));
	int rc = 0;
	for (size_t i = 0; i < r->nchecks && rc == 0; i++) {
		const struct check *c = r->checks[i];
		if (c->ops->implicit || c->dataset_level)
			continue;
		const struct res_sample *examples[2];
		struct check_sum t = {.samples = examples, .cap = 2};
		result_check_sum(res, c->id, &t);
		if (t.evaluated < LINT_MIN_EVALUATED || 10 * t.failed <= 9 * t.evaluated)
			continue;
		dqa_error e = {0};
		char hint[sizeof e.hint] = "";
		example_hint(&t, hint, sizeof hint);
		error_at(&e, DQA_ERULES, r->path, c->pos, hint,
			 "'%s' fails %llu of the %llu values it read: is the rule right?", c->id,
			 (unsigned long long)t.failed, (unsigned long long)t.evaluated);
		ydoc_excerpt(&r->doc, &e);
		rc = add(ctx, &e, true, err);
	}
	dqa_result_free(res);
	return rc;
}
