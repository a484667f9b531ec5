/* The composite key search: the sets of two and three columns the profile
 * allows (no column empty, no column a key alone, enough distinct values
 * together), in order of preference, each with an exact set of the hashes
 * of its rows' values; a set dies at its first repeated hash. A repeat of
 * the 64-bit hash without a repeat of the values would only make a key
 * missed, never a wrong one suggested. */
#include "keys.h"

#include <stdlib.h>
#include <string.h>

#include "../input/transcode.h"
#include "../scan.h"
#include "value_hash.h"

enum {
	KEY_COLUMNS_MAX = 12,        /* columns a set is drawn from */
	KEY_SETS_MAX = 256,          /* sets scanned */
	/* Hashes a worker holds; past it the least preferred sets are given
	 * up (16 to 32 bytes each: 32 to 64 MB). */
	KEY_ENTRIES_MAX = 1 << 21,
};

/* --- an exact set of 64-bit hashes ------------------------------------- */

struct hash_set {
	uint64_t *slots;             /* 0: free */
	size_t cap, count;
};

static int set_grow(struct hash_set *s)
{
	size_t cap = s->cap ? 2 * s->cap : 64;
	uint64_t *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i])
			continue;
		size_t j = s->slots[i] & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

/* 1 when added, 0 when present, -1 out of memory. */
static int set_put(struct hash_set *s, uint64_t h)
{
	if (2 * (s->count + 1) > s->cap && set_grow(s) < 0)
		return -1;
	h = h ? h : 1;
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (s->slots[i] == h)
			return 0;
		if (!s->slots[i]) {
			s->slots[i] = h;
			s->count++;
			return 1;
		}
	}
}

static void set_release(struct hash_set *s)
{
	free(s->slots);
	*s = (struct hash_set){0};
}

/* --- the candidates ---------------------------------------------------- */

struct key_set {
	uint8_t n;
	uint8_t at[KEY_MAX_COLUMNS];     /* indices into key_search.cols */
	uint8_t loose;                   /* columns that are not identifier-like */
};

struct key_search {
	size_t cols[KEY_COLUMNS_MAX];    /* the profile's column indices */
	size_t ncols;
	struct key_set sets[KEY_SETS_MAX];
	size_t nsets;
};

static bool id_like(enum value_kind type)
{
	return type == KIND_CODE || type == KIND_INTEGER || type == KIND_CITIZEN_ID ||
	       type == KIND_TAX_CODE || type == KIND_PHONE;
}

/* Most distinct values the column can hold: its count, or the estimate
 * three standard errors up. */
static double distinct_bound(const struct column_summary *s)
{
	return s->distinct_exact ? (double)s->distinct
				 : (double)s->distinct * (1 + 3 * HLL_STANDARD_ERROR);
}

/* A column a key can take: never empty, not a key alone (a set with it
 * would not be the smallest), more than one value. */
static bool eligible(const struct column_summary *s, uint64_t rows)
{
	return s->empty == 0 && s->values == rows && s->distinct > 1 &&
	       distinct_bound(s) < (double)rows;
}

