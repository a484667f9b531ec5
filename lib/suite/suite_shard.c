/* One shard of a suite (dqa audit --suite FILE --shard I/N --state STATE):
 * datasets I, I+N, I+2N, ... in suite order, each audited whole into its
 * own 1/1 dataset state, all of them in one suite state for dqa merge. */
#include <stdlib.h>

#include "suite.h"
#include "../audit.h"
#include "../util/error.h"
#include "../state/state.h"
#include "../state/suite_state.h"

/* How many datasets shard `shard` of `shards` audits. */
static size_t shard_size(const struct dqa_suite *s)
{
	size_t first = s->shard - 1;
	return first < s->ndatasets ? (s->ndatasets - first + s->shards - 1) / s->shards : 0;
}

int dqa_suite_shard(dqa_suite *s, const dqa_audit_options *opts, const char *state_path,
		    size_t *ndatasets, uint64_t *rows, dqa_error *err)
{
	if (!s->shards)
		return error_at(err, DQA_EARG, s->path, DQA_NOPOS, NULL,
				"suite loaded without its data: load it with dqa_suite_load_shard");
	struct suite_state_meta m = {
		.suite_path = s->path, .index = s->shard, .count = s->shards,
		.ndatasets = s->ndatasets, .now = opts->now, .samples = opts->samples,
		.suite_hash = s->doc.hash,   /* as loaded: an edit since fails the merge */
	};
	struct strbuf out = STRBUF_INIT, one = STRBUF_INIT;
	size_t start = suite_state_begin(&out, &m, shard_size(s));
	uint64_t total = 0;
	int rc = 0;
	for (size_t i = s->shard - 1; rc == 0 && i < s->ndatasets; i += s->shards) {
		const struct suite_dataset *d = &s->datasets[i];
		uint64_t n = 0;
		strbuf_reset(&one);
		rc = audit_shard_encode(d->rules, (const char *const *)d->inputs, d->ninputs, opts,
					1, 1, NULL, &one, &n, err);
		suite_state_add(&out, i, d->name, &one);
		total += n;
	}
	suite_state_end(&out, start);
	if (rc == 0 && out.failed)
		rc = error_nomem(err);
	if (rc == 0)
		rc = state_save(state_path, out.buf, out.len, err);
	strbuf_release(&one);
	strbuf_release(&out);
	if (ndatasets)
		*ndatasets = shard_size(s);
	if (rows)
		*rows = total;
	return rc;
}
