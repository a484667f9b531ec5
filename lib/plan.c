/* Binding a rule set to a header, the unit table, and the per-row loop that
 * runs every row-scope check and keeps counts and samples per unit. */
#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "rowlog.h"
#include "rules/unit_path.h"
#include "expr/expr.h"
#include "input/header.h"
#include "input/xlsx.h"
#include "util/closest.h"
#include "util/parallel.h"
#include "util/values.h"

/* Longest note a check may attach to a failed-row sample. */
enum { NOTE_CAP = 256 };

void plan_init(struct plan *p, const struct dqa_rules *rules,
	       const dqa_audit_options *opts, struct arena *out)
{
	*p = (struct plan){.rules = rules, .opts = *opts, .out = out, .unit_col = -1,
			   .unit_cache = STRSET_INIT};
	/* The one place a requested thread count (0: all cores, capped) becomes
	 * the count that runs; the result reports it (dqa_result_threads). */
	p->opts.threads = parallel_threads(opts->threads);
}

struct tally *plan_tally(struct plan *p, size_t unit, size_t check)
{
	ASSERT(unit < p->nunits && check < p->nchecks);
	return &p->tallies[unit * p->nchecks + check];
}

struct tally *plan_dataset_tally(struct plan *p, size_t check)
{
	return &p->dataset_tallies[check];
}

