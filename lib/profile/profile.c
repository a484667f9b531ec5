/* dqa profile: one parallel scan (scan.h) whose sink counts every field
 * into its column's statistics; workers merge in worker order, and every
 * statistic merges exactly or through an order-free sketch. */
#include "profile.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../input/transcode.h"
#include "../scan.h"
#include "../util/fileio.h"
#include "../util/parallel.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"
#include "../util/values.h"

/* Header names that make a column the unit column when --by-unit names
 * none: the whole name, or its end after '_'. */
static const char *const unit_names[] = {"unit", "ward_code", "unit_code", "commune_code",
					  "ma_xa", "ma_don_vi", "department"};

static bool names_unit(const char *name)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof *unit_names; i++) {
		size_t n = strlen(name), k = strlen(unit_names[i]);
		if (n >= k && strcmp(name + n - k, unit_names[i]) == 0 &&
		    (n == k || name[n - k - 1] == '_'))
			return true;
	}
	return false;
}

static int find_unit_column(struct dqa_profile *p, const char *input, dqa_error *err)
{
	for (size_t i = 0; i < p->ncols; i++)
		if (p->unit_column ? strcmp(p->header[i], p->unit_column) == 0
				   : names_unit(p->header[i])) {
			p->unit_col = (int)i;
			return 0;
		}
	if (p->unit_column)
		return error_at(err, DQA_EARG, input, DQA_NOPOS, NULL, "no column '%s' in the header",
				p->unit_column);
	return error_at(err, DQA_EARG, input, DQA_NOPOS,
			"name the unit column with --unit-column NAME",
			"no unit column: none is named unit, ward_code, unit_code, commune_code, "
			"ma_xa, ma_don_vi or department");
}

static int part_init(struct profile_part *part, const struct dqa_profile *p)
{
	*part = (struct profile_part){.profile = p, .units = STRSET_INIT,
				      .spare = {.set = STRSET_INIT}};
	part->cols = calloc(p->ncols ? p->ncols : 1, sizeof *part->cols);
	if (!part->cols)
		return -1;
	for (size_t i = 0; i < p->ncols; i++)
		column_init(&part->cols[i], &part->spare);
	return 0;
}

static void part_release(struct profile_part *part)
{
	for (size_t i = 0; part->cols && i < part->profile->ncols; i++)
		column_release(&part->cols[i]);
	free(part->cols);
	counter_spare_release(&part->spare);
	text_buf_release(&part->tb);
	strset_release(&part->units);
	free(part->unit_rows);
	free(part->unit_empty);
}

static int sink_bind(void *first, const struct record *header, const char *input,
		     uint64_t first_row_line, dqa_error *err)
{
	(void)first_row_line;
	struct profile_part *part = first;
	struct dqa_profile *p = (struct dqa_profile *)part->profile;
	p->header = calloc(header->n, sizeof *p->header);
	RETURN_IF_NOMEM(p->header, err);
	p->ncols = header->n;   /* before the copies: a failure frees those made */
	for (size_t i = 0; i < header->n; i++)
		RETURN_IF_NOMEM(p->header[i] = strndup(header->fields[i], header->lens[i]), err);
	if (p->by_unit)
		FORWARD_IF_ERROR(find_unit_column(p, input, err));
	if (part_init(part, p) < 0)
		return error_nomem(err);
	return 0;
}

static int sink_same_header(const void *first, const struct record *header, const char *input,
			    dqa_error *err)
{
	const struct dqa_profile *p = ((const struct profile_part *)first)->profile;
	bool same = header->n == p->ncols;
	for (size_t i = 0; same && i < header->n; i++)
		same = strlen(p->header[i]) == header->lens[i] &&
		       memcmp(p->header[i], header->fields[i], header->lens[i]) == 0;
	if (same)
		return 0;
	return error_at(err, DQA_EINPUT, input, (struct dqa_pos){header->line, 1, 0},
			"profile files of one dataset together, or each on its own",
			"header differs from the first input's");
}

