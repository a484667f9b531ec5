/* unique's occurrence store: appending across segments and blocks (past
 * the first megabyte), keys longer than a segment, filtering in place
 * (records move backwards across segment boundaries and must arrive
 * whole), appending after a filter, and one store adopting another's. */
#include <stdlib.h>
#include <string.h>

#include "checks/unique_store.h"
#include "tap.h"

enum { COUNT = 30000, HUGE_KEY = 40000 };

/* Occurrence i: its key length and bytes follow from i alone. Five keys
 * early on are longer than a segment. */
static uint32_t key_len(uint64_t i)
{
	return i % 997 == 5 && i < 5000 ? HUGE_KEY + (uint32_t)(i % 13) : (uint32_t)(i * 7 % 61);
}

static void make_key(uint64_t i, unsigned char *key)
{
	for (uint32_t k = 0; k < key_len(i); k++)
		key[k] = (unsigned char)(i * 31 + k);
}

static bool is_whole(const struct occurrence *o, unsigned char *scratch)
{
	uint64_t i = occurrence_where(o);
	make_key(i, scratch);
	return o->len == key_len(i) && o->unit == i % 7 && o->tag == (uint32_t)(i * 2654435761u) &&
	       memcmp(o->key, scratch, o->len) == 0;
}

static bool append(struct unique_store *st, struct chunk *c, uint64_t i, unsigned char *scratch)
{
	make_key(i, scratch);
	return chunk_append(st, c, (uint32_t)(i * 2654435761u), i, (uint32_t)(i % 7), scratch,
			    key_len(i));
}

/* The chunk holds exactly the occurrences i < n with keep(i), in order. */
static void expect_holds(const struct chunk *c, uint64_t n, bool (*keep)(uint64_t),
			 unsigned char *scratch)
{
	struct chunk_cursor at;
	const struct occurrence *o = chunk_first(c, &at);
	size_t count = 0, bytes = 0;
	bool whole = true, in_order = true;
	for (uint64_t i = 0; i < n; i++) {
		if (!keep(i))
			continue;
		if (!o || occurrence_where(o) != i) {
			in_order = false;
			break;
		}
		whole &= is_whole(o, scratch);
		count++;
		bytes += occurrence_size(o->len);
		o = chunk_next(&at, o);
	}
	EXPECT(in_order);
	EXPECT(whole);
	EXPECT(o == NULL);
	EXPECT(c->count == count);
	EXPECT(c->len == bytes);
}

static bool keep_all(uint64_t i)
{
	(void)i;
	return true;
}

static bool keep_not_third(uint64_t i)
{
	return i % 3 != 0;
}

static bool keep_none(uint64_t i)
{
	(void)i;
	return false;
}

struct filter_run {
	bool (*keep)(uint64_t);
	unsigned char *scratch;
	bool whole;
};

/* Also checks that each occurrence arrived whole at its new place. */
static bool filter_keep(void *ctx, const struct occurrence *o)
{
	struct filter_run *run = ctx;
	run->whole &= is_whole(o, run->scratch);
	return run->keep(occurrence_where(o));
}

static bool keep_not_third_or_late(uint64_t i)
{
	return i >= COUNT || keep_not_third(i);
}

int main(void)
{
	unsigned char *scratch = malloc(HUGE_KEY + 64);
	struct unique_store st = {0};
	struct chunk c = {0};

	bool ok = true;
	for (uint64_t i = 0; i < COUNT; i++)
		ok &= append(&st, &c, i, scratch);
	EXPECT(ok);
	EXPECT(st.nblocks > 0);   /* past the first megabyte: huge-page blocks */
	expect_holds(&c, COUNT, keep_all, scratch);

	struct filter_run run = {keep_not_third, scratch, true};
	chunk_filter(&st, &c, filter_keep, &run);
	EXPECT(run.whole);
	expect_holds(&c, COUNT, keep_not_third, scratch);
	EXPECT(st.spare != NULL);   /* a third of the segments emptied */

	/* Appending after a filter continues the shortened chunk. */
	for (uint64_t i = COUNT; i < COUNT + 2000; i++)
		ok &= append(&st, &c, i, scratch);
	EXPECT(ok);
	expect_holds(&c, COUNT + 2000, keep_not_third_or_late, scratch);

	run = (struct filter_run){keep_none, scratch, true};
	chunk_filter(&st, &c, filter_keep, &run);
	EXPECT(run.whole);
	expect_holds(&c, COUNT + 2000, keep_none, scratch);
	for (uint64_t i = 0; i < 100; i++)
		ok &= append(&st, &c, i, scratch);
	EXPECT(ok);
	expect_holds(&c, 100, keep_all, scratch);

	/* Another store's chunk and blocks change hands. */
	struct unique_store other = {0};
	struct chunk theirs = {0};
	for (uint64_t i = 0; i < COUNT; i++)
		ok &= append(&other, &theirs, i, scratch);
	EXPECT(ok);
	size_t blocks = st.nblocks + other.nblocks;
	EXPECT(unique_store_adopt(&st, &other));
	EXPECT(st.nblocks == blocks && other.nblocks == 0);
	expect_holds(&theirs, COUNT, keep_all, scratch);

	chunk_release(&theirs);
	chunk_release(&c);
	unique_store_release(&other);
	unique_store_release(&st);
	free(scratch);
	return tap_failures != 0;
}
