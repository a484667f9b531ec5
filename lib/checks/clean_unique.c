/* clean.unique: a row fails when its key (one or more columns) already
 * occurred earlier in the dataset, in file order; the first occurrence
 * passes and the failure belongs to the later row's unit.
 *
 * Workers judge nothing during the scan: each files every row's key and
 * position under one of PARTS partitions of the key hash. Merging workers
 * or shards only hands the partitions over. After the scan the partitions
 * are resolved in parallel, each with one small key set that finds every
 * key's first occurrence; all other occurrences then fail, serially.
 * A worker whose partition grows large compacts it on the way (keeping
 * each key's first occurrence it has seen, failing the repeats), so memory
 * follows the distinct keys rather than the rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../util/keyset.h"
#include "unique_store.h"
#include "../util/parallel.h"
#include "../util/paths.h"
#include "../scan.h"
#include "../state/codec.h"
#include "../util/strbuf.h"

enum {
	PARTS = 64,                  /* a partition's key set stays cache-sized */
	/* A chunk is first compacted past a quarter of a scan block (so a
	 * worker holds about PARTS / 4 blocks of occurrences above its
	 * distinct keys; tests' tiny blocks compact often), then whenever it
	 * doubles, or grows 8-fold after a compaction that removed little (most
	 * keys distinct: compacting again would mostly be wasted). */
	COMPACT_BLOCK_DIVISOR = 4,
	COMPACT_GROWTH = 2,
	COMPACT_GROWTH_DISTINCT = 8,
	WHERE_INPUT_SHIFT = 48,
};

/* A partition: the chunk this state appends to, then those merged in. */
struct part {
	struct chunk *chunks;
	size_t nchunks;
};

/* A failed row kept as a sample before the key's first occurrence in the
 * whole dataset was known: its note may have to name another line. */
struct sampled {
	uint32_t unit, input, part;
	uint64_t line, ref;          /* ref: the occurrence the note names */
	size_t key_at, key_len;      /* in keys */
};

/* What resolving one partition found, applied serially afterwards. */
struct dup {
	const struct occurrence *rec;    /* its key bytes (equal for every occurrence) */
	uint64_t where, first;
	uint32_t unit;
};

struct renote {
	size_t sampled;
	uint64_t first;
};

struct resolved {
	struct dup *dups;
	size_t ndups, dups_cap;
	struct renote *renotes;
	size_t nrenotes, renotes_cap;
	size_t distinct, set_bytes;
	bool oom;
};

struct unique_state {
	struct part parts[PARTS];
	struct unique_store store;   /* the segments of the chunks in parts */
	struct strbuf key;           /* the current row's key */
	struct sampled *sampled;
	size_t nsampled, sampled_cap;
	struct strbuf keys;          /* keys of the sampled rows */
	struct keyset scratch;       /* compaction's, kept between compactions */
	const char **values;         /* a key split back into column values */
	size_t *lens;
	size_t compact_min;          /* a chunk's first compact_at */
	bool oom;                    /* an occurrence was lost: the audit fails */
	uint64_t distinct;           /* after `dataset`, for --verbose */
	size_t peak_bytes;
};

static uint64_t where_of(uint32_t input, uint64_t line)
{
	return (uint64_t)input << WHERE_INPUT_SHIFT | line;
}

static uint32_t part_of(uint64_t hash)
{
	return (uint32_t)(hash & (PARTS - 1));
}

static void describe(const struct bound_check *b, uint64_t ref, uint32_t row_input, char *note,
		     size_t cap)
{
	uint64_t line = ref & ((1ULL << WHERE_INPUT_SHIFT) - 1);
	uint32_t input = (uint32_t)(ref >> WHERE_INPUT_SHIFT);
	if (input == row_input)
		snprintf(note, cap, "duplicate of line %llu", (unsigned long long)line);
	else
		snprintf(note, cap, "duplicate of %s line %llu",
			 path_shown(b->plan->inputs[input], b->plan->opts.show_paths),
			 (unsigned long long)line);
}

static int unique_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	struct unique_state *s = calloc(1, sizeof *s);
	RETURN_IF_NOMEM(s, err);
	b->state = s;
	size_t block = plan->opts.block_size ? plan->opts.block_size : SCAN_BLOCK_SIZE;
	s->compact_min = block / COMPACT_BLOCK_DIVISOR;
	s->values = calloc(b->def->ncols + 1, sizeof *s->values);
	s->lens = calloc(b->def->ncols + 1, sizeof *s->lens);
	RETURN_NOMEM_UNLESS(s->values && s->lens, err);
	for (size_t i = 0; i < PARTS; i++) {
		s->parts[i].chunks = calloc(1, sizeof *s->parts[i].chunks);
		RETURN_IF_NOMEM(s->parts[i].chunks, err);
		s->parts[i].nchunks = 1;
	}
	return 0;
}

