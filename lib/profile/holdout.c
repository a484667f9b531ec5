/* dqa suggest --holdout: which suggested checks fail on the held-out rows
 * (an audit of those rows alone), so rules that overfit show. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dqa.h"
#include "../result.h"
#include "../util/strbuf.h"

struct check_total {
	const struct res_check *check;
	uint64_t evaluated, failed;
};

static int add(struct check_total *totals, size_t *n, const struct res_check *c)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(totals[i].check->id, c->id) == 0) {
			totals[i].evaluated += c->evaluated;
			totals[i].failed += c->failed;
			return 0;
		}
	totals[(*n)++] = (struct check_total){c, c->evaluated, c->failed};
	return 0;
}

static char *holdout_text(const dqa_result *res, size_t *nfailing)
{
	size_t cap = res->ndataset_checks, n = 0;
	for (size_t u = 0; u < res->nunits; u++)
		cap += res->units[u].nchecks;
	struct check_total *totals = calloc(cap ? cap : 1, sizeof *totals);
	if (!totals)
		return NULL;
	for (size_t u = 0; u < res->nunits; u++)
		for (size_t i = 0; i < res->units[u].nchecks; i++)
			add(totals, &n, &res->units[u].checks[i]);
	for (size_t i = 0; i < res->ndataset_checks; i++)
		add(totals, &n, &res->dataset_checks[i]);
	struct strbuf out = STRBUF_INIT;
	*nfailing = 0;
	for (size_t i = 0; i < n; i++) {
		const struct check_total *t = &totals[i];
		if (!t->evaluated || strcmp(t->check->kind, "structure") == 0)
			continue;
		double share = (double)(t->evaluated - t->failed) / (double)t->evaluated;
		if (share >= t->check->min_ratio)
			continue;
		(*nfailing)++;
		strbuf_printf(&out, "# holdout: %s passes %.1f%% of %llu held-out values, below "
				    "min_ratio %.3f\n", t->check->id, 100 * floor(share * 1000) / 1000,
			      (unsigned long long)t->evaluated, t->check->min_ratio);
	}
	free(totals);
	if (*nfailing == 0)
		strbuf_puts(&out, "# holdout: every suggested check passes on the held-out rows\n");
	return strbuf_detach(&out);
}

int dqa_holdout_report(char **out, size_t *nfailing, const dqa_result *res)
{
	*out = holdout_text(res, nfailing);
	return *out ? 0 : DQA_ENOMEM;
}
