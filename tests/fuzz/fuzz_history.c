/* libFuzzer target: the history reader and what reads a loaded history
 * (trend and the weekly warning list, in every format). A history is
 * appended to by cron jobs that may die mid-write, so any bytes must load
 * or fail with DQA_EINPUT, and whatever loads must render. */
#include <stdint.h>

#include "dqa.h"
#include "tempfile.h"

static const dqa_view_format formats[] = {DQA_VIEW_TEXT, DQA_VIEW_CSV, DQA_VIEW_JSON,
					  DQA_VIEW_MD, DQA_VIEW_HTML};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	const char *path = fuzz_tempfile(data, size, ".csv");
	dqa_history *h = NULL;
	dqa_error err = {0};
	int rc = dqa_history_load(&h, path, &err);
	if (rc < 0) {
		if (rc != DQA_EINPUT && rc != DQA_ENOMEM)
			abort();
		return 0;
	}
	dqa_history_notice(h);
	dqa_view_format format = formats[size % (sizeof formats / sizeof *formats)];
	dqa_trend_options trend = DQA_TREND_OPTIONS_INIT;
	dqa_trend_write(h, &trend, format, sink, &err);
	dqa_weekly_options weekly = DQA_WEEKLY_OPTIONS_INIT;
	dqa_weekly_write(h, &weekly, format, sink, &err);
	dqa_history_free(h);
	return 0;
}
