/* The audit driver: streams every input through the plan, runs the
 * dataset-scope checks, and turns the counts into a scored result. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "checks/check.h"
#include "rowlog.h"
#include "rules/rules_digest.h"
#include "input/shard.h"
#include "state/state.h"
#include "suspect.h"

/* Lint reads nothing but the header of each input. */
struct header_ctx {
	struct plan *plan;
	uint32_t input;
	bool seen;
	dqa_error *err;
};

static int on_header(void *opaque, const struct record *rec)
{
	struct header_ctx *h = opaque;
	struct plan *p = h->plan;
	h->seen = true;
	const char *name = p->inputs[h->input];
	FORWARD_IF_ERROR(h->input == 0 ? plan_bind(p, rec, name, h->err)
				       : plan_same_header(p, rec, name, h->err));
	return 1;
}

static int check_headers(struct plan *p, dqa_error *err)
{
	for (size_t i = 0; i < p->ninputs; i++) {
		struct header_ctx h = {p, (uint32_t)i, false, err};
		FORWARD_IF_ERROR(reader_scan(p->inputs[i], &p->rules->dialect, on_header, &h, err));
		if (!h.seen)
			return error_at(err, DQA_EINPUT,
					strcmp(p->inputs[i], "-") ? p->inputs[i] : "<stdin>",
					DQA_NOPOS, "an extract starts with a header row naming its columns",
					"empty input: no header row");
	}
	return 0;
}

static int unit_by_name(const void *a, const void *b)
{
	return strcmp(((const struct res_unit *)a)->name, ((const struct res_unit *)b)->name);
}

/* Whether check i scored in some unit. */
static bool scored(struct plan *p, size_t i)
{
	for (size_t u = 0; u < p->nunits; u++)
		if (plan_tally(p, u, i)->evaluated)
			return true;
	return false;
}

static int copy_check(struct dqa_result *r, const struct bound_check *b, const struct tally *t,
		      struct res_check *out)
{
	const struct check *def = b->def;
	*out = (struct res_check){
		.id = def->id, .kind = def->ops->kind, .criterion = def->criterion,
		.ncolumns = def->ncols, .counts = def->counts, .weight = def->weight,
		.min_ratio = def->min_ratio,
		.evaluated = t->evaluated, .failed = t->failed, .samples = t->samples,
		.nsamples = t->nsamples, .note = t->note, .marker = t->marker,
	};
	/* The result outlives the rules: copy what it names. */
	out->id = arena_strdup(&r->arena, def->id);
	out->kind = arena_strdup(&r->arena, def->ops->kind);
	out->columns = arena_alloc(&r->arena, (def->ncols + 1) * sizeof *out->columns);
	if (!out->id || !out->kind || !out->columns)
		return -1;
	if (def->message && !(out->message = arena_strdup(&r->arena, def->message)))
		return -1;
	if (def->label_en && !(out->label_en = arena_strdup(&r->arena, def->label_en)))
		return -1;
	if (def->label_vi && !(out->label_vi = arena_strdup(&r->arena, def->label_vi)))
		return -1;
	if (def->nparams &&
	    !(out->params = arena_alloc(&r->arena, def->nparams * sizeof *out->params)))
		return -1;
	for (size_t k = 0; k < def->nparams; k++, out->nparams++) {
		out->params[k].name = arena_strdup(&r->arena, def->params[k].name);
		out->params[k].value = arena_strdup(&r->arena, def->params[k].value);
		if (!out->params[k].name || !out->params[k].value)
			return -1;
	}
	for (size_t k = 0; k < def->ncols; k++)
		if (!(out->columns[k] = arena_strdup(&r->arena, def->cols[k].name)))
			return -1;
	return 0;
}

