/* dqa merge: the state files of every shard of one audit, checked to
 * belong together, folded into one plan with the same plan_merge that
 * merges the threads of one scan, then finished like an unsharded audit.
 * The shard merge of docs/internals/merge.md (which names all three). */
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "../audit.h"
#include "../checks/check.h"
#include "../rowlog.h"
#include "../util/parallel.h"

static bool same_strings(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if ((a[i] == NULL) != (b[i] == NULL) || (a[i] && strcmp(a[i], b[i]) != 0))
			return false;
	return true;
}

static bool same_string(const char *a, const char *b)
{
	return same_strings(&a, 1, &b, 1);
}

/* What differs between two states of the audit, or NULL. */
static const char *difference(const struct state_meta *a, const struct state_meta *b)
{
	if (a->rules_hash != b->rules_hash || !same_string(a->rules_path, b->rules_path))
		return "another rule set";
	if (!same_strings(a->inputs, a->ninputs, b->inputs, b->ninputs))
		return "other inputs";
	if (a->count != b->count)
		return "another shard count";
	if (a->now != b->now)
		return "another --now";
	if (a->samples != b->samples)
		return "another --samples";
	if (!same_string(a->unit, b->unit))
		return "another --unit";
	if (!same_strings(a->header, a->nheader, b->header, b->nheader))
		return "another header";
	if (!same_strings(a->check_ids, 2 * a->nchecks, b->check_ids, 2 * b->nchecks))
		return "other checks";
	if (a->rows_kept != b->rows_kept)
		return "other kept rows (--keep-rows)";
	if (a->rows_kept && a->unmasked != b->unmasked)
		return "another --unmasked";
	return NULL;
}

static int by_index(const void *a, const void *b)
{
	const struct shard_ref *x = a, *y = b;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Puts items (n of `size` bytes) in the order of the sorted refs. */
static int reorder(void *items, size_t n, size_t size, const struct shard_ref *refs,
		   dqa_error *err)
{
	char *sorted = malloc(n * size + 1);
	RETURN_IF_NOMEM(sorted, err);
	for (size_t i = 0; i < n; i++) {
		ASSERT(refs[i].index == i + 1);   /* check_refs: every shard once, in order */
		memcpy(sorted + i * size, (const char *)items + refs[i].at * size, size);
	}
	memcpy(items, sorted, n * size);
	free(sorted);
	return 0;
}

static int check_refs(struct shard_ref *refs, size_t n, const char *hint, dqa_error *err)
{
	unsigned count = refs[0].count;
	/* Shards audited without --now each judged against their own start. */
	static const char now_hint[] = "audit every shard with the same --now (e.g. --now "
				       "2026-11-22T00:00:00Z), so that they judge against one moment";
	for (size_t i = 1; i < n; i++)
		if (refs[i].differs)
			return error_at(err, DQA_EARG, refs[i].path, DQA_NOPOS,
					strstr(refs[i].differs, "--now") ? now_hint : hint,
					"state of %s than %s", refs[i].differs, refs[0].path);
	qsort(refs, n, sizeof *refs, by_index);
	for (size_t i = 1; i < n; i++)
		if (refs[i].index == refs[i - 1].index)
			return error_at(err, DQA_EARG, refs[i].path, DQA_NOPOS, NULL,
					"shard %u/%u given twice (also %s)", refs[i].index, count,
					refs[i - 1].path);
	for (unsigned want = 1; want <= count; want++)
		if (want > n || refs[want - 1].index != want)
			return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
					"merge every shard's state: a result needs all of them",
					"shard %u/%u is missing", want, count);
	return 0;
}

int state_check_shards(void *items, size_t n, size_t size, shard_ref_fn ref_of,
		       const char *hint, dqa_error *err)
{
	struct shard_ref *refs = calloc(n + 1, sizeof *refs);
	RETURN_IF_NOMEM(refs, err);
	for (size_t i = 0; i < n; i++) {
		refs[i] = ref_of(items, (const char *)items + i * size);
		refs[i].at = i;
	}
	int rc = check_refs(refs, n, hint, err);
	if (rc == 0)
		rc = reorder(items, n, size, refs, err);
	free(refs);
	return rc;
}

