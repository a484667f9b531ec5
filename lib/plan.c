/* Binding a rule set to a header, the unit table, and the per-row loop that
 * runs every row-scope check and keeps counts and samples per unit. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "values.h"

/* Longest note a check may attach to a failed-row sample. */
enum { NOTE_CAP = 256 };

void plan_init(struct plan *p, const struct dqa_rules *rules,
	       const dqa_audit_options *opts, struct arena *out)
{
	*p = (struct plan){.rules = rules, .opts = *opts, .out = out, .unit_col = -1,
			   .unit_index = STRSET_INIT};
}

struct tally *plan_tally(struct plan *p, size_t unit, size_t check)
{
	return &p->tallies[unit * p->nchecks + check];
}

static int grow_units(struct plan *p)
{
	size_t cap = p->units_cap ? p->units_cap * 2 : 64;
	const char **names = realloc(p->unit_names, cap * sizeof *names);
	if (names)
		p->unit_names = names;
	uint64_t *rows = realloc(p->unit_rows, cap * sizeof *rows);
	if (rows)
		p->unit_rows = rows;
	bool *expected = realloc(p->unit_expected, cap * sizeof *expected);
	if (expected)
		p->unit_expected = expected;
	struct tally *tallies = realloc(p->tallies, cap * p->nchecks * sizeof *tallies + 1);
	if (tallies)
		p->tallies = tallies;
	if (!names || !rows || !expected || !tallies)
		return -1;
	memset(p->tallies + p->units_cap * p->nchecks, 0,
	       (cap - p->units_cap) * p->nchecks * sizeof *tallies);
	p->units_cap = cap;
	return 0;
}

long plan_unit(struct plan *p, const char *name, size_t len)
{
	uint64_t index = p->nunits;
	int added = strset_put(&p->unit_index, name, len, &index);
	if (added <= 0)
		return added < 0 ? -1 : (long)index;
	if (p->nunits == p->units_cap && grow_units(p) < 0)
		return -1;
	p->unit_names[p->nunits] = arena_strndup(p->out, name, len);
	if (!p->unit_names[p->nunits])
		return -1;
	p->unit_rows[p->nunits] = 0;
	p->unit_expected[p->nunits] = false;
	return (long)p->nunits++;
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
	const char *near = closest_word(ref->name, (const char *const *)p->header, p->nheader);
	char hint[256];
	if (near) {
		snprintf(hint, sizeof hint, "did you mean '%s'?", near);
	} else {
		size_t len = (size_t)snprintf(hint, sizeof hint, "the header of %s has:", input);
		for (size_t i = 0; i < p->nheader && len < sizeof hint; i++)
			len += (size_t)snprintf(hint + len, sizeof hint - len, " %s", p->header[i]);
	}
	return dqa_fail(err, DQA_ERULES, p->rules->path, ref->pos, hint,
			"column '%s' is not in the data", ref->name);
}

static int bind_checks(struct plan *p, const char *input, dqa_error *err)
{
	const struct dqa_rules *r = p->rules;
	p->nchecks = r->nchecks;
	p->checks = calloc(r->nchecks, sizeof *p->checks);
	RETURN_IF_NOMEM(p->checks, err);
	for (size_t i = 0; i < r->nchecks; i++) {
		struct bound_check *b = &p->checks[i];
		*b = (struct bound_check){.def = r->checks[i], .plan = p, .index = i};
		b->cols = calloc(b->def->ncols + 1, sizeof *b->cols);
		RETURN_IF_NOMEM(b->cols, err);
		for (size_t k = 0; k < b->def->ncols; k++)
			FORWARD_IF_ERROR(plan_resolve(p, &b->def->cols[k], input, &b->cols[k], err));
		if (b->def->ops->bind)
			FORWARD_IF_ERROR(b->def->ops->bind(b, p, err));
	}
	return 0;
}

static int bind_units(struct plan *p, const char *input, dqa_error *err)
{
	const struct dqa_rules *r = p->rules;
	if (p->opts.unit || !r->unit.name) {
		const char *name = p->opts.unit ? p->opts.unit : r->name;
		RETURN_IF_NOMEM(plan_unit(p, name, strlen(name)) >= 0 ? p : NULL, err);
		return 0;
	}
	FORWARD_IF_ERROR(plan_resolve(p, &r->unit, input, &p->unit_col, err));
	for (size_t i = 0; i < r->nexpected; i++) {
		long u = plan_unit(p, r->expected_units[i], strlen(r->expected_units[i]));
		RETURN_IF_NOMEM(u >= 0 ? p : NULL, err);
		p->unit_expected[u] = true;
	}
	return 0;
}

int plan_bind(struct plan *p, const struct record *header, const char *input, dqa_error *err)
{
	p->nheader = header->n;
	p->header = calloc(header->n + 1, sizeof *p->header);
	p->pad_fields = calloc(header->n + 1, sizeof *p->pad_fields);
	p->pad_lens = calloc(header->n + 1, sizeof *p->pad_lens);
	RETURN_IF_NOMEM(p->header && p->pad_fields && p->pad_lens ? p : NULL, err);
	for (size_t i = 0; i < header->n; i++) {
		p->header[i] = arena_strndup(p->out, header->fields[i], header->lens[i]);
		RETURN_IF_NOMEM(p->header[i], err);
	}
	FORWARD_IF_ERROR(bind_checks(p, input, err));
	return bind_units(p, input, err);
}