/* The implicit dataset-level check of an extract without records. */
static const struct res_check no_rows_check = {
	.id = "sufficient.not_empty", .kind = "not_empty", .criterion = DQA_SUFFICIENT,
	.counts = "datasets", .weight = 1, .min_ratio = 1, .evaluated = 1, .failed = 1,
	.note = "the extract has no rows",
};

static int unit_checks(struct dqa_result *r, struct plan *p, size_t u, struct res_unit *unit,
		       dqa_error *err)
{
	unit->checks = arena_alloc(&r->arena, (p->nchecks + 1) * sizeof *unit->checks);
	RETURN_IF_NOMEM(unit->checks, err);
	for (size_t i = 0; i < p->nchecks; i++)
		if (!p->checks[i].def->dataset_level)
			RETURN_IF_NOMEM(copy_check(r, &p->checks[i], plan_tally(p, u, i),
						   &unit->checks[unit->nchecks++]) == 0 ? r : NULL,
					err);
	return 0;
}

static int dataset_checks(struct dqa_result *r, struct plan *p, dqa_error *err)
{
	r->dataset_checks = arena_alloc(&r->arena, (p->nchecks + 1) * sizeof *r->dataset_checks);
	RETURN_IF_NOMEM(r->dataset_checks, err);
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct check *def = p->checks[i].def;
		if (!def->dataset_level) {
			/* a check no unit scored takes no part (no score is not zero) */
			if (def->weight > 0 && scored(p, i))
				r->unit_weights[def->criterion] += def->weight;
			continue;
		}
		RETURN_IF_NOMEM(copy_check(r, &p->checks[i], plan_dataset_tally(p, i),
					   &r->dataset_checks[r->ndataset_checks++]) == 0 ? r : NULL,
				err);
	}
	r->empty_fails = p->rows == 0 && !p->rules->allow_empty;
	if (r->empty_fails) {
		r->dataset_checks[r->ndataset_checks++] = no_rows_check;
		r->criterion_used[DQA_SUFFICIENT] = true;
	}
	return 0;
}

static int note_memory(struct dqa_result *r, const struct plan *p, dqa_error *err)
{
	r->memory = arena_alloc(&r->arena, (p->nchecks + 1) * sizeof *r->memory);
	RETURN_IF_NOMEM(r->memory, err);
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct bound_check *b = &p->checks[i];
		if (!b->def->ops->memory)
			continue;
		struct res_memory *m = &r->memory[r->nmemory++];
		m->bytes = b->def->ops->memory(b, &m->entries);
		RETURN_IF_NOMEM(m->id = arena_strdup(&r->arena, b->def->id), err);
	}
	return 0;
}

static const char *hex_hash(struct arena *a, uint64_t hash)
{
	char hex[RULES_DIGEST_LEN + 1];
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	return arena_strdup(a, hex);
}

/* The rule file's and each file it read, with their hashes. */
static int note_files(struct dqa_result *r, const struct dqa_rules *rules,
		      const uint64_t *hashes, dqa_error *err)
{
	r->rule_files = arena_alloc(&r->arena, (rules->nfiles + 1) * sizeof *r->rule_files);
	RETURN_IF_NOMEM(r->rule_files, err);
	r->rule_files[0] = (struct res_file){arena_strdup(&r->arena, rules->path),
						 hex_hash(&r->arena, rules->doc.hash)};
	for (size_t i = 0; i < rules->nfiles; i++)
		r->rule_files[i + 1] = (struct res_file){arena_strdup(&r->arena, rules->files[i]),
							 hex_hash(&r->arena, hashes[i])};
	r->nrule_files = rules->nfiles + 1;
	for (size_t i = 0; i < r->nrule_files; i++)
		RETURN_NOMEM_UNLESS(r->rule_files[i].path && r->rule_files[i].hash, err);
	return 0;
}

/* What the history records about the rules: their digest, files and check
 * ids. */
