/* A profile never depends on the thread count or on where the input is cut
 * into blocks: the shipped examples (exact statistics throughout) profiled
 * with 1 to 4 workers and blocks from 4 KiB, so that workers merge many
 * partial value tables, give byte-identical JSON. And the Misra-Gries
 * table keeps a value seen in more than a third of the rows however the
 * rows are split. */
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "profile/counter.h"
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

/* A value in more than a third of 3,000 rows, among 2,000 singletons, in a
 * table of 100: kept in every split, its count within the error bound. */
static void heavy_hitter_kept(void)
{
	for (size_t parts = 1; parts <= 3; parts++) {
		struct counter total;
		counter_init(&total, 100);
		for (size_t part = 0; part < parts; part++) {
			struct counter c;
			counter_init(&c, 100);
			for (size_t i = part; i < 3000; i += parts) {
				char v[16];
				int n = i % 3 == 0 ? snprintf(v, sizeof v, "heavy")
						   : snprintf(v, sizeof v, "v%zu", i);
				EXPECT(counter_add(&c, v, (size_t)n, 1) == 0);
			}
			EXPECT(counter_merge(&total, &c) == 0);
			counter_release(&c);
		}
		struct counter_entry top[1];
		EXPECT(counter_top(&total, top, 1) == 1);
		EXPECT(top[0].len == 5 && memcmp(top[0].value, "heavy", 5) == 0);
		EXPECT(top[0].count <= 1000 && top[0].count + total.error >= 1000);
		EXPECT(total.reduced);
		counter_release(&total);
	}
}

int main(void)
{
	same_for_any_split("../../testdata/citizens.csv");
	same_for_any_split("../../testdata/health-facilities.csv");
	same_for_any_split("../../testdata/businesses.csv");
	heavy_hitter_kept();
	return tap_failures != 0;
}
