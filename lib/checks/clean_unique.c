/* clean.unique: a row fails when its key (one or more columns) already
 * occurred earlier in the dataset, in file order; the first occurrence
 * passes and the failure belongs to the later row's unit.
 *
 * In a parallel scan each worker judges its own rows against the keys it
 * has seen. Merging two workers, a key both saw has its later first
 * occurrence turned into a failure, and every kept sample's "duplicate of"
 * is pointed at the key's true first occurrence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../keyset.h"
#include "../state/codec.h"
#include "../strbuf.h"

/* A failed row this check has a sample of, to correct its note later. */
struct sampled {
	uint32_t unit, input;
	uint64_t line, ref;       /* ref: the occurrence the note names */
	size_t key_at, key_len;   /* in keys */
};

struct unique_state {
	struct keyset seen;
	struct strbuf key;        /* the current row's key (made by prefetch) */
	uint64_t hash;            /* and its keyset_hash */
	struct sampled *sampled;
	size_t nsampled, sampled_cap;
	struct strbuf keys;       /* keys of the sampled rows */
	const char **values;      /* a key split back into column values */
	size_t *lens;
};

enum { WHERE_INPUT_SHIFT = 48, PREFETCH_AHEAD = 8 };

static uint64_t where_of(uint32_t input, uint64_t line)
{
	return (uint64_t)input << WHERE_INPUT_SHIFT | line;
}

static void describe(const struct bound_check *b, uint64_t ref, uint32_t row_input, char *note,
		     size_t cap)
{
	uint64_t line = ref & ((1ULL << WHERE_INPUT_SHIFT) - 1);
	uint32_t input = (uint32_t)(ref >> WHERE_INPUT_SHIFT);
	if (input == row_input)
		snprintf(note, cap, "duplicate of line %llu", (unsigned long long)line);
	else
		snprintf(note, cap, "duplicate of %s line %llu", b->plan->inputs[input],
			 (unsigned long long)line);
}

static int unique_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	struct unique_state *s = calloc(1, sizeof *s);
	RETURN_IF_NOMEM(s, err);
	b->state = s;
	s->values = calloc(b->def->ncols + 1, sizeof *s->values);
	s->lens = calloc(b->def->ncols + 1, sizeof *s->lens);
	RETURN_IF_NOMEM(s->values && s->lens ? s : NULL, err);
	return 0;
}

/* One column: the value itself. Several: length-prefixed parts, so
 * ("a,b", "c") and ("a", "b,c") differ. */
static void make_key(struct unique_state *s, const struct bound_check *b,
		     const struct plan_row *row)
{
	strbuf_reset(&s->key);
	for (size_t i = 0; i < b->def->ncols; i++) {
		uint32_t len = (uint32_t)row->lens[b->cols[i]];
		if (b->def->ncols > 1)
			strbuf_add(&s->key, &len, sizeof len);
		strbuf_add(&s->key, row->fields[b->cols[i]], len);
	}
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

static bool remember_sample(struct unique_state *s, uint32_t unit, uint32_t input,
			    uint64_t line, uint64_t ref, const void *key, size_t len)
{
	if (s->nsampled == s->sampled_cap) {
		size_t cap = s->sampled_cap ? s->sampled_cap * 2 : 16;
		struct sampled *grown = realloc(s->sampled, cap * sizeof *grown);
		if (!grown)
			return false;
		s->sampled = grown;
		s->sampled_cap = cap;
	}
	s->sampled[s->nsampled++] = (struct sampled){unit, input, line, ref, s->keys.len, len};
	strbuf_add(&s->keys, key, len);
	return !s->keys.failed;
}

/* The key's slot is usually far away in a large table: ask for it now and
 * probe it after the row's other checks. */
static void unique_prefetch(struct bound_check *b, const struct plan_row *row)
{
	struct unique_state *s = b->state;
	make_key(s, b, row);
	s->hash = keyset_hash(s->key.buf ? s->key.buf : "", (uint32_t)s->key.len);
	keyset_prefetch(&s->seen, s->hash);
}

static bool unique_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	struct unique_state *s = b->state;
	bool added;
	struct key_record *r = keyset_put_hashed(&s->seen, s->hash, s->key.buf ? s->key.buf : "",
						 (uint32_t)s->key.len, where_of(row->input, row->line),
						 (uint32_t)row->unit, &added);
	if (!r || added)
		return true;   /* a new key (or out of memory: never a false duplicate) */
	if (note) {
		describe(b, r->where, row->input, note, cap);
		remember_sample(s, (uint32_t)row->unit, row->input, row->line, r->where,
				s->key.buf, s->key.len);
	}
	return false;
}

/* A first occurrence that another worker saw earlier becomes a duplicate. */
static int demote(struct bound_check *b, uint64_t where, uint32_t unit, uint64_t first,
		  const unsigned char *key, size_t len, dqa_error *err)
{
	struct unique_state *s = b->state;
	struct tally *t = plan_tally(b->plan, unit, b->index);
	t->failed++;
	uint32_t input = (uint32_t)(where >> WHERE_INPUT_SHIFT);
	uint64_t line = where & ((1ULL << WHERE_INPUT_SHIFT) - 1);
	char note[128];
	describe(b, first, input, note, sizeof note);
	split_key(s, b, key, len);
	int kept = plan_add_sample(b->plan, t, b, input, line, s->values, s->lens, note);
	RETURN_IF_NOMEM(kept >= 0 ? s : NULL, err);
	if (kept)
		RETURN_IF_NOMEM(remember_sample(s, unit, input, line, first, key, len) ? s : NULL, err);
	return 0;
}