static int note_rules(struct dqa_result *r, const struct dqa_rules *rules, dqa_error *err)
{
	char digest[RULES_DIGEST_LEN + 1];
	uint64_t *hashes = calloc(rules->nfiles + 1, sizeof *hashes);
	RETURN_IF_NOMEM(hashes, err);
	int rc = rules_digest(rules, digest, hashes, err);
	if (rc == 0)
		rc = note_files(r, rules, hashes, err);
	free(hashes);
	FORWARD_IF_ERROR(rc);
	r->rules_hash = arena_strdup(&r->arena, digest);
	r->check_ids = arena_alloc(&r->arena, (rules->nchecks + 1) * sizeof *r->check_ids);
	RETURN_NOMEM_UNLESS(r->rules_hash && r->check_ids, err);
	for (size_t i = 0; i < rules->nchecks; i++)
		RETURN_IF_NOMEM(r->check_ids[i] = arena_strdup(&r->arena, rules->checks[i]->id),
				err);
	r->ncheck_ids = rules->nchecks;
	r->key_columns = arena_alloc(&r->arena, (rules->nkey + 1) * sizeof *r->key_columns);
	r->pii_columns = arena_alloc(&r->arena, (rules->ncolumns + 1) * sizeof *r->pii_columns);
	RETURN_NOMEM_UNLESS(r->key_columns && r->pii_columns, err);
	for (size_t i = 0; i < rules->nkey; i++)
		RETURN_IF_NOMEM(r->key_columns[r->nkey_columns++] =
					arena_strdup(&r->arena, rules->key[i].name), err);
	for (size_t i = 0; i < rules->ncolumns; i++)
		if (rules->columns[i].pii)
			RETURN_IF_NOMEM(r->pii_columns[r->npii_columns++] =
						arena_strdup(&r->arena, rules->columns[i].name), err);
	return 0;
}

/* The unit's name for people when the expected units name it. */
static int name_unit(struct dqa_result *r, const struct dqa_rules *rules, struct res_unit *unit,
		     dqa_error *err)
{
	for (size_t i = 0; rules->expected_names && i < rules->nexpected; i++)
		if (strcmp(rules->expected_units[i], unit->name) == 0 && rules->expected_names[i] &&
		    rules->expected_names[i][0]) {
			unit->unit_name = arena_strdup(&r->arena, rules->expected_names[i]);
			RETURN_IF_NOMEM(unit->unit_name, err);
			return 0;
		}
	return 0;
}

static int build_result(struct dqa_result *r, struct plan *p, dqa_error *err)
{
	const struct dqa_rules *rules = p->rules;
	r->rules_path = arena_strdup(&r->arena, rules->path);
	r->dataset = arena_strdup(&r->arena, rules->name);
	RETURN_NOMEM_UNLESS(r->rules_path && r->dataset, err);
	if (rules->map_file) {
		r->map_file = arena_strdup(&r->arena, rules->map_file);
		r->map_code = rules->map_code ? arena_strdup(&r->arena, rules->map_code) : NULL;
		RETURN_NOMEM_UNLESS(r->map_file && (r->map_code || !rules->map_code), err);
		r->map_tolerance = rules->map_tolerance;
		RETURN_NOMEM_UNLESS(geo_map_copy(&r->arena, &rules->map, &r->map) == 0, err);
	}
	r->rows = p->rows;
	memcpy(r->weights, rules->weights, sizeof r->weights);
	/* A check of weight 0 (clean.blank_rows) scores no criterion. */
	for (size_t i = 0; i < rules->nchecks; i++)
		r->criterion_used[rules->checks[i]->criterion] |=
			!rules->checks[i]->ops->unscored_when_clean || scored(p, i);
	r->warn_below = rules->warn_below;
	r->fail_below = rules->fail_below;
	FORWARD_IF_ERROR(note_rules(r, rules, err));
	r->nunits = p->nunits;
	r->units = arena_alloc(&r->arena, (p->nunits + 1) * sizeof *r->units);
	RETURN_IF_NOMEM(r->units, err);
	for (size_t u = 0; u < p->nunits; u++) {
		struct res_unit *unit = &r->units[u];
		unit->name = p->unit_names[u];
		FORWARD_IF_ERROR(name_unit(r, rules, unit, err));
		unit->rows = p->unit_rows[u];
		unit->missing = p->unit_rows[u] == 0;
		if (!unit->missing)
			FORWARD_IF_ERROR(unit_checks(r, p, u, unit, err));
	}
	qsort(r->units, r->nunits, sizeof *r->units, unit_by_name);
	FORWARD_IF_ERROR(dataset_checks(r, p, err));
	FORWARD_IF_ERROR(note_memory(r, p, err));
	return 0;
}

