/* libFuzzer target: a CSV history imported into the store, and what reads
 * the store (trend and the weekly warning list, in every format). A CSV
 * history was appended to by cron jobs that may have died mid-write, so any
 * bytes must import or fail with DQA_EINPUT, and whatever imports must
 * load and render. */
#include <stdint.h>

#include "dqa.h"
#include "tempfile.h"

static const dqa_view_format formats[] = {DQA_VIEW_TEXT, DQA_VIEW_CSV, DQA_VIEW_JSON,
					  DQA_VIEW_MD, DQA_VIEW_HTML};

/* A fresh store for every run: the store file and its WAL companions. */
static const char *fresh_store(const char *csv)
{
	static char path[80];
	snprintf(path, sizeof path, "%s.db", csv);
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		char file[96];
		snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
		unlink(file);
	}
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	const char *csv = fuzz_tempfile(data, size, ".csv");
	const char *store = fresh_store(csv);
	dqa_error err = {0};
	size_t runs;
	char *notice = NULL;
	int rc = dqa_history_import(store, &csv, 1, &runs, &notice, &err);
	free(notice);
	if (rc < 0) {
		if (rc != DQA_EINPUT && rc != DQA_ENOMEM)
			abort();
		return 0;
	}
	dqa_history *h = NULL;
	if (dqa_history_load(&h, store, &err) < 0)
		abort();   /* what imported must load */
	dqa_view_format format = formats[size % (sizeof formats / sizeof *formats)];
	dqa_trend_options trend = DQA_TREND_OPTIONS_INIT;
	dqa_trend_write(store, &trend, format, sink, &err);
	dqa_weekly_options weekly = DQA_WEEKLY_OPTIONS_INIT;
	dqa_weekly_write(store, &weekly, format, sink, &err);
	dqa_history_free(h);
	return 0;
}