int plan_same_header(const struct plan *p, const struct record *header, const char *input,
		     dqa_error *err)
{
	bool same = header->n == p->nheader;
	for (size_t i = 0; same && i < header->n; i++)
		same = strcmp(header->fields[i], p->header[i]) == 0;
	if (same)
		return 0;
	return dqa_fail(err, DQA_EINPUT, input, (struct dqa_pos){1, 1, 1},
			"files audited together must share one header; audit them separately",
			"header differs from the first input's (%s)", p->inputs[0]);
}

/* All but the last two characters become '*'; four or fewer: all of them.
 * Characters are counted as utf8_length counts them, so a value in another
 * encoding still shows two of them at most. */
static const char *mask(struct arena *a, const char *s, size_t len)
{
	size_t chars = utf8_length(s, len);
	size_t stars = chars > 4 ? chars - 2 : chars;
	size_t keep_from = chars > 4 ? utf8_offset(s, len, stars) : len;
	size_t keep_bytes = len - keep_from;
	char *m = arena_alloc(a, stars + keep_bytes + 1);
	if (!m)
		return NULL;
	memset(m, '*', stars);
	memcpy(m + stars, s + keep_from, keep_bytes);
	return m;
}

static int add_sample(struct plan *p, struct tally *t, const struct bound_check *b,
		      const struct plan_row *row, const char *note)
{
	/* Room for every sample at the first failure: a (unit, check) pair
	 * that fails once usually fails again. */
	if (!t->samples && !(t->samples = arena_alloc(p->out, p->opts.samples * sizeof *t->samples)))
		return -1;
	struct res_sample *s = &t->samples[t->nsamples++];
	size_t n = b->def->ncols;
	*s = (struct res_sample){.line = row->line, .nvalues = n};
	if (p->ninputs > 1)
		s->input = p->inputs[row->input];
	s->names = arena_alloc(p->out, (n + 1) * sizeof *s->names);
	s->values = arena_alloc(p->out, (n + 1) * sizeof *s->values);
	if (!s->names || !s->values)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int col = b->cols[i];
		s->names[i] = p->header[col];
		s->values[i] = plan_column_pii(p, col)
			? mask(p->out, row->fields[col], row->lens[col])
			: arena_strndup(p->out, row->fields[col], row->lens[col]);
		if (!s->values[i])
			return -1;
	}
	if (note && note[0] && !(s->note = arena_strdup(p->out, note)))
		return -1;
	return 0;
}

static bool all_empty(const struct bound_check *b, const struct plan_row *row)
{
	for (size_t i = 0; i < b->def->ncols; i++)
		if (row->lens[b->cols[i]])
			return false;
	return b->def->ncols > 0;
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
	long unit = p->unit_col < 0 ? 0 : plan_unit(p, fields[p->unit_col], lens[p->unit_col]);
	RETURN_IF_NOMEM(unit >= 0 ? p : NULL, err);
	struct plan_row row = {fields, lens, rec->line, input, (size_t)unit, rec->n};
	p->unit_rows[unit]++;
	p->rows++;
	char note[NOTE_CAP];
	for (size_t i = 0; i < p->nchecks; i++) {
		struct bound_check *b = &p->checks[i];
		if (b->def->ops->scope != SCOPE_ROW) {
			if (b->def->ops->observe)
				b->def->ops->observe(b, &row);
			continue;
		}
		if (b->def->allow_empty && all_empty(b, &row))
			continue;
		struct tally *t = plan_tally(p, (size_t)unit, i);
		bool sampling = t->nsamples < p->opts.samples;
		note[0] = '\0';
		t->evaluated++;
		if (b->def->ops->row(b, &row, sampling ? note : NULL, sizeof note))
			continue;
		t->failed++;
		if (sampling && add_sample(p, t, b, &row, note) < 0)
			return dqa_fail(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	}
	return 0;
}

int plan_finish(struct plan *p, dqa_error *err)
{
	for (size_t i = 0; i < p->nchecks; i++)
		if (p->checks[i].def->ops->scope == SCOPE_DATASET)
			FORWARD_IF_ERROR(p->checks[i].def->ops->dataset(&p->checks[i], p, err));
	return 0;
}

void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nchecks; i++) {
		struct bound_check *b = &p->checks[i];
		if (b->def && b->def->ops->unbind && b->state)
			b->def->ops->unbind(b);
		free(b->cols);
	}
	free(p->checks);
	free(p->header);
	free(p->pad_fields);
	free(p->pad_lens);
	free(p->unit_names);
	free(p->unit_rows);
	free(p->unit_expected);
	free(p->tallies);
	strset_release(&p->unit_index);
}