/* Points the note of every kept sample at its key's first occurrence. */
static int renote(struct bound_check *b, dqa_error *err)
{
	struct unique_state *s = b->state;
	for (size_t i = 0; i < s->nsampled; i++) {
		struct sampled *e = &s->sampled[i];
		const struct key_record *r = keyset_get(&s->seen, s->keys.buf + e->key_at,
							(uint32_t)e->key_len);
		if (!r || r->where == e->ref)
			continue;
		e->ref = r->where;
		struct tally *t = plan_tally(b->plan, e->unit, b->index);
		for (size_t k = 0; k < t->nsamples; k++) {
			struct res_sample *sample = &t->samples[k];
			if (sample->input_index != e->input || sample->line != e->line)
				continue;
			char note[128];
			describe(b, r->where, e->input, note, sizeof note);
			sample->note = arena_strdup(b->plan->out, note);
			RETURN_IF_NOMEM(sample->note, err);
		}
	}
	return 0;
}

static int unique_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct unique_state *s = into->state, *f = from->state;
	if (!s->seen.count && !s->nsampled) {
		/* Nothing to compare with (a merge's first shard): take its keys
		 * whole instead of inserting them one by one. */
		into->state = f;
		from->state = s;
		return 0;
	}
	RETURN_IF_NOMEM(keyset_reserve(&s->seen, s->seen.count + f->seen.count) == 0 ? s : NULL,
			err);
	/* A second cursor hashes keys PREFETCH_AHEAD records ahead, so each
	 * slot is on its way from memory before it is probed. */
	uint64_t hashes[PREFETCH_AHEAD];
	size_t pos = 0, lead = 0, hashed = 0;
	struct key_record *fr, *next;
	for (size_t i = 0; keyset_next(&f->seen, &pos, &fr); i++) {
		for (; hashed < i + PREFETCH_AHEAD && keyset_next(&f->seen, &lead, &next); hashed++) {
			hashes[hashed % PREFETCH_AHEAD] = keyset_hash(next->key, next->len);
			keyset_prefetch(&s->seen, hashes[hashed % PREFETCH_AHEAD]);
		}
		bool added;
		struct key_record *r = keyset_put_hashed(&s->seen, hashes[i % PREFETCH_AHEAD], fr->key,
							 fr->len, fr->where, fr->unit, &added);
		RETURN_IF_NOMEM(r, err);
		if (added)
			continue;
		uint64_t later = fr->where, first = r->where;
		uint32_t later_unit = fr->unit;
		if (fr->where < r->where) {
			later = r->where, later_unit = r->unit, first = fr->where;
			r->where = fr->where;
			r->unit = fr->unit;
		}
		FORWARD_IF_ERROR(demote(into, later, later_unit, first, fr->key, fr->len, err));
	}
	for (size_t i = 0; i < f->nsampled; i++) {
		const struct sampled *e = &f->sampled[i];
		RETURN_IF_NOMEM(remember_sample(s, e->unit, e->input, e->line, e->ref,
						f->keys.buf + e->key_at, e->key_len) ? s : NULL, err);
	}
	return renote(into, err);
}

static size_t unique_memory(const struct bound_check *b, uint64_t *entries)
{
	const struct unique_state *s = b->state;
	*entries = s->seen.count;
	return keyset_memory(&s->seen);
}

/* Every distinct key with its first occurrence, then the sampled rows. */
static void unique_save(const struct bound_check *b, struct strbuf *out)
{
	const struct unique_state *s = b->state;
	state_put_u64(out, s->seen.count);
	size_t pos = 0;
	struct key_record *r;
	while (keyset_next(&s->seen, &pos, &r)) {
		state_put_u64(out, r->where);
		state_put_u64(out, r->unit);
		state_put_bytes(out, r->key, r->len);
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

static int unique_load(struct bound_check *b, struct state_in *in, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	struct unique_state *s = b->state;
	size_t nkeys = state_get_count(in, 3);
	for (size_t i = 0; i < nkeys && !in->bad; i++) {
		uint64_t where = state_get_u64(in);
		size_t unit = state_get_unit(in, units, nunits);
		size_t len;
		const unsigned char *key = state_get_bytes(in, &len);
		in->bad |= len > UINT32_MAX;
		if (in->bad)
			break;
		bool added;
		RETURN_IF_NOMEM(keyset_put(&s->seen, key, (uint32_t)len, where, (uint32_t)unit,
					   &added), err);
		in->bad |= !added;   /* a key twice in one key set */
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
	keyset_release(&s->seen);
	strbuf_release(&s->key);
	strbuf_release(&s->keys);
	free(s->sampled);
	free(s->values);
	free(s->lens);
	free(s);
}

const struct check_ops check_unique = {
	.kind = "unique", .scope = SCOPE_ROW, .shape = SHAPE_KEY, .bind = unique_bind,
	.prefetch = unique_prefetch, .row = unique_row, .merge = unique_merge,
	.memory = unique_memory,
	.save = unique_save, .load = unique_load, .unbind = unique_unbind,
};