static struct unit_registry *registry_new(void)
{
	struct unit_registry *r = calloc(1, sizeof *r);
	if (r && pthread_mutex_init(&r->lock, NULL) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

static void registry_free(struct unit_registry *r)
{
	if (!r)
		return;
	pthread_mutex_destroy(&r->lock);
	strset_release(&r->index);
	arena_release(&r->names_arena);
	free(r->names);
	free(r);
}

/* The registry index of a unit name, adding it if new; -1 out of memory,
 * -2 when it would be unit max_units + 1. */
static long registry_unit(struct unit_registry *r, const char *name, size_t len,
			  size_t max_units)
{
	pthread_mutex_lock(&r->lock);
	uint64_t index = r->count;
	long rc = r->count < max_units ? strset_put(&r->index, name, len, &index)
				       : strset_get(&r->index, name, len, &index) ? 0 : -2;
	if (rc == 1 && r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		const char **names = realloc(r->names, cap * sizeof *names);
		if (names)
			r->names = names, r->cap = cap;
		else
			rc = -1;
	}
	if (rc == 1 && !(r->names[r->count] = arena_strndup(&r->names_arena, name, len)))
		rc = -1;
	if (rc == 1)
		r->count++;
	pthread_mutex_unlock(&r->lock);
	return rc < 0 ? rc : (long)index;
}

/* Grows this plan's per-unit arrays to cover `units` units. */
static int cover_units(struct plan *p, size_t units)
{
	if (units <= p->nunits)
		return 0;
	if (units > p->units_cap) {
		size_t cap = p->units_cap ? p->units_cap : 64;
		while (cap < units)
			cap *= 2;
		uint64_t *rows = realloc(p->unit_rows, cap * sizeof *rows);
		if (rows)
			p->unit_rows = rows;
		struct tally *tallies = realloc(p->tallies, cap * p->nchecks * sizeof *tallies + 1);
		if (tallies)
			p->tallies = tallies;
		if (!rows || !tallies)
			return -1;
		p->units_cap = cap;
	}
	memset(p->unit_rows + p->nunits, 0, (units - p->nunits) * sizeof *p->unit_rows);
	memset(p->tallies + p->nunits * p->nchecks, 0,
	       (units - p->nunits) * p->nchecks * sizeof *p->tallies);
	p->nunits = units;
	return 0;
}

long plan_unit(struct plan *p, const char *name, size_t len)
{
	uint64_t index;
	if (strset_get(&p->unit_cache, name, len, &index))
		return (long)index;
	long u = registry_unit(p->registry, name, len, p->rules->limits.max_units);
	if (u < 0)
		return u;
	if (cover_units(p, (size_t)u + 1) < 0)
		return -1;
	index = (uint64_t)u;
	return strset_put(&p->unit_cache, name, len, &index) < 0 ? -1 : u;
}
static int header_index(const struct plan *p, const char *name)
{
	for (size_t i = 0; i < p->nheader; i++)
		if (strcmp(p->header[i], name) == 0)
			return (int)i;
	return -1;
}

bool plan_column_pii(const struct plan *p, int col)
{
	const struct column_decl *decl = rules_column(p->rules, p->header[col]);
	return decl && decl->pii;
}

int plan_resolve(const struct plan *p, const struct colref *ref, const char *input,
		 int *out, dqa_error *err)
{
	*out = header_index(p, ref->name);
	if (*out >= 0)
		return 0;
	const char *const *names = (const char *const *)p->header;
	const char *near = closest_word(ref->name, names, p->nheader);
	char hint[256];
	if (near) {
		snprintf(hint, sizeof hint, "did you mean '%s'?", near);
	} else {
		size_t len = (size_t)snprintf(hint, sizeof hint, "the header of %s has:", input);
		for (size_t i = 0; i < p->nheader && len < sizeof hint; i++)
			len += (size_t)snprintf(hint + len, sizeof hint - len, "%s '%s'",
						i ? "," : "", p->header[i]);
	}
	return error_at(err, DQA_ERULES, p->rules->path, ref->pos, hint,
			"column '%s' is not in the data", ref->name);
}

static int bind_check_state(struct plan *p, size_t i, const int *cols, dqa_error *err)
{
	struct bound_check *b = &p->checks[i];
	const struct check *def = p->rules->checks[i];
	bool row_scope = def->ops->scope == SCOPE_ROW;
	*b = (struct bound_check){.def = def, .plan = p, .index = i,
				  .row = row_scope ? def->ops->row : NULL,
				  .applies = def->ops->applies,
				  .observe = row_scope ? NULL : def->ops->observe,
				  .allow_empty = def->allow_empty};
	b->cols = calloc(b->def->ncols + 1, sizeof *b->cols);
	RETURN_IF_NOMEM(b->cols, err);
	if (cols)
		memcpy(b->cols, cols, b->def->ncols * sizeof *b->cols);
	return 0;
}

/* Scratch of a plan: padding for short rows and sample values. */
static int alloc_scratch(struct plan *p, dqa_error *err)
{
	size_t widest = 0;
	for (size_t i = 0; i < p->rules->nchecks; i++)
		if (p->rules->checks[i]->ncols > widest)
			widest = p->rules->checks[i]->ncols;
	p->pad_fields = calloc(p->nheader + 1, sizeof *p->pad_fields);
	p->pad_lens = calloc(p->nheader + 1, sizeof *p->pad_lens);
	p->sample_values = calloc(widest + 1, sizeof *p->sample_values);
	p->sample_lens = calloc(widest + 1, sizeof *p->sample_lens);
	p->nkey_cols = p->rules->nkey;
	p->key_cols = calloc(p->nkey_cols + 1, sizeof *p->key_cols);
	for (size_t i = 0; p->key_cols && i < p->nkey_cols; i++)
		p->key_cols[i] = header_index(p, p->rules->key[i].name);
	p->nchecks = p->rules->nchecks;
	p->checks = calloc(p->nchecks + 1, sizeof *p->checks);
	p->quick = calloc(p->nchecks + 1, sizeof *p->quick);
	p->loop = calloc(p->nchecks + 1, sizeof *p->loop);
	RETURN_IF_NOMEM(p->pad_fields && p->pad_lens && p->sample_values && p->sample_lens &&
			p->key_cols && p->checks && p->quick && p->loop ? p : NULL, err);
	return 0;
}

/* Sorts the bound checks into plan_row's lists; checks with neither a row
 * nor an observe hook (judged after the scan) are in neither. */
static void list_row_checks(struct plan *p)
{
	p->nquick = p->nloop = 0;
	for (size_t i = 0; i < p->nchecks; i++) {
		struct bound_check *b = &p->checks[i];
		b->gated = b->where || b->allow_empty || b->applies;
		if (b->row && b->def->ops->passes_when != ROW_PASS_NEVER && !b->gated)
			p->quick[p->nquick++] = i;
		else if (b->row || b->observe)
			p->loop[p->nloop++] = i;
	}
}

/* The filter's columns resolved to this header, and its scratch. */
static int bind_where(struct plan *p, struct bound_check *b, const char *input, dqa_error *err)
{
	size_t n;
	const struct colref *refs = expr_columns(b->def->where, &n);
	int cols[EXPR_MAX_NODES];
	for (size_t k = 0; k < n; k++)
		FORWARD_IF_ERROR(plan_resolve(p, &refs[k], input, &cols[k], err));
	return expr_run_new(&b->where, b->def->where, cols, p->opts.now, err);
}

static int bind_checks(struct plan *p, const char *input, dqa_error *err)
{
	for (size_t i = 0; i < p->nchecks; i++) {
		FORWARD_IF_ERROR(bind_check_state(p, i, NULL, err));
		struct bound_check *b = &p->checks[i];
		for (size_t k = 0; k < b->def->ncols; k++)
			FORWARD_IF_ERROR(plan_resolve(p, &b->def->cols[k], input, &b->cols[k], err));
		if (b->def->where)
			FORWARD_IF_ERROR(bind_where(p, b, input, err));
		if (b->def->ops->bind)
			FORWARD_IF_ERROR(b->def->ops->bind(b, p, err));
		p->wants_utf8_blocks |= b->def->ops->uses_utf8_blocks;
	}
	list_row_checks(p);
	return 0;
}

/* The error for a failed plan_unit (u < 0) on `line` of input; 0 otherwise. */
static int unit_error(const struct plan *p, long u, const char *input, uint64_t line,
		      dqa_error *err)
{
	if (u >= 0)
		return 0;
	RETURN_NOMEM_UNLESS(u == -2, err);
	return error_at(err, DQA_EINPUT, input, (struct dqa_pos){(unsigned)line, 1, 1},
			"raise limits: max_units in the rule file, or check the unit column",
			"more than %zu distinct units (limits: max_units)",
			p->rules->limits.max_units);
}

/* Units from paths: every input's unit is registered now, before any row,
 * so a file without rows still shows its unit (missing) and every shard of
 * a sharded audit knows every unit. */
static int bind_input_units(struct plan *p, dqa_error *err)
{
	const struct dqa_rules *r = p->rules;
	p->input_units = calloc(p->ninputs + 1, sizeof *p->input_units);
	RETURN_IF_NOMEM(p->input_units, err);
	for (size_t i = 0; i < p->ninputs; i++) {
		const char *name;
		size_t len;
		FORWARD_IF_ERROR(unit_path_match(r->unit_path, r, p->inputs[i], &name, &len, err));
		long u = plan_unit(p, name, len);
		FORWARD_IF_ERROR(unit_error(p, u, p->inputs[i], 1, err));
		p->input_units[i] = (size_t)u;
	}
	return 0;
}

static int bind_units(struct plan *p, const char *input, dqa_error *err)
{
	const struct dqa_rules *r = p->rules;
	p->registry = registry_new();
	p->owns_registry = true;
	RETURN_IF_NOMEM(p->registry, err);
	if (p->opts.unit || (!r->unit.name && !r->unit_path)) {
		const char *name = p->opts.unit ? p->opts.unit : r->name;
		return unit_error(p, plan_unit(p, name, strlen(name)), input, 1, err);
	}
	if (r->unit.name)
		FORWARD_IF_ERROR(plan_resolve(p, &r->unit, input, &p->unit_col, err));
	for (size_t i = 0; i < r->nexpected; i++)
		FORWARD_IF_ERROR(unit_error(p, plan_unit(p, r->expected_units[i],
							 strlen(r->expected_units[i])),
					    input, 1, err));
	return r->unit_path ? bind_input_units(p, err) : 0;
}

static int bind_to_header(struct plan *p, const struct record *header, const char *input,
			  dqa_error *err)
{
	FORWARD_IF_ERROR(header_names(header, input, p->out, &p->header, &p->header_note, err));
	p->nheader = header->n;
	FORWARD_IF_ERROR(alloc_scratch(p, err));
	FORWARD_IF_ERROR(bind_checks(p, input, err));
	return bind_units(p, input, err);
}

int plan_check_declared(const struct plan *p, const char *input, dqa_error *err)
{
	const struct dqa_rules *r = p->rules;
	for (size_t i = 0; i < r->ncolumns; i++) {
		const struct column_decl *c = &r->columns[i];
		if (header_index(p, c->name) >= 0)
			continue;
		const char *near = closest_word(c->name, (const char *const *)p->header, p->nheader);
		char hint[200];
		if (near)
			snprintf(hint, sizeof hint, "did you mean '%s'?", near);
		else
			snprintf(hint, sizeof hint, "remove the declaration, or check the header of %s",
				 input);
		error_at(err, DQA_ERULES, r->path, c->pos, hint,
			 "column '%s' is declared but not in the data", c->name);
		ydoc_excerpt(&r->doc, err);
		return DQA_ERULES;
	}
	return 0;
}

static struct rowlog *new_log(const struct plan *p)
{
	const dqa_audit_options *o = &p->opts;
	bool every_record = false;
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct bound_check *b = &p->checks[i];
		if (!b->def->ops->fails_late)
			continue;
		/* the key comes with a late failure only when the check reads it */
		for (size_t k = 0; k < p->rules->nkey; k++) {
			bool read = false;
			for (size_t c = 0; c < b->def->ncols; c++)
				read |= b->cols[c] == p->key_cols[k];
			every_record |= !read;
		}
	}
	return rowlog_new(o->keep_records, every_record, o->unmasked, p->key_cols, p->rules->nkey);
}

/* --failed-rows and the split: which columns are pii, where the key is,
 * the header line the split files start with. */
static int bind_log(struct plan *p, const struct record *header, const char *input,
		    dqa_error *err)
{
	bool *pii = arena_alloc(p->out, p->nheader + 1);
	RETURN_IF_NOMEM(pii, err);
	for (size_t i = 0; i < p->nheader; i++)
		pii[i] = plan_column_pii(p, (int)i);
	/* every failed row names its record by the key: the key must be there */
	for (size_t k = 0; k < p->rules->nkey; k++) {
		int col;
		FORWARD_IF_ERROR(plan_resolve(p, &p->rules->key[k], input, &col, err));
	}
	p->pii = pii;
	RETURN_IF_NOMEM(p->log = new_log(p), err);
	static const char *const ends[] = {"\n", "\n", "\r\n", "\r"};
	p->log->eol = ends[header->eol <= EOL_CR ? header->eol : 0];
	struct strbuf line = STRBUF_INIT;
	strbuf_grow(&line, header->raw_len + 3);
	if (line.buf) {
		line.len = record_raw_text(header, line.buf, header->raw_len + 1);
		strbuf_puts(&line, p->log->eol);
	}
	p->log->header = arena_strndup(&p->log->arena, line.buf ? line.buf : "", line.len);
	p->log->header_len = line.len;
	strbuf_release(&line);
	RETURN_IF_NOMEM(p->log->header, err);
	return 0;
}

int plan_bind(struct plan *p, const struct record *header, const char *input, dqa_error *err)
{
	int rc = bind_to_header(p, header, input, err);
	/* Before the workers fork, which share it. */
	if (rc == 0 && !(p->sheets = calloc(p->ninputs + 1, sizeof *p->sheets)))
		rc = error_nomem(err);
	if (rc == 0 && (p->opts.keep_failed_rows || p->opts.keep_records))
		rc = bind_log(p, header, input, err);
	/* A column the rules name but the header lacks, a bound relative to
	 * --now: errors in the rule file, shown as it was loaded. */
	if (rc < 0)
		ydoc_excerpt(&p->rules->doc, err);
	return rc;
}

int plan_sheet(struct plan *p, uint32_t input, const char *sheet, dqa_error *err)
{
	if (!p->sheets || input >= p->ninputs || p->sheets[input])
		return 0;
	RETURN_IF_NOMEM(p->sheets[input] = strdup(sheet), err);
	return 0;
}

int plan_fork(struct plan *w, const struct plan *first, struct arena *out, dqa_error *err)
{
	plan_init(w, first->rules, &first->opts, out);
	w->header = first->header;
	w->nheader = first->nheader;
	w->header_note = first->header_note;
	w->first_row_line = first->first_row_line;
	w->unit_col = first->unit_col;
	w->input_units = first->input_units;
	w->sheets = first->sheets;
	w->registry = first->registry;
	w->inputs = first->inputs;
	w->ninputs = first->ninputs;
	w->wants_utf8_blocks = first->wants_utf8_blocks;
	FORWARD_IF_ERROR(alloc_scratch(w, err));
	/* The units known so far (the only one, without a unit column). */
	RETURN_NOMEM_UNLESS(cover_units(w, w->registry->count) == 0, err);
	for (size_t i = 0; i < w->nchecks; i++) {
		FORWARD_IF_ERROR(bind_check_state(w, i, first->checks[i].cols, err));
		struct bound_check *b = &w->checks[i];
		if (b->def->where)
			FORWARD_IF_ERROR(bind_where(w, b, w->inputs[0], err));
		if (b->def->ops->bind)
			FORWARD_IF_ERROR(b->def->ops->bind(b, w, err));
	}
	list_row_checks(w);
	w->pii = first->pii;
	if (first->log) {
		RETURN_IF_NOMEM(w->log = new_log(w), err);
		w->log->eol = first->log->eol;
	}
	return 0;
}

int plan_same_header(const struct plan *p, const struct record *header, const char *input,
		     dqa_error *err)
{
	bool same = header->n == p->nheader;
	for (size_t i = 0; same && i < header->n; i++)
		same = strcmp(header->fields[i], p->header[i]) == 0 ||
		       (header->lens[i] == 0 && strncmp(p->header[i], "column_", 7) == 0);
	if (same)
		return 0;
	return error_at(err, DQA_EINPUT, input, (struct dqa_pos){1, 1, 1},
			"files audited together must share one header; audit them separately",
			"header differs from the first input's (%s)", p->inputs[0]);
}

/* A masked copy of a pii value (value_mask); *len_io: the value's length
 * in, the masked value's out. */
static const char *mask(struct arena *a, const char *s, size_t *len_io)
{
	char *m = arena_alloc(a, *len_io + 1);
	if (m)
		*len_io = value_mask(m, s, *len_io);
	return m;
}

static bool sample_before(const struct res_sample *s, uint32_t input, uint64_t line)
{
	return s->input_index < input || (s->input_index == input && s->line < line);
}

bool plan_sample_fits(const struct plan *p, const struct tally *t, uint32_t input, uint64_t line)
{
	if (t->nsamples < p->opts.samples)
		return true;
	return t->nsamples && !sample_before(&t->samples[t->nsamples - 1], input, line);
}

/* Where a sample at (input, line) goes among the first --samples, making
 * room for it; NULL when it comes too late (or out of memory: *oom). */
static struct res_sample *sample_slot(struct plan *p, struct tally *t, uint32_t input,
				      uint64_t line, bool *oom)
{
	size_t cap = p->opts.samples;
	size_t at = t->nsamples;
	while (at > 0 && !sample_before(&t->samples[at - 1], input, line))
		at--;
	if (at >= cap)
		return NULL;
	/* Room for every sample at the first failure: a (unit, check) pair
	 * that fails once usually fails again. */
	if (!t->samples && !(t->samples = arena_alloc(p->out, cap * sizeof *t->samples))) {
		*oom = true;
		return NULL;
	}
	size_t keep = t->nsamples < cap ? t->nsamples : cap - 1;
	memmove(&t->samples[at + 1], &t->samples[at], (keep - at) * sizeof *t->samples);
	t->nsamples = keep + 1;
	return &t->samples[at];
}

/* The sampled row's dataset.key values, masked like the others. */
static int sample_keys(struct plan *p, struct res_sample *s, const struct plan_row *row)
{
	s->nkeys = p->nkey_cols;
	s->keys = arena_alloc(p->out, (s->nkeys + 1) * sizeof *s->keys);
	s->key_lens = arena_alloc(p->out, (s->nkeys + 1) * sizeof *s->key_lens);
	if (!s->keys || !s->key_lens)
		return -1;
	for (size_t i = 0; i < s->nkeys; i++) {
		int col = p->key_cols[i];
		const char *v = col >= 0 ? row->fields[col] : "";
		s->key_lens[i] = col >= 0 ? row->lens[col] : 0;
		s->keys[i] = col >= 0 && plan_column_pii(p, col)
				     ? mask(p->out, v, &s->key_lens[i])
				     : arena_strndup(p->out, v, s->key_lens[i]);
		if (!s->keys[i])
			return -1;
	}
	return 1;
}

int plan_add_sample(struct plan *p, struct tally *t, const struct bound_check *b,
		    uint32_t input, uint64_t line, const char *const *values,
		    const size_t *lens, const char *note, const struct plan_row *row)
{
	bool oom = false;
	struct res_sample *s = sample_slot(p, t, input, line, &oom);
	if (!s)
		return oom ? -1 : 0;
	size_t n = b->def->ncols;
	*s = (struct res_sample){.line = line, .input_index = input, .nvalues = n};
	if (p->ninputs > 1)
		s->input = p->inputs[input];
	s->names = arena_alloc(p->out, (n + 1) * sizeof *s->names);
	s->values = arena_alloc(p->out, (n + 1) * sizeof *s->values);
	s->lens = arena_alloc(p->out, (n + 1) * sizeof *s->lens);
	if (!s->names || !s->values || !s->lens)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int col = b->cols[i];
		s->names[i] = p->header[col];
		s->lens[i] = lens[i];
		s->values[i] = plan_column_pii(p, col) ? mask(p->out, values[i], &s->lens[i])
						       : arena_strndup(p->out, values[i], lens[i]);
		if (!s->values[i])
			return -1;
	}
	if (note && note[0] && !(s->note = arena_strdup(p->out, note)))
		return -1;
	if (p->sheets && p->sheets[input]) {
		struct strbuf ref = STRBUF_INIT;
		xlsx_cell_ref(&ref, p->sheets[input], n ? (size_t)b->cols[0] : SIZE_MAX, line);
		s->cell = ref.failed ? NULL : arena_strdup(p->out, ref.buf);
		strbuf_release(&ref);
		if (!s->cell)
			return -1;
	}
	return row ? sample_keys(p, s, row) : 1;
}

