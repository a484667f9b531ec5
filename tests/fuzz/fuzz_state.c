/* libFuzzer target: the shard state reader (dqa merge). The input is a
 * state's payload; the target wraps it in the fixed header with a correct
 * CRC-32, so mutations reach the payload parser instead of stopping at the
 * checksum. Any bytes must merge or fail with a clean error code. The
 * seeds are states of tests/fuzz/state/rules.yaml (every kind that keeps
 * state across rows) without their 24-byte header. */
#include <stdint.h>
#include <zlib.h>

#include "dqa.h"
#include "state/frame.h"
#include "state/state.h"
#include "tempfile.h"

enum { HEADER = STATE_HEADER, FORMAT = STATE_FORMAT };

static void put_le(uint8_t *at, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		at[i] = (uint8_t)(v >> (8 * i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t state[HEADER + 65536];
	if (size > sizeof state - HEADER)
		return 0;
	memcpy(state, "DQASTATE", 8);
	put_le(state + 8, FORMAT, 4);
	put_le(state + 12, crc32_z(0, data, size), 4);
	put_le(state + 16, size, 8);
	memcpy(state + HEADER, data, size);
	const char *path = fuzz_tempfile(state, HEADER + size, ".state");
	dqa_merge_options opts = DQA_MERGE_OPTIONS_INIT;
	opts.rules = "tests/fuzz/state/rules.yaml";
	dqa_result *res = NULL;
	dqa_error err = {0};
	int rc = dqa_merge_run(&res, &path, 1, &opts, &err);
	if (rc == 0) {
		char *json = NULL;
		dqa_result_json(&json, res, NULL);
		free(json);
		dqa_result_free(res);
	} else if (rc != DQA_EINPUT && rc != DQA_EARG && rc != DQA_ENOMEM && rc != DQA_ERULES) {
		abort();
	}
	return 0;
}