int audit_inputs(struct dqa_result *r, struct plan *p, const char *const *inputs,
		 size_t ninputs, dqa_error *err)
{
	r->inputs = arena_alloc(&r->arena, (ninputs + 1) * sizeof *r->inputs);
	RETURN_IF_NOMEM(r->inputs, err);
	for (size_t i = 0; i < ninputs; i++)
		RETURN_IF_NOMEM(r->inputs[i] = arena_strdup(&r->arena, inputs[i]), err);
	r->ninputs = ninputs;
	p->inputs = r->inputs;
	p->ninputs = ninputs;
	return 0;
}

/* The kept rows' units by their names for people (rowlog.h). */
static int name_log_units(struct dqa_result *r, dqa_error *err)
{
	struct rowlog *log = r->rowlog;
	if (!log)
		return 0;
	log->unit_full_names = arena_alloc(&log->arena, (log->nunits + 1) * sizeof(char *));
	RETURN_IF_NOMEM(log->unit_full_names, err);
	for (size_t u = 0; u < log->nunits; u++) {
		struct res_unit key = {.name = log->unit_names[u]};
		const struct res_unit *hit = bsearch(&key, r->units, r->nunits, sizeof *r->units,
						     unit_by_name);
		log->unit_full_names[u] = hit ? hit->unit_name : NULL;
	}
	return 0;
}

int audit_finish(struct dqa_result *r, struct plan *p, dqa_error *err)
{
	FORWARD_IF_ERROR(plan_merge_done(p, err));
	FORWARD_IF_ERROR(plan_finish(p, err));
	FORWARD_IF_ERROR(build_result(r, p, err));
	FORWARD_IF_ERROR(result_note_suspect_rules(r, err));
	FORWARD_IF_ERROR(plan_take_log(p, &r->rowlog, err));
	FORWARD_IF_ERROR(name_log_units(r, err));
	result_score(r);
	return 0;
}

static int run(struct dqa_result *r, struct plan *p, const char *const *inputs,
	       size_t ninputs, dqa_error *err)
{
	FORWARD_IF_ERROR(audit_inputs(r, p, inputs, ninputs, err));
	FORWARD_IF_ERROR(scan_run(p, NULL, 0, err));
	return audit_finish(r, p, err);
}

/* Inputs are numbered in 16 bits where first occurrences are remembered. */
enum { MAX_INPUTS = 65535 };

static int check_input_count(size_t ninputs, dqa_error *err)
{
	if (ninputs == 0 || ninputs > MAX_INPUTS)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"between 1 and %d inputs are audited at once", MAX_INPUTS);
	return 0;
}

int dqa_rules_check_data(const dqa_rules *rules, const char *const *inputs, size_t ninputs,
			 dqa_error *err)
{
	FORWARD_IF_ERROR(check_input_count(ninputs, err));
	struct arena scratch = ARENA_INIT;
	dqa_audit_options opts = DQA_AUDIT_OPTIONS_INIT;
	/* Binding resolves relative date bounds ("max: today"): against today,
	 * not against 1970, which would put them before any fixed 'min'. */
	opts.now = (int64_t)time(NULL);
	struct plan p;
	plan_init(&p, rules, &opts, &scratch);
	p.inputs = inputs;
	p.ninputs = ninputs;
	int rc = check_headers(&p, err);
	if (rc == 0)
		rc = plan_check_declared(&p, inputs[0], err);
	plan_release(&p);
	arena_release(&scratch);
	return rc;
}