static int sample_row(struct plan *p, struct tally *t, const struct bound_check *b,
		      const struct plan_row *row, const char *note)
{
	for (size_t i = 0; i < b->def->ncols; i++) {
		p->sample_values[i] = row->fields[b->cols[i]];
		p->sample_lens[i] = row->lens[b->cols[i]];
	}
	return plan_add_sample(p, t, b, row->input, row->line, p->sample_values, p->sample_lens,
			       note, row);
}

/* A row whose filter cannot be evaluated (a value that does not convert)
 * is evaluated and fails, with the reason in note (NOTE_CAP bytes). */
/* Whether the check's `where` filter (which it has) selects the row. */
static enum expr_result where_selects(struct bound_check *b, const struct plan_row *row,
				      char *note)
{
	char why[NOTE_CAP - 8];
	enum expr_result r = expr_eval(b->def->where, b->where, row->fields, row->lens, why,
				       sizeof why);
	if (r == EXPR_ERROR)
		snprintf(note, NOTE_CAP, "where: %s", why);
	return r;
}

static bool all_empty(const struct bound_check *b, const struct plan_row *row)
{
	for (size_t i = 0; i < b->def->ncols; i++)
		if (row->lens[b->cols[i]])
			return false;
	return b->def->ncols > 0;
}