static struct shard_ref ref_of(const void *first, const void *item)
{
	const struct state_file *f = item;
	return (struct shard_ref){f->meta.index, f->meta.count, f->path, 0,
				  difference(&((const struct state_file *)first)->meta, &f->meta)};
}

int state_check_set(struct state_file *files, size_t n, dqa_error *err)
{
	return state_check_shards(files, n, sizeof *files, ref_of,
				  "merge the states of one audit: same rules, inputs and options", err);
}

/* The rule file, loaded by the caller, as the shards used it: the bytes it
 * was loaded from, not read again. */
static int check_rules(const dqa_rules *rules, const struct state_meta *m, dqa_error *err)
{
	if (rules->doc.hash != m->rules_hash)
		return error_at(err, DQA_EARG, rules->path, DQA_NOPOS,
				"audit the shards again with the rule file as it is now",
				"rule file changed since the shards were audited");
	bool same = rules->nchecks == m->nchecks;
	for (size_t i = 0; same && i < m->nchecks; i++)
		same = strcmp(rules->checks[i]->id, m->check_ids[2 * i]) == 0 &&
		       strcmp(rules->checks[i]->ops->kind, m->check_ids[2 * i + 1]) == 0;
	if (!same)
		return error_at(err, DQA_EARG, rules->path, DQA_NOPOS, NULL,
				"the rule file's checks differ from the states'");
	return 0;
}

/* What the caller needs of the kept rows, against what the shards kept. */
static int check_rows(const struct state_meta *m, const dqa_merge_options *o, dqa_error *err)
{
	if ((o->failed_rows && m->rows_kept < STATE_ROWS_FAILED) ||
	    (o->records && m->rows_kept < STATE_ROWS_RECORDS))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				o->records ? "audit every shard with --keep-rows all"
					   : "audit every shard with --keep-rows failed (or all)",
				"the shards kept no %s", o->records ? "records" : "failed rows");
	if (m->rows_kept && o->unmasked != m->unmasked)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS,
				m->unmasked ? "merge them with --unmasked"
					    : "audit every shard with --unmasked",
				"the shards kept their rows %s", m->unmasked ? "unmasked" : "masked");
	return 0;
}

/* Binds p to the header the states recorded; its log (when the shards
 * kept rows) to shard 1's header line, the first input's. */
static int bind_header(struct plan *p, const struct state_meta *m, dqa_error *err)
{
	size_t *lens = calloc(m->nheader + 1, sizeof *lens);
	RETURN_IF_NOMEM(lens, err);
	for (size_t i = 0; i < m->nheader; i++)
		lens[i] = strlen(m->header[i]);
	struct record header = {.fields = m->header, .lens = lens, .n = m->nheader, .line = 1,
				.raw = ""};
	int rc = plan_bind(p, &header, p->inputs[0], err);
	free(lens);
	if (rc < 0 || !p->log)
		return rc;
	struct rowlog *log = p->log;
	log->header = arena_strndup(&log->arena, m->header_line, m->header_len);
	log->header_len = m->header_len;
	log->eol = arena_strdup(&log->arena, m->eol);
	RETURN_NOMEM_UNLESS(log->header && log->eol, err);
	return 0;
}

/* Every shard's kept rows into p's log, read in file order with the rows
 * the merge itself finds (unique's repeats across shards), and the sheet
 * of each workbook input, which only the shards that read it know. */
static int add_rows(struct plan *p, const struct state_file *files, size_t n, dqa_error *err)
{
	for (size_t i = 0; p->log && i < n; i++) {
		FORWARD_IF_ERROR(state_add_rows(&files[i], p->log, err));
		for (size_t k = 0; k < files[i].meta.ninputs; k++)
			if (files[i].meta.sheets[k])
				FORWARD_IF_ERROR(plan_sheet(p, (uint32_t)k, files[i].meta.sheets[k],
							    err));
	}
	return 0;
}

/* Every state loaded into its own fork of p. */
struct loads {
	struct state_file *files;
	struct plan *forks;
	int *rcs;
	dqa_error *errs;
};

static void load_one(void *ctx, size_t i, unsigned worker)
{
	(void)worker;
	struct loads *l = ctx;
	l->rcs[i] = state_load(&l->files[i], &l->forks[i], &l->errs[i]);
}

