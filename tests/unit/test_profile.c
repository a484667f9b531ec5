/* A profile never depends on the thread count or on where the input is cut
 * into blocks: the shipped examples (exact statistics throughout) profiled
 * with 1 to 4 workers and blocks from 4 KiB, so that workers merge many
 * partial value tables, give byte-identical JSON; so does a file past the
 * exact bounds, whose top values come from a sample of occurrences. The
 * HyperLogLog registers skipped below their floor are those of the plain
 * maximum. Values of a column's shape template get its spacing findings,
 * which must be their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "profile/column.h"
#include "profile/counter.h"
#include "profile/hll.h"
#include "tap.h"

static char *profile_json(const char *path, unsigned threads, size_t block_size)
{
	dqa_profile_options opts = DQA_PROFILE_OPTIONS_INIT;
	opts.now = 1795305600;   /* 2026-11-22 */
	opts.threads = threads;
	opts.block_size = block_size;
	opts.by_unit = true;
	const char *inputs[] = {path};
	dqa_profile *p = NULL;
	dqa_error err = {0};
	if (dqa_profile_run(&p, inputs, 1, &opts, &err) < 0) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		return NULL;
	}
	size_t len;
	char *json = NULL;
	dqa_profile_render(&json, &len, p, "json", DQA_LANG_EN, &err);
	dqa_profile_free(p);
	return json;
}

static void same_for_any_split(const char *path)
{
	char *expected = profile_json(path, 1, 0);
	EXPECT(expected != NULL);
	static const size_t blocks[] = {4096, 65536, 0};
	for (unsigned threads = 1; expected && threads <= 4; threads++)
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
			char *got = profile_json(path, threads, blocks[b]);
			EXPECT(got && strcmp(got, expected) == 0);
			free(got);
		}
	free(expected);
}

/* Counts 3,000 occurrences (a value in a third of them among 2,000
 * singletons) into a table of 100 (a sample of one in 32), split among 1 to 3 parts in turn or in
 * runs, the counters raising with their own spare tables or one shared:
 * past the exact bound the sample, and so the top values and their
 * estimates, are the same for every split. */
static void sample_same_for_any_split(void)
{
	char expected[64] = "";
	struct counter_spare spare = {.set = STRSET_INIT};
	for (size_t parts = 1; parts <= 3; parts++)
		for (int runs = 0; runs < 4; runs++) {
			struct counter total;
			counter_init(&total, 100);
			total.shared = runs >= 2 ? &spare : NULL;
			for (size_t part = 0; part < parts; part++) {
				struct counter c;
				counter_init(&c, 100);
				c.shared = total.shared;
				for (size_t i = 0; i < 3000; i++) {
					if ((runs % 2 ? i * parts / 3000 : i % parts) != part)
						continue;
					char v[64];
					int n = i % 3 == 0 ? snprintf(v, sizeof v, "heavy")
							   : snprintf(v, sizeof v, "v%zu", i);
					uint64_t hash = value_hash(v, (size_t)n);
					EXPECT(counter_add(&c, v, (size_t)n, hash,
							   counter_position(0, i + 2)) == 0);
				}
				EXPECT(counter_merge(&total, &c) == 0);
				counter_release(&c);
			}
			struct counter_entry top[2];
			size_t n = counter_top(&total, top, 2);
			EXPECT(n == 1 && top[0].len == 5 && memcmp(top[0].value, "heavy", 5) == 0);
			EXPECT(!counter_exact(&total) && total.level == 5 && total.set.count <= 100);
			/* within 50% of 1,000 (two standard errors at 16 sampled) */
			EXPECT(n && top[0].count >= 500 && top[0].count <= 1500);
			char got[64];
			snprintf(got, sizeof got, "%zu %u %llu", total.set.count, total.level,
				 n ? (unsigned long long)top[0].count : 0ULL);
			if (!expected[0])
				strcpy(expected, got);
			EXPECT(strcmp(got, expected) == 0);
			counter_release(&total);
		}
	counter_spare_release(&spare);
}

/* A file past every exact bound (unique values, more shapes than kept, a
 * frequent value among many): byte-identical profiles for any split. */
static void past_exact_bound_same_for_any_split(void)
{
	char path[] = "/tmp/dqa-test-profile-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	EXPECT(f != NULL);
	if (!f)
		return;
	fputs("id,name,note,ward_code\n", f);
	unsigned long long x = 7;
	for (unsigned i = 0; i < 12000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		unsigned r = (unsigned)(x >> 33);
		fprintf(f, "%u,%s,%.*s%u,%05u\n", i + 1, r % 4 == 0 ? "Nguyễn Văn An" : "Trần Thị Bình",
			(int)(r % 7), "xx-yy-z", r % 100000, r % 126);
	}
	fclose(f);
	char *expected = profile_json(path, 1, 0);
	EXPECT(expected && strstr(expected, "\"top_exact\": false"));
	static const size_t blocks[] = {4096, 0};
	for (unsigned threads = 1; expected && threads <= 3; threads++)
		for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
			char *got = profile_json(path, threads, blocks[b]);
			EXPECT(got && strcmp(got, expected) == 0);
			free(got);
		}
	free(expected);
	remove(path);
}