static const char *input_name(const struct plan *p, uint32_t input)
{
	return strcmp(p->inputs[input], "-") ? p->inputs[input] : "<stdin>";
}

/* dataset: strict: true makes a record that is not well-formed fatal: a
 * flaw at its place, a ragged row at its start. */
static int strict_error(const struct plan *p, const struct record *rec, uint32_t input,
			dqa_error *err)
{
	const char *name = input_name(p, input);
	if (rec->flaw == FLAW_OPEN_QUOTE)
		return error_at(err, DQA_EINPUT, name,
				(struct dqa_pos){(unsigned)rec->flaw_line, rec->flaw_col, 1},
				"close the quote, or double a quote inside a quoted field (\"\")",
				"quoted field open at the end of the file: the record starting on "
				"line %llu runs to the end (dataset: strict)",
				(unsigned long long)rec->line);
	if (rec->flaw)
		return error_at(err, DQA_EINPUT, name,
				(struct dqa_pos){(unsigned)rec->flaw_line, rec->flaw_col, 1},
				"fix the record, or drop 'strict: true' to count it against "
				"correct.structure", "%s (dataset: strict)", record_flaw_name(rec->flaw));
	bool missing = rec->n < p->nheader;
	size_t by = missing ? p->nheader - rec->n : rec->n - p->nheader;
	return error_at(err, DQA_EINPUT, name, (struct dqa_pos){(unsigned)rec->line, 1, 1},
			"fix the row, or drop 'strict: true' to count it against correct.structure",
			"ragged row: %zu %s, %zu fields where the header has %zu (dataset: strict)",
			by, missing ? (by == 1 ? "cell missing" : "cells missing")
				    : (by == 1 ? "extra cell" : "extra cells"), rec->n, p->nheader);
}