static void pick_columns(struct key_search *ks, const struct dqa_profile *p,
			 const struct column_summary *cols)
{
	/* Identifier-like columns first, then the others, each in header order. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->ncols && ks->ncols < KEY_COLUMNS_MAX; i++)
			if (eligible(&cols[i], p->total.rows) && id_like(cols[i].type) == (pass == 0))
				ks->cols[ks->ncols++] = i;
}

static void add_set(struct key_search *ks, const struct column_summary *cols, uint64_t rows,
		    const uint8_t *at, uint8_t n)
{
	double together = 1;
	struct key_set set = {.n = n};
	for (uint8_t i = 0; i < n; i++) {
		const struct column_summary *s = &cols[ks->cols[at[i]]];
		together *= distinct_bound(s);
		set.at[i] = at[i];
		set.loose += !id_like(s->type);
	}
	if (together >= (double)rows && ks->nsets < KEY_SETS_MAX)
		ks->sets[ks->nsets++] = set;
}

static int by_preference(const void *a, const void *b)
{
	const struct key_set *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	if (x->loose != y->loose)
		return x->loose < y->loose ? -1 : 1;
	return memcmp(x->at, y->at, KEY_MAX_COLUMNS);
}

/* Every set of two, then three, eligible columns that can be unique, the
 * fewest loose columns first, then in header order. */
static void list_sets(struct key_search *ks, const struct column_summary *cols, uint64_t rows)
{
	uint8_t n = (uint8_t)ks->ncols;
	for (uint8_t a = 0; a < n; a++)
		for (uint8_t b = a + 1; b < n; b++)
			add_set(ks, cols, rows, (uint8_t[]){a, b}, 2);
	for (uint8_t a = 0; a < n; a++)
		for (uint8_t b = a + 1; b < n; b++)
			for (uint8_t c = b + 1; c < n; c++)
				add_set(ks, cols, rows, (uint8_t[]){a, b, c}, 3);
	qsort(ks->sets, ks->nsets, sizeof *ks->sets, by_preference);
}

/* --- the scan ------------------------------------------------------------ */

enum key_state { KEY_ALIVE, KEY_REPEATED, KEY_GIVEN_UP };

struct key_part {
	const struct key_search *ks;
	struct hash_set *seen;           /* [nsets] */
	uint8_t *state;                  /* [nsets], enum key_state */
	uint64_t col_hash[KEY_COLUMNS_MAX];
	size_t entries;
};

static int part_init(struct key_part *kp, const struct key_search *ks)
{
	*kp = (struct key_part){.ks = ks};
	kp->seen = calloc(ks->nsets ? ks->nsets : 1, sizeof *kp->seen);
	kp->state = calloc(ks->nsets ? ks->nsets : 1, sizeof *kp->state);
	return kp->seen && kp->state ? 0 : -1;
}

static void part_release(struct key_part *kp)
{
	for (size_t k = 0; kp->seen && k < kp->ks->nsets; k++)
		set_release(&kp->seen[k]);
	free(kp->seen);
	free(kp->state);
}

static void end_set(struct key_part *kp, size_t k, enum key_state state)
{
	kp->entries -= kp->seen[k].count;
	set_release(&kp->seen[k]);
	kp->state[k] = (uint8_t)state;
}

/* Adds a row's hash to set k: a hash seen before ends the set as not a
 * key. */
static int put_hash(struct key_part *kp, size_t k, uint64_t h, dqa_error *err)
{
	int added = set_put(&kp->seen[k], h);
	if (added < 0)
		return error_nomem(err);
	if (added)
		kp->entries++;
	else
		end_set(kp, k, KEY_REPEATED);
	return 0;
}

/* Gives up the least preferred sets while past the memory bound. */
static void keep_bound(struct key_part *kp)
{
	for (size_t k = kp->ks->nsets; k-- > 0 && kp->entries > KEY_ENTRIES_MAX;)
		if (kp->state[k] == KEY_ALIVE)
			end_set(kp, k, KEY_GIVEN_UP);
}

static uint64_t set_hash(const struct key_part *kp, const struct key_set *set)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL;
	for (uint8_t i = 0; i < set->n; i++)
		h = hash_mix(h ^ kp->col_hash[set->at[i]]);
	return h;
}

static int key_bind(void *first, const struct record *header, const char *input,
		    uint64_t first_row_line, dqa_error *err)
{
	(void)first;
	(void)header;
	(void)input;
	(void)first_row_line;
	(void)err;
	return 0;   /* the profile's scan checked the headers */
}

static int key_same_header(const void *first, const struct record *header, const char *input,
			   dqa_error *err)
{
	return key_bind((void *)first, header, input, 0, err);
}

static void *key_fork(void *first, dqa_error *err)
{
	struct key_part *kp = malloc(sizeof *kp);
	if (!kp || part_init(kp, ((struct key_part *)first)->ks) < 0) {
		if (kp)
			part_release(kp);
		free(kp);
		error_nomem(err);
		return NULL;
	}
	return kp;
}