static void *sink_fork(void *first, dqa_error *err)
{
	struct profile_part *part = malloc(sizeof *part);
	if (!part || part_init(part, ((struct profile_part *)first)->profile) < 0) {
		free(part);
		error_nomem(err);
		return NULL;
	}
	return part;
}

static void sink_release(void *fork)
{
	part_release(fork);
	free(fork);
}

/* The index of the unit called name in part, added when new; -1 out of
 * memory. */
static long unit_index(struct profile_part *part, const char *name, size_t len, uint64_t rows,
		       const uint64_t *empty)
{
	size_t ncols = part->profile->ncols;
	uint64_t index = part->units.count;
	int added = strset_put(&part->units, name, len, &index);
	if (added < 0)
		return -1;
	if (added && index >= part->units_cap) {
		size_t cap = part->units_cap ? 2 * part->units_cap : 64;
		uint64_t *r = realloc(part->unit_rows, cap * sizeof *r);
		if (r)
			part->unit_rows = r;
		uint64_t *e = realloc(part->unit_empty, cap * ncols * sizeof *e + 1);
		if (e)
			part->unit_empty = e;
		if (!r || !e)
			return -1;
		part->units_cap = cap;
	}
	if (added) {
		part->unit_rows[index] = 0;
		memset(part->unit_empty + index * ncols, 0, ncols * sizeof *part->unit_empty);
	}
	part->unit_rows[index] += rows;
	for (size_t c = 0; empty && c < ncols; c++)
		part->unit_empty[index * ncols + c] += empty[c];
	return (long)index;
}

static int count_unit(struct profile_part *part, const struct record *rec)
{
	const struct dqa_profile *p = part->profile;
	size_t col = (size_t)p->unit_col;
	const char *name = col < rec->n ? rec->fields[col] : "";
	long u = unit_index(part, name, col < rec->n ? rec->lens[col] : 0, 1, NULL);
	if (u < 0)
		return -1;
	for (size_t c = 0; c < p->ncols; c++)
		part->unit_empty[(size_t)u * p->ncols + c] +=
			c >= rec->n || value_blank(rec->fields[c], rec->lens[c]);
	return 0;
}

static int sink_row(void *sink, const struct record *rec, uint32_t input, dqa_error *err)
{
	struct profile_part *part = sink;
	const struct dqa_profile *p = part->profile;
	if (rec->n == 0) {
		part->blank_rows++;
		return 0;
	}
	part->rows++;
	part->short_rows += rec->n < p->ncols;
	part->long_rows += rec->n > p->ncols;
	uint64_t position = counter_position(input, rec->line);
	if (columns_add(part->cols, p->ncols, rec->fields, rec->lens, rec->n, position, p->now_year,
			&part->tb) < 0)
		return error_nomem(err);
	if (p->unit_col >= 0 && count_unit(part, rec) < 0)
		return error_nomem(err);
	return 0;
}

struct column_merges {
	struct profile_part *into, *from;
	atomic_bool nomem;
};

/* Merges column c and releases from's copy at once: the columns are
 * independent, so two threads share them, each raising counters with the
 * spare of one part. */
static void merge_column(void *ctx, size_t c, unsigned worker)
{
	struct column_merges *m = ctx;
	struct column_stats *into = &m->into->cols[c], *from = &m->from->cols[c];
	into->counts.shared = from->counts.shared = worker ? &m->from->spare : &m->into->spare;
	if (column_merge(into, from) < 0)
		atomic_store(&m->nomem, true);
	into->counts.shared = &m->into->spare;
	column_release(from);
}

static int sink_merge(void *into, void *from, dqa_error *err)
{
	struct profile_part *a = into, *b = from;
	size_t ncols = a->profile->ncols;
	a->rows += b->rows;
	a->blank_rows += b->blank_rows;
	a->short_rows += b->short_rows;
	a->long_rows += b->long_rows;
	struct column_merges m = {.into = a, .from = b};
	atomic_init(&m.nomem, false);
	unsigned threads = parallel_threads(a->profile->threads);
	parallel_for(threads < 2 ? threads : 2, ncols, merge_column, &m);
	if (atomic_load(&m.nomem))
		return error_nomem(err);
	size_t pos = 0, len;
	const char *name;
	uint64_t u;
	while (strset_next(&b->units, &pos, &name, &len, &u))
		if (unit_index(a, name, len, b->unit_rows[u], b->unit_empty + u * ncols) < 0)
			return error_nomem(err);
	return 0;
}