static void log_failure(struct plan *p, const struct bound_check *b, const struct plan_row *row,
			const char *note)
{
	for (size_t i = 0; i < b->def->ncols; i++) {
		p->sample_values[i] = row->fields[b->cols[i]];
		p->sample_lens[i] = row->lens[b->cols[i]];
	}
	rowlog_fail(p->log, (uint32_t)b->index, note, p->sample_values, p->sample_lens, b->cols,
		    b->def->ncols, p->pii);
}

/* A record's line end as read; the header's for the last one without. */
static const char *record_eol(const struct plan *p, const struct record *rec)
{
	static const char *const ends[] = {[EOL_LF] = "\n", [EOL_CRLF] = "\r\n", [EOL_CR] = "\r"};
	return rec->eol != EOL_NONE ? ends[rec->eol] : p->log->eol;
}

/* Writes a kept row (rowlog_row_end), its text when the log keeps it. */
static int log_row(struct plan *p, const struct record *rec, const char *const *fields,
		   const size_t *lens, uint32_t input, size_t unit, dqa_error *err)
{
	size_t raw_len = 0;
	if (p->log->raw) {
		RETURN_NOMEM_UNLESS(strbuf_grow(&p->raw, rec->raw_len + 1), err);
		raw_len = record_raw_text(rec, p->raw.buf, rec->raw_len + 1);
	}
	uint64_t where = (uint64_t)input << ROWLOG_INPUT_SHIFT | rec->line;
	if (rowlog_row_end(p->log, where, (uint32_t)unit, fields, lens, p->pii, p->raw.buf, raw_len,
			   record_eol(p, rec)) < 0)
		return error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL,
				"cannot keep the failed rows: %s", strerror(errno ? errno : ENOSPC));
	return 0;
}