/* The register a hash sets and the rank it offers, as hll.h defines them
 * (the top HLL_BITS bits of the hash pick it; the rank is one more than
 * the leading zeros of the rest), for the plain maximum below. */
static void hll_slot(uint64_t hash, uint32_t *index, uint8_t *rank)
{
	*index = (uint32_t)(hash >> (64 - HLL_BITS));
	uint8_t r = 1;
	for (uint64_t rest = hash << HLL_BITS; r <= 64 - HLL_BITS && !(rest >> 63); rest <<= 1)
		r++;
	*rank = r;
}

/* The registers skipped below their floor are those of the plain maximum
 * of every rank, through a million values (the floor reaches 3) and a
 * merge, and the floor is the lowest register. */
static void hll_floor_skips_nothing(void)
{
	static uint8_t expect[HLL_REGISTERS], merged[HLL_REGISTERS];
	struct hll h = {0}, other = {0};
	for (uint64_t i = 0; i < 1000000; i++) {
		uint64_t hash = hash_mix(i + 1);
		struct hll *to = i % 5 ? &h : &other;
		EXPECT(hll_add(to, hash) == 0);
		uint32_t index;
		uint8_t rank;
		hll_slot(hash, &index, &rank);
		uint8_t *reg = i % 5 ? &expect[index] : &merged[index];
		*reg = rank > *reg ? rank : *reg;
	}
	bool same = true;
	uint8_t low = UINT8_MAX;
	for (size_t i = 0; i < HLL_REGISTERS; i++) {
		same &= h.reg[i] == expect[i];
		low = expect[i] < low ? expect[i] : low;
	}
	EXPECT(same && h.floor == low && low >= 2);
	EXPECT(hll_merge(&h, &other) == 0);
	low = UINT8_MAX;
	for (size_t i = 0; i < HLL_REGISTERS; i++) {
		merged[i] = merged[i] > expect[i] ? merged[i] : expect[i];
		same &= h.reg[i] == merged[i];
		low = merged[i] < low ? merged[i] : low;
	}
	EXPECT(same && h.floor == low && low >= 3);
	hll_release(&h);
	hll_release(&other);
}

/* 20,000 values of a few layouts with spaces, tabs and a line end at
 * fixed places and random digits elsewhere (so that most match the
 * column's template, some become it): their spacing findings counted by
 * columns_add against the same findings read from each value here. */
static void template_spacing_is_each_values(void)
{
	static const char *const layouts[] = {
		"99 99  99", " 9999-99", "9999 99 ", "99\t99 9999", "99-99-9999", "9999-99-99 99:99:99",
		"99  99\n", "9 9 9 9 9",
	};
	struct column_stats c;
	column_init(&c, NULL);
	struct text_buf tb = {0};
	uint64_t want[NHYGIENE] = {0}, seed = 7;
	for (int n = 0; n < 20000; n++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		const char *layout = layouts[(seed >> 33) % (sizeof layouts / sizeof *layouts)];
		char v[32];
		size_t len = strlen(layout);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = layout[i] == '9' ? (char)('0' + (seed >> 40) % 10) : layout[i];
		}
		v[len] = '\0';
		bool lead = v[0] == ' ' || v[0] == '\t', trail = v[len - 1] == ' ' || v[len - 1] == '\t';
		bool pair = strstr(v, "  ") != NULL, line_end = strchr(" \t\r\n", v[len - 1]) != NULL;
		want[HYG_LEADING_SPACE] += lead;
		want[HYG_TRAILING_SPACE] += trail;
		want[HYG_DOUBLE_SPACE] += pair;
		want[HYG_UNTRIMMED] += lead || line_end || pair;
		want[HYG_CONTROL] += strpbrk(v, "\t\n") != NULL;
		const char *fields[] = {v};
		EXPECT(columns_add(&c, 1, fields, &len, 1, (uint64_t)n + 1, 2026, &tb) == 0);
	}
	EXPECT(column_fold(&c) == 0);
	for (unsigned h = HYG_UNTRIMMED; h <= HYG_CONTROL; h++)
		EXPECT(c.hygiene[h] == want[h]);
	EXPECT(want[HYG_DOUBLE_SPACE] > 4000 && want[HYG_CONTROL] > 4000);
	column_release(&c);
	text_buf_release(&tb);
}

int main(void)
{
	template_spacing_is_each_values();
	hll_floor_skips_nothing();
	same_for_any_split("../../testdata/citizens.csv");
	same_for_any_split("../../testdata/health-facilities.csv");
	same_for_any_split("../../testdata/businesses.csv");
	sample_same_for_any_split();
	past_exact_bound_same_for_any_split();
	return tap_failures != 0;
}