static const struct scan_sink_ops profile_sink = {
	.bind = sink_bind, .same_header = sink_same_header, .fork = sink_fork, .row = sink_row,
	.merge = sink_merge, .release = sink_release,
};

void dqa_profile_free(dqa_profile *p)
{
	if (!p)
		return;
	if (p->total.profile)
		part_release(&p->total);
	for (size_t i = 0; p->header && i < p->ncols; i++)
		free(p->header[i]);
	free(p->header);
	for (size_t i = 0; i < p->ninputs; i++)
		free(p->inputs[i]);
	free(p->inputs);
	free(p);
}

static int copy_inputs(dqa_profile *p, const char *const *inputs, size_t n, dqa_error *err)
{
	p->inputs = calloc(n ? n : 1, sizeof *p->inputs);
	RETURN_IF_NOMEM(p->inputs, err);
	for (; p->ninputs < n; p->ninputs++)
		RETURN_IF_NOMEM(p->inputs[p->ninputs] = strdup(inputs[p->ninputs]), err);
	return 0;
}

int dqa_profile_run(dqa_profile **out, const char *const *inputs, size_t ninputs,
		    const dqa_profile_options *opts, dqa_error *err)
{
	*out = NULL;
	const struct encoding *enc = NULL;
	if (opts->encoding && !(enc = encoding_find(opts->encoding)))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				"encodings: utf-8, windows-1258, tcvn3, vni, latin1, utf-16",
				"unknown encoding '%s'", opts->encoding);
	dqa_profile *p = calloc(1, sizeof *p);
	RETURN_IF_NOMEM(p, err);
	*p = (dqa_profile){.unit_col = -1, .now = opts->now, .now_year = time_year(opts->now),
			   .encoding = enc ? encoding_name(enc) : NULL,
			   .unit_column = opts->unit_column,
			   .by_unit = opts->by_unit || opts->unit_column,
			   .holdout = opts->holdout, .threads = opts->threads,
			   .block_size = opts->block_size};
	p->total.profile = p;
	struct dialect dialect = DIALECT_INIT;
	dialect.encoding = enc;
	const struct scan_config cfg = {.dialect = &dialect, .ninputs = ninputs,
					.holdout = opts->holdout};
	int rc = copy_inputs(p, inputs, ninputs, err);
	struct scan_config with_inputs = cfg;
	with_inputs.inputs = (const char *const *)p->inputs;
	if (rc == 0)
		rc = scan_records(&with_inputs, &profile_sink, &p->total, NULL, 0, opts->threads,
				  opts->block_size, err);
	p->unit_column = NULL;   /* the caller's string: not kept past the run */
	if (rc < 0) {
		dqa_profile_free(p);
		return rc;
	}
	for (size_t i = 0; i < p->ncols; i++)
		if (column_finish(&p->total.cols[i]) < 0) {
			dqa_profile_free(p);
			return error_nomem(err);
		}
	*out = p;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	const struct unit_ref *x = a, *y = b;
	int c = memcmp(x->name, y->name, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

struct unit_ref *profile_units_sorted(const struct dqa_profile *p, size_t *n)
{
	const struct strset *units = &p->total.units;
	*n = 0;
	struct unit_ref *all = units->count ? malloc(units->count * sizeof *all) : NULL;
	if (!all)
		return NULL;
	size_t pos = 0;
	uint64_t u;
	while (strset_next(units, &pos, &all[*n].name, &all[*n].len, &u))
		all[(*n)++].index = (size_t)u;
	qsort(all, *n, sizeof *all, by_name);
	return all;
}