/* One row-scope check on one row: counted, judged, and sampled on failure.
 * Inlined into plan_row's loop, the hottest in dqa: as a call it cost a
 * fifth more instructions per row. */
__attribute__((always_inline)) static inline int run_check(struct plan *p, struct bound_check *b, const struct plan_row *row,
		     struct tally *t, dqa_error *err)
{
	char note[NOTE_CAP];
	note[0] = '\0';
	enum expr_result selected = EXPR_TRUE;
	if (b->gated) {
		if (b->where)
			selected = where_selects(b, row, note);
		if (selected == EXPR_FALSE || (b->allow_empty && all_empty(b, row)) ||
		    (b->applies && !b->applies(b, row)))
			return 0;
	}
	bool sampling = t->nsamples < p->opts.samples;
	t->evaluated++;
	if (selected == EXPR_TRUE &&
	    b->row(b, row, sampling || p->log ? note : NULL, sizeof note))
		return 0;
	t->failed++;
	if (p->log)
		log_failure(p, b, row, note);
	if (sampling && sample_row(p, t, b, row, note) < 0)
		return error_nomem(err);
	return 0;
}

static bool passes_quickly(enum row_pass when, const struct record *rec)
{
	return when == ROW_PASS_UTF8_BLOCK ? rec->utf8_valid : rec->n > 0 && rec->lens[0] > 0;
}

