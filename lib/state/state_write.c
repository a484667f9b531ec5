/* Encoding a shard's plan as a state (state.h): in its frame (frame.h),
 * what audit it belongs to, then units, tallies and check states. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "../checks/check.h"
#include "../rowlog.h"
#include "../util/fileio.h"

static void put_meta(struct strbuf *out, const struct plan *p, uint64_t rules_hash,
		     unsigned index, unsigned count)
{
	state_put_str(out, DQA_VERSION);
	state_put_str(out, p->rules->path);
	state_put_u64(out, rules_hash);
	state_put_u64(out, p->ninputs);
	for (size_t i = 0; i < p->ninputs; i++)
		state_put_str(out, p->inputs[i]);
	state_put_u64(out, index);
	state_put_u64(out, count);
	state_put_i64(out, p->opts.now);
	state_put_u64(out, p->opts.samples);
	state_put_str(out, p->opts.unit);
	state_put_u64(out, p->nheader);
	for (size_t i = 0; i < p->nheader; i++)
		state_put_str(out, p->header[i]);
	state_put_u64(out, 2 * p->nchecks);   /* id and kind of each */
	for (size_t i = 0; i < p->nchecks; i++) {
		state_put_str(out, p->checks[i].def->id);
		state_put_str(out, p->checks[i].def->ops->kind);
	}
}

/* What rows the shard kept beside its state (state_save_rows). */
static void put_rows(struct strbuf *out, const struct plan *p, const struct state_rows *rows)
{
	const struct rowlog *log = p->log;
	state_put_u64(out, !log ? STATE_ROWS_NONE : log->raw ? STATE_ROWS_RECORDS
							      : STATE_ROWS_FAILED);
	if (!log)
		return;
	state_put_bool(out, log->unmasked);
	state_put_strn(out, log->header, log->header_len);
	state_put_str(out, log->eol);
	state_put_u64(out, rows->len);
	state_put_u64(out, rows->crc);
	for (size_t i = 0; i < p->ninputs; i++)
		state_put_str(out, p->sheets ? p->sheets[i] : NULL);
}

static bool tally_used(const struct tally *t)
{
	return t->evaluated || t->failed || t->nsamples;
}

static void put_sample(struct strbuf *out, const struct res_sample *s)
{
	state_put_u64(out, s->input_index);
	state_put_u64(out, s->line);
	state_put_str(out, s->note);
	state_put_str(out, s->cell);
	for (size_t v = 0; v < s->nvalues; v++)
		state_put_strn(out, s->values[v], s->lens[v]);
	state_put_u64(out, s->nkeys);
	for (size_t k = 0; k < s->nkeys; k++)
		state_put_strn(out, s->keys[k], s->key_lens[k]);
}

/* Per unit: its name and rows, then the tallies it has (most are empty). */
static void put_units(struct strbuf *out, struct plan *p)
{
	state_put_u64(out, p->rows);
	state_put_u64(out, p->nunits);
	for (size_t u = 0; u < p->nunits; u++) {
		state_put_str(out, p->unit_names[u]);
		state_put_u64(out, p->unit_rows[u]);
	}
	for (size_t u = 0; u < p->nunits; u++) {
		size_t used = 0;
		for (size_t i = 0; i < p->nchecks; i++)
			used += tally_used(plan_tally(p, u, i));
		state_put_u64(out, used);
		for (size_t i = 0; i < p->nchecks; i++) {
			const struct tally *t = plan_tally(p, u, i);
			if (!tally_used(t))
				continue;
			state_put_u64(out, i);
			state_put_u64(out, t->evaluated);
			state_put_u64(out, t->failed);
			state_put_u64(out, t->nsamples);
			for (size_t k = 0; k < t->nsamples; k++)
				put_sample(out, &t->samples[k]);
		}
	}
}

static int put_checks(struct strbuf *out, const struct plan *p, dqa_error *err)
{
	struct strbuf blob = STRBUF_INIT;
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct bound_check *b = &p->checks[i];
		if (!b->def->ops->save) {
			/* State that merges but cannot be saved would merge wrong. */
			if (b->def->ops->merge) {
				strbuf_release(&blob);
				return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
						"check kind '%s' cannot be sharded yet",
						b->def->ops->kind);
			}
			continue;
		}
		strbuf_reset(&blob);
		b->def->ops->save(b, &blob);
		state_put_bytes(out, blob.buf ? blob.buf : "", blob.len);
		out->failed |= blob.failed;
	}
	strbuf_release(&blob);
	return 0;
}

int state_encode(struct plan *p, unsigned index, unsigned count, const struct state_rows *rows,
		 struct strbuf *out, dqa_error *err)
{
	ASSERT(!p->log == !rows);
	size_t start = frame_start(out);
	/* the bytes the rules were loaded from: an edit since fails the merge */
	put_meta(out, p, p->rules->doc.hash, index, count);
	put_rows(out, p, rows);
	put_units(out, p);
	FORWARD_IF_ERROR(put_checks(out, p, err));
	RETURN_NOMEM_UNLESS(!out->failed, err);
	frame_seal(out, start, &state_dataset_kind);
	return 0;
}

int state_save_rows(const struct plan *p, const char *state_path, struct state_rows *rows,
		    dqa_error *err)
{
	size_t n = strlen(state_path) + sizeof STATE_ROWS_SUFFIX;
	char *path = malloc(n);
	RETURN_IF_NOMEM(path, err);
	snprintf(path, n, "%s" STATE_ROWS_SUFFIX, state_path);
	struct atomic_file file;
	int rc = atomic_file_open(&file, path, err);
	if (rc == 0)
		rc = rowlog_save(p->log, file.f, &rows->crc, &rows->len, err);
	if (rc == 0)
		rc = atomic_file_commit(&file, err);
	atomic_file_discard(&file);
	free(path);
	return rc;
}