/* One column: the value itself, in place. Several: length-prefixed parts
 * copied to s->key, so ("a,b", "c") and ("a", "b,c") differ. */
static const char *make_key(struct unique_state *s, const struct bound_check *b,
			    const struct plan_row *row, uint32_t *len_out)
{
	if (b->def->ncols == 1) {
		*len_out = (uint32_t)row->lens[b->cols[0]];
		return row->fields[b->cols[0]];
	}
	strbuf_reset(&s->key);
	for (size_t i = 0; i < b->def->ncols; i++) {
		uint32_t len = (uint32_t)row->lens[b->cols[i]];
		strbuf_add(&s->key, &len, sizeof len);
		strbuf_add(&s->key, row->fields[b->cols[i]], len);
	}
	*len_out = (uint32_t)s->key.len;
	return s->key.buf;
}

static void split_key(struct unique_state *s, const struct bound_check *b,
		      const unsigned char *key, size_t len)
{
	if (b->def->ncols == 1) {
		s->values[0] = (const char *)key;
		s->lens[0] = len;
		return;
	}
	for (size_t i = 0; i < b->def->ncols; i++) {
		uint32_t part;
		memcpy(&part, key, sizeof part);
		s->values[i] = (const char *)key + sizeof part;
		s->lens[i] = part;
		key += sizeof part + part;
	}
}

/* Makes room in a growing array of n items of size bytes for one more. */
static bool room_for_one(void **items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t grown_cap = *cap ? *cap * 2 : 16;
	void *grown = realloc(*items, grown_cap * size);
	if (!grown)
		return false;
	*items = grown;
	*cap = grown_cap;
	return true;
}

static bool remember_sample(struct unique_state *s, uint32_t unit, uint32_t input,
			    uint64_t line, uint64_t ref, const void *key, size_t len)
{
	if (!room_for_one((void **)&s->sampled, &s->sampled_cap, s->nsampled, sizeof *s->sampled))
		return false;
	uint32_t part = part_of(keyset_hash(len ? key : "", (uint32_t)len));
	s->sampled[s->nsampled++] = (struct sampled){unit, input, part, line, ref, s->keys.len, len};
	strbuf_add(&s->keys, key, len);
	return !s->keys.failed;
}

/* Logs a repeat for --failed-rows (plan_log_late), its note naming first. */
static bool log_repeat(struct bound_check *b, uint64_t where, uint32_t unit, uint64_t first,
		       const void *key, size_t len)
{
	struct unique_state *s = b->state;
	char note[128];
	describe(b, first, (uint32_t)(where >> WHERE_INPUT_SHIFT), note, sizeof note);
	split_key(s, b, key, len);
	return plan_log_late(b->plan, b, where, unit, s->values, s->lens, note) == 0;
}

/* Fails the occurrence rec of a key whose first occurrence is first: one
 * more failure in its unit, and a sample when it is among the first. When
 * first may still change (renote), a kept sample, and with a row log every
 * such failure, is remembered; otherwise the failure is logged now.
 * false when out of memory. */
static bool fail_occurrence(struct bound_check *b, const struct occurrence *rec, uint64_t where,
			    uint32_t unit, uint64_t first, bool renote)
{
	struct unique_state *s = b->state;
	struct tally *t = plan_tally(b->plan, unit, b->index);
	t->failed++;
	uint32_t input = (uint32_t)(where >> WHERE_INPUT_SHIFT);
	uint64_t line = where & ((1ULL << WHERE_INPUT_SHIFT) - 1);
	bool logging = b->plan->log != NULL;
	int kept = 0;
	if (plan_sample_fits(b->plan, t, input, line)) {
		char note[128];
		describe(b, first, input, note, sizeof note);
		split_key(s, b, rec->key, rec->len);
		if ((kept = plan_add_sample(b->plan, t, b, input, line, s->values, s->lens, note,
					      NULL)) < 0)
			return false;
	}
	if (renote)
		return !(kept || logging) ||
		       remember_sample(s, unit, input, line, first, rec->key, rec->len);
	return !logging || log_repeat(b, where, unit, first, rec->key, rec->len);
}

struct compaction {
	struct bound_check *b;
	struct keyset *seen;
};