int plan_row(struct plan *p, const struct record *rec, uint32_t input, dqa_error *err)
{
	const char *const *fields = rec->fields;
	const size_t *lens = rec->lens;
	if (rec->n < p->nheader) {
		for (size_t i = 0; i < p->nheader; i++) {
			p->pad_fields[i] = i < rec->n ? rec->fields[i] : "";
			p->pad_lens[i] = i < rec->n ? rec->lens[i] : 0;
		}
		fields = p->pad_fields;
		lens = p->pad_lens;
	}
	if (p->log)
		rowlog_row_start(p->log);
	if (rec->n == 0 && p->rules->allow_blank_rows)
		return p->log && p->log->raw ? log_row(p, rec, fields, lens, input, 0, err) : 0;
	if (p->rules->strict && (rec->flaw || (rec->n != p->nheader && rec->n != 0)))
		return strict_error(p, rec, input, err);
	long unit = p->input_units ? (long)p->input_units[input]
		  : p->unit_col < 0 ? 0 : plan_unit(p, fields[p->unit_col], lens[p->unit_col]);
	if (unit < 0)
		return unit_error(p, unit, input_name(p, input), rec->line, err);
	struct plan_row row = {fields, lens, rec->line, input, (size_t)unit, rec->n, rec};
	p->unit_rows[unit]++;
	p->rows++;
	struct tally *tallies = plan_tally(p, (size_t)unit, 0);
	for (size_t k = 0; k < p->nquick; k++) {
		size_t i = p->quick[k];
		if (passes_quickly(p->checks[i].def->ops->passes_when, rec)) {
			tallies[i].evaluated++;
			continue;
		}
		FORWARD_IF_ERROR(run_check(p, &p->checks[i], &row, &tallies[i], err));
	}
	for (size_t k = 0; k < p->nloop; k++) {
		size_t i = p->loop[k];
		struct bound_check *b = &p->checks[i];
		if (b->row)
			FORWARD_IF_ERROR(run_check(p, b, &row, &tallies[i], err));
		else
			b->observe(b, &row);
	}
	if (!p->log || !rowlog_row_kept(p->log))
		return 0;
	return log_row(p, rec, fields, lens, input, (size_t)unit, err);
}

int plan_merge(struct plan *into, struct plan *from, dqa_error *err)
{
	/* forks of one plan: the same checks, one unit numbering */
	ASSERT(into->nchecks == from->nchecks && into->registry == from->registry);
	RETURN_NOMEM_UNLESS(cover_units(into, from->nunits) == 0, err);
	for (size_t u = 0; u < from->nunits; u++) {
		into->unit_rows[u] += from->unit_rows[u];
		for (size_t i = 0; i < into->nchecks; i++) {
			struct tally *t = plan_tally(into, u, i), *f = plan_tally(from, u, i);
			t->evaluated += f->evaluated;
			t->failed += f->failed;
			for (size_t k = 0; k < f->nsamples; k++) {
				bool oom = false;
				struct res_sample *s = sample_slot(into, t, f->samples[k].input_index,
								   f->samples[k].line, &oom);
				RETURN_NOMEM_UNLESS(!oom, err);
				if (s)
					*s = f->samples[k];
			}
		}
	}
	into->rows += from->rows;
	if (into->log)
		RETURN_NOMEM_UNLESS(rowlog_adopt(into->log, from->log), err);
	for (size_t i = 0; i < into->nchecks; i++)
		if (into->checks[i].def->ops->merge)
			FORWARD_IF_ERROR(into->checks[i].def->ops->merge(&into->checks[i],
									 &from->checks[i], err));
	return 0;
}

/* A unit name as reports show it: bytes that are not UTF-8 (and NUL) as
 * \xHH, so that no report and no file name carries them raw. */
static const char *unit_display_name(struct arena *a, const char *name)
{
	size_t len = strlen(name);
	if (utf8_valid_prefix(name, len) == len)
		return arena_strdup(a, name);
	char *out = arena_alloc(a, 4 * len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t ok = utf8_valid_prefix(name + i, len - i);
		memcpy(out + o, name + i, ok);
		o += ok;
		i += ok;
		if (i < len)
			o += (size_t)sprintf(out + o, "\\x%02X", (unsigned char)name[i++]);
	}
	out[o] = '\0';
	return out;
}

int plan_merge_done(struct plan *p, dqa_error *err)
{
	struct unit_registry *r = p->registry;
	RETURN_NOMEM_UNLESS(cover_units(p, r->count) == 0, err);
	p->unit_names = arena_alloc(p->out, (r->count + 1) * sizeof *p->unit_names);
	RETURN_IF_NOMEM(p->unit_names, err);
	for (size_t u = 0; u < r->count; u++)
		RETURN_IF_NOMEM(p->unit_names[u] = unit_display_name(p->out, r->names[u]), err);
	return 0;
}