/* Loads the states on all cores (a state of millions of keys takes a
 * while to decode), then folds them into p in file order with the
 * plan_merge that merges threads; the first error in file order wins. */
static int fold_all(struct plan *p, struct state_file *files, size_t n, dqa_error *err)
{
	struct loads l = {files, calloc(n, sizeof *l.forks), calloc(n, sizeof *l.rcs),
			  calloc(n, sizeof *l.errs)};
	struct arena *outs = calloc(n, sizeof *outs);
	int rc = l.forks && l.rcs && l.errs && outs ? 0 : error_nomem(err);
	size_t forked = 0;
	for (; rc == 0 && forked < n; forked++)
		rc = plan_fork(&l.forks[forked], p, &outs[forked], err);
	if (rc == 0)
		parallel_for(p->opts.threads, n, load_one, &l);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = l.rcs[i];
		if (rc < 0)
			*err = l.errs[i];
		else
			rc = plan_merge(p, &l.forks[i], err);
	}
	for (size_t i = 0; i < forked; i++) {
		arena_adopt(p->out, &outs[i]);
		plan_release(&l.forks[i]);
	}
	free(outs);
	free(l.forks);
	free(l.rcs);
	free(l.errs);
	return rc;
}

static int merge(struct dqa_result *r, const dqa_rules *rules, struct state_file *files,
		 size_t n, const dqa_merge_options *mopts, dqa_error *err)
{
	const struct state_meta *m = &files[0].meta;
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	opts.now = m->now;
	opts.generated_at = mopts->generated_at;
	opts.samples = m->samples;
	opts.unit = m->unit;
	opts.history = mopts->history;
	opts.threads = mopts->threads;
	opts.keep_failed_rows = m->rows_kept >= STATE_ROWS_FAILED;
	opts.keep_records = m->rows_kept == STATE_ROWS_RECORDS;
	opts.unmasked = m->unmasked;
	opts.show_paths = mopts->show_paths;
	r->now = opts.now;
	r->generated_at = opts.generated_at;
	r->show_paths = opts.show_paths;
	struct plan p;
	plan_init(&p, rules, &opts, &r->arena);
	r->threads = p.opts.threads;
	int rc = audit_inputs(r, &p, m->inputs, m->ninputs, err);
	if (rc == 0)
		rc = bind_header(&p, m, err);
	if (rc == 0)
		rc = fold_all(&p, files, n, err);
	if (rc == 0)
		rc = add_rows(&p, files, n, err);
	if (rc == 0)
		rc = audit_finish(r, &p, err);
	plan_release(&p);
	return rc;
}

int state_merge(dqa_result **out, const dqa_rules *rules, struct state_file *files, size_t n,
		const dqa_merge_options *opts, dqa_error *err)
{
	*out = NULL;
	FORWARD_IF_ERROR(check_rules(rules, &files[0].meta, err));
	FORWARD_IF_ERROR(check_rows(&files[0].meta, opts, err));
	struct dqa_result *r = audit_result_new(&(dqa_audit_options)DQA_AUDIT_OPTIONS_INIT);
	RETURN_IF_NOMEM(r, err);
	int rc = merge(r, rules, files, n, opts, err);
	if (rc < 0) {
		dqa_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int dqa_merge_run(dqa_result **out, const char *const *paths, size_t n,
		  const dqa_merge_options *opts, dqa_error *err)
{
	*out = NULL;
	if (n == 0)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL, "no state files given");
	struct state_file *files = calloc(n, sizeof *files);
	RETURN_IF_NOMEM(files, err);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = state_open(&files[i], paths[i], err);
	if (rc == 0)
		rc = state_check_set(files, n, err);
	dqa_rules *rules = NULL;
	if (rc == 0)
		rc = dqa_rules_load(&rules, opts->rules ? opts->rules : files[0].meta.rules_path, err);
	if (rc == 0)
		rc = state_merge(out, rules, files, n, opts, err);
	for (size_t i = 0; i < n; i++)
		state_close(&files[i]);
	free(files);
	dqa_rules_free(rules);
	return rc;
}