/* chunk_filter's test: the first occurrence of its key in the chunk. */
static bool first_in_chunk(void *ctx, const struct occurrence *o)
{
	struct compaction *job = ctx;
	struct unique_state *s = job->b->state;
	if (s->oom)
		return true;
	bool added;
	const struct occurrence **first = keyset_put(job->seen, o, &added);
	if (!first) {
		s->oom = true;
		return true;
	}
	if (!added && !fail_occurrence(job->b, o, occurrence_where(o), o->unit,
				       occurrence_where(*first), true))
		s->oom = true;
	return added;
}

/* Keeps the first occurrence of each key in the chunk (it is in file
 * order) and fails the others now; the survivors may still turn out to be
 * repeats of another worker's rows when the partitions are resolved. */
static void compact(struct bound_check *b, struct chunk *c)
{
	struct unique_state *s = b->state;
	struct keyset *seen = &s->scratch;
	keyset_clear(seen);
	if (keyset_reserve(seen, c->count) < 0)
		return;   /* it stays uncompacted: correct, only larger */
	size_t before = c->count;
	struct compaction job = {b, seen};
	chunk_filter(&s->store, c, first_in_chunk, &job);
	size_t growth = c->count > before - before / 8 ? COMPACT_GROWTH_DISTINCT : COMPACT_GROWTH;
	c->compact_at = growth * c->len > s->compact_min ? growth * c->len : s->compact_min;
}

/* Files one occurrence under its partition (hash: the key's keyset_hash).
 * Compaction (when may_compact) is tried only when the chunk is full, so
 * a chunk of repeats keeps its segments instead of adding more. */
static void file_occurrence(struct bound_check *b, uint64_t hash, uint64_t where, uint32_t unit,
			    const void *key, uint32_t len, bool may_compact)
{
	struct unique_state *s = b->state;
	struct chunk *c = &s->parts[part_of(hash)].chunks[0];
	if (may_compact && c->len >= s->compact_min && c->len >= c->compact_at &&
	    chunk_full(c, len))
		compact(b, c);
	if (!chunk_append(&s->store, c, (uint32_t)(hash >> 32), where, unit, key, len))
		s->oom = true;
}

/* Every row passes for now: its verdict waits for the other workers'. */
static bool unique_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	(void)note, (void)cap;
	struct unique_state *s = b->state;
	uint32_t len;
	const char *key = make_key(s, b, row, &len);
	file_occurrence(b, keyset_hash(key, len), where_of(row->input, row->line),
			(uint32_t)row->unit, key, len, true);
	return true;
}

static int unique_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct unique_state *s = into->state, *f = from->state;
	s->oom |= f->oom;
	for (size_t i = 0; i < PARTS; i++) {
		struct part *p = &s->parts[i], *q = &f->parts[i];
		struct chunk *chunks = realloc(p->chunks, (p->nchunks + q->nchunks) * sizeof *chunks);
		RETURN_IF_NOMEM(chunks, err);
		memcpy(chunks + p->nchunks, q->chunks, q->nchunks * sizeof *chunks);
		p->chunks = chunks;
		p->nchunks += q->nchunks;
		q->nchunks = 0;   /* the segments are into's now */
	}
	RETURN_NOMEM_UNLESS(unique_store_adopt(&s->store, &f->store), err);
	for (size_t i = 0; i < f->nsampled; i++) {
		const struct sampled *e = &f->sampled[i];
		RETURN_IF_NOMEM(remember_sample(s, e->unit, e->input, e->line, e->ref,
						f->keys.buf + e->key_at, e->key_len) ? s : NULL, err);
	}
	return 0;
}

static bool push_dup(struct resolved *r, const struct occurrence *rec, uint64_t where,
		     uint32_t unit)
{
	if (!room_for_one((void **)&r->dups, &r->dups_cap, r->ndups, sizeof *r->dups))
		return false;
	r->dups[r->ndups++] = (struct dup){rec, where, 0, unit};
	return true;
}

static bool push_renote(struct resolved *r, size_t sampled, uint64_t first)
{
	if (!room_for_one((void **)&r->renotes, &r->renotes_cap, r->nrenotes, sizeof *r->renotes))
		return false;
	r->renotes[r->nrenotes++] = (struct renote){sampled, first};
	return true;
}

struct resolve_job {
	const struct unique_state *s;
	struct resolved *out;        /* one per partition */
	struct keyset *sets;         /* one per worker, reused from partition to partition */
};

/* Every key of the partition with its earliest occurrence; all the others
 * become dups, and remembered samples that name a later one, renotes. */