int plan_finish(struct plan *p, dqa_error *err)
{
	p->dataset_tallies = arena_alloc(p->out, (p->nchecks + 1) * sizeof *p->dataset_tallies);
	RETURN_IF_NOMEM(p->dataset_tallies, err);
	for (size_t i = 0; i < p->nchecks; i++)
		if (p->checks[i].def->ops->dataset)
			FORWARD_IF_ERROR(p->checks[i].def->ops->dataset(&p->checks[i], p, err));
	return 0;
}

int plan_log_late(struct plan *p, const struct bound_check *b, uint64_t where, uint32_t unit,
		  const char *const *values, const size_t *lens, const char *note)
{
	return rowlog_late(p->log, where, unit, (uint32_t)b->index, note, values, lens, b->cols,
			   b->def->ncols, p->pii) ? 0 : -1;
}

static const char *check_param(const struct check *def, const char *name)
{
	for (size_t i = 0; i < def->nparams; i++)
		if (strcmp(def->params[i].name, name) == 0)
			return def->params[i].value;
	return NULL;
}

/* *out = a copy of s in a (NULL stays NULL); -1 out of memory. */
static int copy_label_part(struct arena *a, const char **out, const char *s)
{
	*out = s ? arena_strdup(a, s) : NULL;
	return s && !*out ? -1 : 0;
}

/* What the log's reader needs of the rules and the units, in its arena
 * (the log outlives the rules). */
static int describe_log(struct plan *p, struct rowlog *log)
{
	struct arena *a = &log->arena;
	log->nchecks = p->nchecks;
	log->checks = arena_alloc(a, (p->nchecks + 1) * sizeof *log->checks);
	log->key_names = arena_alloc(a, (log->nkey + 1) * sizeof *log->key_names);
	log->unit_names = p->unit_names;
	log->nunits = p->nunits;
	log->inputs = p->inputs;
	log->ninputs = p->ninputs;
	log->show_paths = p->opts.show_paths;
	if (!log->checks || !log->key_names)
		return -1;
	for (size_t k = 0; k < log->nkey; k++)
		if (!(log->key_names[k] = arena_strdup(a, p->header[p->key_cols[k]])))
			return -1;
	for (size_t i = 0; p->sheets && i < p->ninputs; i++) {
		if (!p->sheets[i])
			continue;
		if (!log->sheets && !(log->sheets = arena_alloc(a, p->ninputs * sizeof *log->sheets)))
			return -1;
		if (!(log->sheets[i] = arena_strdup(a, p->sheets[i])))
			return -1;
	}
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct check *def = p->checks[i].def;
		struct rowlog_check *c = &log->checks[i];
		c->ncols = def->ncols;
		c->first_col = def->ncols ? (size_t)p->checks[i].cols[0] : SIZE_MAX;
		c->error = !def->severity || strcmp(def->severity, "error") == 0;
		c->id = arena_strdup(a, def->id);
		c->kind = arena_strdup(a, def->ops->kind);
		c->columns = arena_alloc(a, (def->ncols + 1) * sizeof *c->columns);
		if (!c->id || !c->kind || !c->columns ||
		    copy_label_part(a, &c->label_en, def->label_en) < 0 ||
		    copy_label_part(a, &c->label_vi, def->label_vi) < 0 ||
		    copy_label_part(a, &c->type, check_param(def, "type")) < 0 ||
		    copy_label_part(a, &c->expr, check_param(def, "expr")) < 0)
			return -1;
		for (size_t k = 0; k < def->ncols; k++)
			if (!(c->columns[k] = arena_strdup(a, def->cols[k].name)))
				return -1;
	}
	return 0;
}

int plan_take_log(struct plan *p, struct rowlog **out, dqa_error *err)
{
	*out = NULL;
	if (!p->log)
		return 0;
	struct rowlog *log = p->log;
	/* the adoption writes out the rows still buffered: check after it */
	RETURN_NOMEM_UNLESS(rowlog_adopt(log, log), err);
	if (log->io_failed)
		return error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL,
				"cannot keep the failed rows: %s", strerror(errno ? errno : ENOSPC));
	RETURN_NOMEM_UNLESS(describe_log(p, log) == 0, err);
	p->log = NULL;
	*out = log;
	return 0;
}

void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nchecks && p->checks; i++) {
		struct bound_check *b = &p->checks[i];
		if (b->def && b->def->ops->unbind && b->state)
			b->def->ops->unbind(b);
		expr_run_free(b->where);
		free(b->cols);
	}
	free(p->checks);
	free(p->quick);
	free(p->loop);
	free(p->pad_fields);
	free(p->pad_lens);
	free(p->sample_values);
	free(p->sample_lens);
	free(p->key_cols);
	strbuf_release(&p->raw);
	rowlog_free(p->log);
	free(p->unit_rows);
	free(p->tallies);
	strset_release(&p->unit_cache);
	if (p->owns_registry) {
		registry_free(p->registry);
		free(p->input_units);
		for (size_t i = 0; p->sheets && i < p->ninputs; i++)
			free(p->sheets[i]);
		free(p->sheets);
	}
}