struct dqa_result *audit_result_new(const dqa_audit_options *opts)
{
	struct dqa_result *r = calloc(1, sizeof *r);
	if (r) {
		r->now = opts->now;
		r->generated_at = opts->generated_at;
		r->show_paths = opts->show_paths;
	}
	return r;
}

int dqa_audit_run(dqa_result **out, const dqa_rules *rules, const char *const *inputs,
		  size_t ninputs, const dqa_audit_options *opts, dqa_error *err)
{
	*out = NULL;
	FORWARD_IF_ERROR(check_input_count(ninputs, err));
	struct dqa_result *r = audit_result_new(opts);
	RETURN_IF_NOMEM(r, err);
	struct plan p;
	plan_init(&p, rules, opts, &r->arena);
	r->threads = p.opts.threads;
	int rc = run(r, &p, inputs, ninputs, err);
	plan_release(&p);
	if (rc < 0) {
		dqa_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* The shard's kept rows, saved beside its state (state_save_rows). */
static int save_rows(struct plan *p, const char *state_path, struct state_rows *kept,
		     dqa_error *err)
{
	if (!state_path)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"this shard keeps no rows: it has no state file of its own");
	/* the adoption writes out the rows still buffered: check after it */
	RETURN_NOMEM_UNLESS(rowlog_adopt(p->log, p->log), err);
	if (p->log->io_failed)
		return error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL,
				"cannot keep the failed rows: %s", strerror(errno ? errno : ENOSPC));
	return state_save_rows(p, state_path, kept, err);
}

int audit_shard_encode(const dqa_rules *rules, const char *const *inputs, size_t ninputs,
		       const dqa_audit_options *opts, unsigned index, unsigned count,
		       const char *state_path, struct strbuf *out, uint64_t *rows, dqa_error *err)
{
	FORWARD_IF_ERROR(check_input_count(ninputs, err));
	struct scan_part *parts;
	size_t nparts;
	int rc = shard_parts(inputs, ninputs, &rules->dialect, index, count, &parts, &nparts, err);
	struct arena arena = ARENA_INIT;
	struct plan p;
	plan_init(&p, rules, opts, &arena);
	p.inputs = inputs;
	p.ninputs = ninputs;
	if (rc == 0)
		rc = scan_run(&p, parts, nparts, err);
	if (rc == 0)
		rc = plan_merge_done(&p, err);
	struct state_rows kept = {0};
	if (rc == 0 && p.log)
		rc = save_rows(&p, state_path, &kept, err);
	if (rc == 0)
		rc = state_encode(&p, index, count, p.log ? &kept : NULL, out, err);
	if (rows)
		*rows = p.rows;
	plan_release(&p);
	arena_release(&arena);
	free(parts);
	return rc;
}

int dqa_audit_shard(const dqa_rules *rules, const char *const *inputs, size_t ninputs,
		    const dqa_audit_options *opts, unsigned index, unsigned count,
		    const char *state_path, uint64_t *rows, dqa_error *err)
{
	struct strbuf state = STRBUF_INIT;
	int rc = audit_shard_encode(rules, inputs, ninputs, opts, index, count, state_path, &state,
				    rows, err);
	if (rc == 0)
		rc = state_save(state_path, state.buf, state.len, err);
	strbuf_release(&state);
	return rc;
}

unsigned dqa_result_threads(const dqa_result *res)
{
	return res->threads;
}

void dqa_result_free(dqa_result *res)
{
	if (!res)
		return;
	rowlog_free(res->rowlog);
	arena_release(&res->arena);
	free(res);
}