static bool resolve(const struct unique_state *s, size_t part, struct resolved *r,
		    struct keyset *seen)
{
	const struct part *p = &s->parts[part];
	size_t count = 0;
	for (size_t c = 0; c < p->nchunks; c++)
		count += p->chunks[c].count;
	if (keyset_reserve(seen, count) < 0)
		return false;
	for (size_t c = 0; c < p->nchunks; c++) {
		const struct chunk *ch = &p->chunks[c];
		struct chunk_cursor at;
		for (const struct occurrence *rec = chunk_first(ch, &at); rec;
		     rec = chunk_next(&at, rec)) {
			bool added;
			const struct occurrence **first = keyset_put(seen, rec, &added);
			if (!first)
				return false;
			if (added)
				continue;
			/* Chunks are not in file order: the earlier one stands. */
			const struct occurrence *later = rec;
			if (occurrence_where(rec) < occurrence_where(*first)) {
				later = *first;
				*first = rec;
			}
			if (!push_dup(r, later, occurrence_where(later), later->unit))
				return false;
		}
	}
	for (size_t i = 0; i < r->ndups; i++) {
		const struct occurrence *dup = r->dups[i].rec;
		r->dups[i].first = occurrence_where(
			keyset_get(seen, (uint64_t)dup->tag << 32, dup->key, dup->len));
	}
	for (size_t i = 0; i < s->nsampled; i++) {
		const struct sampled *e = &s->sampled[i];
		if (e->part != part)
			continue;
		const char *key = s->keys.buf + e->key_at;
		const struct occurrence *first = keyset_get(
			seen, keyset_hash(key, (uint32_t)e->key_len), key, (uint32_t)e->key_len);
		if (first && occurrence_where(first) != e->ref &&
		    !push_renote(r, i, occurrence_where(first)))
			return false;
	}
	r->distinct = seen->count;
	r->set_bytes = keyset_memory(seen);
	return true;
}

static void resolve_one(void *ctx, size_t part, unsigned worker)
{
	struct resolve_job *job = ctx;
	struct keyset *seen = &job->sets[worker];
	keyset_clear(seen);
	job->out[part].oom = !resolve(job->s, part, &job->out[part], seen);
}

/* Points a kept sample's note at the key's true first occurrence. */
static int apply_renote(struct bound_check *b, const struct renote *n, dqa_error *err)
{
	struct unique_state *s = b->state;
	struct sampled *e = &s->sampled[n->sampled];
	e->ref = n->first;
	struct tally *t = plan_tally(b->plan, e->unit, b->index);
	for (size_t k = 0; k < t->nsamples; k++) {
		struct res_sample *sample = &t->samples[k];
		if (sample->input_index != e->input || sample->line != e->line)
			continue;
		char note[128];
		describe(b, n->first, e->input, note, sizeof note);
		sample->note = arena_strdup(b->plan->out, note);
		RETURN_IF_NOMEM(sample->note, err);
	}
	return 0;
}

static int apply(struct bound_check *b, struct resolved *out, dqa_error *err)
{
	struct unique_state *s = b->state;
	size_t chunk_bytes = 0, largest_set = 0;
	for (size_t i = 0; i < PARTS; i++) {
		struct resolved *r = &out[i];
		RETURN_NOMEM_UNLESS(!r->oom, err);
		for (size_t k = 0; k < r->ndups; k++) {
			const struct dup *d = &r->dups[k];
			RETURN_IF_NOMEM(fail_occurrence(b, d->rec, d->where, d->unit, d->first, false)
					? s : NULL, err);
		}
		for (size_t k = 0; k < r->nrenotes; k++)
			FORWARD_IF_ERROR(apply_renote(b, &r->renotes[k], err));
		s->distinct += r->distinct;
		largest_set = r->set_bytes > largest_set ? r->set_bytes : largest_set;
		for (size_t c = 0; c < s->parts[i].nchunks; c++)
			chunk_bytes += s->parts[i].chunks[c].len;
	}
	s->peak_bytes = chunk_bytes + largest_set * b->plan->opts.threads;
	/* with a row log, the remembered failures are every repeat a worker
	 * found while compacting: logged now that they name the true first */
	for (size_t i = 0; b->plan->log && i < s->nsampled; i++) {
		const struct sampled *e = &s->sampled[i];
		RETURN_IF_NOMEM(log_repeat(b, where_of(e->input, e->line), e->unit, e->ref,
					   s->keys.buf + e->key_at, e->key_len) ? s : NULL, err);
	}
	return 0;
}

static void release_parts(struct unique_state *s)
{
	for (size_t i = 0; i < PARTS; i++) {
		for (size_t c = 0; c < s->parts[i].nchunks; c++)
			chunk_release(&s->parts[i].chunks[c]);
		free(s->parts[i].chunks);
		s->parts[i] = (struct part){NULL, 0};
	}
	unique_store_release(&s->store);
}