static void key_release(void *fork)
{
	part_release(fork);
	free(fork);
}

static int key_row(void *sink, const struct record *rec, uint32_t input, dqa_error *err)
{
	(void)input;
	struct key_part *kp = sink;
	const struct key_search *ks = kp->ks;
	if (rec->n == 0)
		return 0;   /* a blank line: no row */
	for (size_t i = 0; i < ks->ncols; i++) {
		size_t c = ks->cols[i];
		kp->col_hash[i] = c < rec->n ? value_hash(rec->fields[c], rec->lens[c])
					     : value_hash("", 0);
	}
	for (size_t k = 0; k < ks->nsets; k++) {
		if (kp->state[k] != KEY_ALIVE)
			continue;
		FORWARD_IF_ERROR(put_hash(kp, k, set_hash(kp, &ks->sets[k]), err));
	}
	keep_bound(kp);
	return 0;
}

static int key_merge(void *into, void *from, dqa_error *err)
{
	struct key_part *a = into, *b = from;
	for (size_t k = 0; k < a->ks->nsets; k++) {
		if (a->state[k] == KEY_REPEATED)
			continue;
		if (b->state[k] != KEY_ALIVE) {
			if (a->state[k] == KEY_ALIVE || b->state[k] == KEY_REPEATED)
				end_set(a, k, b->state[k]);
			continue;
		}
		if (a->state[k] != KEY_ALIVE)
			continue;
		const struct hash_set *s = &b->seen[k];
		for (size_t i = 0; i < s->cap && a->state[k] == KEY_ALIVE; i++) {
			if (!s->slots[i])
				continue;
			FORWARD_IF_ERROR(put_hash(a, k, s->slots[i], err));
		}
		keep_bound(a);
	}
	return 0;
}

static const struct scan_sink_ops key_sink = {
	.bind = key_bind, .same_header = key_same_header, .fork = key_fork, .row = key_row,
	.merge = key_merge, .release = key_release,
};

static bool reads_stdin(const struct dqa_profile *p)
{
	for (size_t i = 0; i < p->ninputs; i++)
		if (strcmp(p->inputs[i], "-") == 0)
			return true;
	return false;
}

static void take_first_unique(const struct key_search *ks, const struct key_part *kp,
			      struct composite_key *out)
{
	for (size_t k = 0; k < ks->nsets; k++) {
		out->bounded |= kp->state[k] == KEY_GIVEN_UP;
		if (kp->state[k] != KEY_ALIVE)
			continue;
		out->n = ks->sets[k].n;
		for (size_t i = 0; i < out->n; i++)
			out->cols[i] = ks->cols[ks->sets[k].at[i]];
		return;
	}
}

int composite_key_find(const struct dqa_profile *p, const struct column_summary *cols,
		       int single_key, struct composite_key *out, dqa_error *err)
{
	*out = (struct composite_key){0};
	if (single_key >= 0 || p->total.rows < 2 || reads_stdin(p))
		return 0;
	struct key_search *ks = calloc(1, sizeof *ks);
	RETURN_IF_NOMEM(ks, err);
	pick_columns(ks, p, cols);
	list_sets(ks, cols, p->total.rows);
	out->tried = ks->nsets;
	struct key_part first;
	int rc = part_init(&first, ks) < 0 ? error_nomem(err) : 0;
	struct dialect dialect = DIALECT_INIT;
	dialect.encoding = p->encoding ? encoding_find(p->encoding) : NULL;
	const struct scan_config cfg = {.dialect = &dialect, .inputs = (const char *const *)p->inputs,
					.ninputs = p->ninputs, .holdout = p->holdout};
	if (rc == 0 && ks->nsets)
		rc = scan_records(&cfg, &key_sink, &first, NULL, 0, p->threads, p->block_size, err);
	if (rc == 0)
		take_first_unique(ks, &first, out);
	part_release(&first);
	free(ks);
	return rc;
}
