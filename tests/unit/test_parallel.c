/* parallel_for runs every item exactly once, for more and fewer items
 * than threads, and none for n = 0. */
#include <stdatomic.h>
#include <stdlib.h>

#include "util/parallel.h"
#include "tap.h"

enum { MAX_ITEMS = 1000 };

static atomic_int runs[MAX_ITEMS];
static atomic_int bad_workers;

/* ctx: the worker count the loop may use */
static void count_run(void *ctx, size_t i, unsigned worker)
{
	atomic_fetch_add(&runs[i], 1);
	if (worker >= *(const unsigned *)ctx)
		atomic_fetch_add(&bad_workers, 1);
}

int main(void)
{
	const unsigned threads[] = {0, 1, 2, 3, 8};
	const size_t items[] = {0, 1, 2, 7, MAX_ITEMS};
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
		for (size_t k = 0; k < sizeof items / sizeof *items; k++) {
			for (size_t i = 0; i < MAX_ITEMS; i++)
				atomic_store(&runs[i], 0);
			unsigned workers = parallel_threads(threads[t]);
			parallel_for(workers, items[k], count_run, &workers);
			int wrong = 0;
			for (size_t i = 0; i < MAX_ITEMS; i++)
				wrong += atomic_load(&runs[i]) != (i < items[k] ? 1 : 0);
			EXPECT(wrong == 0);
		}
	}
	EXPECT(atomic_load(&bad_workers) == 0);
	EXPECT(parallel_threads(0) >= 1);
	EXPECT(parallel_threads(3) == 3);
	EXPECT(parallel_threads(100000) == PARALLEL_MAX_THREADS);
	return TAP_DONE();
}
