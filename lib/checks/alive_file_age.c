/* alive.file_age: each input file was modified at most max_age before --now.
 * Standard input has no modification time and is not evaluated. Dataset
 * level: evaluated = files, failed = files too old, judged once for the
 * dataset. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "../input/xlsx.h"
#include "when.h"

struct file_age_config {
	int64_t max_age_s;
};

static int file_age_configure(struct check *c, const struct ynode *value, struct rules_ctx *ctx)
{
	struct file_age_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	return when_duration(ctx, c, value, "max_age", true, &cfg->max_age_s);
}

static int file_age_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct file_age_config *cfg = b->def->config;
	uint64_t files = 0, old = 0;
	char note[512] = "";
	size_t len = 0;
	for (size_t i = 0; i < plan->ninputs; i++) {
		char file[4096];
		const char *path = xlsx_input_file(plan->inputs[i], file, sizeof file);
		if (!path)
			continue;
		struct stat st;
		if (stat(path, &st) < 0)
			return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL,
					"cannot read the modification time: %s", strerror(errno));
		files++;
		int64_t age = plan->opts.now - (int64_t)st.st_mtime;
		if (age <= cfg->max_age_s)
			continue;
		old++;
		char span[32];
		when_span(age, span, sizeof span);
		if (len < sizeof note)
			len += (size_t)snprintf(note + len, sizeof note - len, "%s%s is %s old",
						old > 1 ? "; " : "", path, span);
	}
	if (!files)
		snprintf(note, sizeof note, "standard input has no modification time");
	return check_tally_all(b, plan, files, old, note, err);
}

static const char *const file_age_params[] = {"max_age", NULL};

const struct check_ops check_file_age = {
	.kind = "file_age", .scope = SCOPE_DATASET, .dataset_level = true,
	.counts = "files", .shape = SHAPE_NONE,
	.params = file_age_params, .configure = file_age_configure,
	.dataset = file_age_dataset,
};