static int unique_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	(void)plan;
	struct unique_state *s = b->state;
	RETURN_NOMEM_UNLESS(!s->oom, err);
	unsigned workers = b->plan->opts.threads;
	struct resolved *out = calloc(PARTS, sizeof *out);
	struct keyset *sets = calloc(workers, sizeof *sets);
	struct resolve_job job = {s, out, sets};
	int rc = out && sets ? 0 : error_nomem(err);
	if (rc == 0) {
		parallel_for(workers, PARTS, resolve_one, &job);
		rc = apply(b, out, err);
	}
	for (unsigned w = 0; sets && w < workers; w++)
		keyset_release(&sets[w]);
	free(sets);
	for (size_t i = 0; out && i < PARTS; i++) {
		free(out[i].dups);
		free(out[i].renotes);
	}
	free(out);
	release_parts(s);
	return rc;
}

static size_t unique_memory(const struct bound_check *b, uint64_t *entries)
{
	const struct unique_state *s = b->state;
	*entries = s->distinct;
	return s->peak_bytes;
}

/* Every occurrence still filed, then the remembered samples. */
static void unique_save(const struct bound_check *b, struct strbuf *out)
{
	const struct unique_state *s = b->state;
	uint64_t count = 0;
	for (size_t i = 0; i < PARTS; i++)
		for (size_t c = 0; c < s->parts[i].nchunks; c++)
			count += s->parts[i].chunks[c].count;
	state_put_u64(out, count);
	for (size_t i = 0; i < PARTS; i++) {
		for (size_t c = 0; c < s->parts[i].nchunks; c++) {
			const struct chunk *ch = &s->parts[i].chunks[c];
			struct chunk_cursor at;
			for (const struct occurrence *r = chunk_first(ch, &at); r;
			     r = chunk_next(&at, r)) {
				state_put_u64(out, occurrence_where(r));
				state_put_u64(out, r->unit);
				state_put_bytes(out, r->key, r->len);
			}
		}
	}
	state_put_u64(out, s->nsampled);
	for (size_t i = 0; i < s->nsampled; i++) {
		const struct sampled *e = &s->sampled[i];
		state_put_u64(out, e->unit);
		state_put_u64(out, e->input);
		state_put_u64(out, e->line);
		state_put_u64(out, e->ref);
		state_put_bytes(out, s->keys.buf + e->key_at, e->key_len);
	}
}

/* A shard compacted its occurrences already: loading only files them. */
static int unique_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	struct unique_state *s = b->state;
	size_t count = state_get_count(in, 3);
	for (size_t i = 0; i < count && !in->bad; i++) {
		uint64_t where = state_get_u64(in);
		size_t unit = state_get_unit(in, units, nunits);
		size_t len;
		const unsigned char *key = state_get_bytes(in, &len);
		in->bad |= len > UINT32_MAX;
		if (in->bad)
			break;
		file_occurrence(b, keyset_hash(len ? key : (const void *)"", (uint32_t)len), where,
				(uint32_t)unit, key, (uint32_t)len, false);
		RETURN_NOMEM_UNLESS(!s->oom, err);
	}
	size_t nsampled = state_get_count(in, 5);
	for (size_t i = 0; i < nsampled && !in->bad; i++) {
		size_t unit = state_get_unit(in, units, nunits);
		uint64_t input = state_get_u64(in), line = state_get_u64(in);
		uint64_t ref = state_get_u64(in);
		size_t len;
		const unsigned char *key = state_get_bytes(in, &len);
		in->bad |= input > UINT32_MAX;
		if (in->bad)
			break;
		RETURN_IF_NOMEM(remember_sample(s, (uint32_t)unit, (uint32_t)input, line, ref, key,
						len) ? s : NULL, err);
	}
	return 0;
}

static void unique_unbind(struct bound_check *b)
{
	struct unique_state *s = b->state;
	if (!s)
		return;
	release_parts(s);
	keyset_release(&s->scratch);
	strbuf_release(&s->key);
	strbuf_release(&s->keys);
	free(s->sampled);
	free(s->values);
	free(s->lens);
	free(s);
}

const struct check_ops check_unique = {
	.kind = "unique", .scope = SCOPE_ROW, .shape = SHAPE_KEY, .bind = unique_bind,
	.row = unique_row, .merge = unique_merge, .fails_late = true,
	.memory = unique_memory, .dataset = unique_dataset,
	.save = unique_save, .load = unique_load, .unbind = unique_unbind,
};
