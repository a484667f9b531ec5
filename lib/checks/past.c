/* Looking up each unit's earlier runs for the checks that judge a run
 * against the past. */
#include "past.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int past_load(const char *param, const struct plan *plan, struct dqa_history **out,
	      const char **why, dqa_error *err)
{
	*out = NULL;
	const char *path = param ? param : plan->opts.history;
	struct stat st;
	if (!path) {
		*why = "no history: give --history FILE or the check's history parameter";
		return 0;
	}
	if (strcmp(path, "-") != 0 && stat(path, &st) < 0 && errno == ENOENT) {
		*why = "no earlier runs: the history file does not exist yet";
		return 0;
	}
	/* Only this dataset's overall rows: a year of a city's other datasets
	 * stays on disk. */
	dqa_history_query q = DQA_HISTORY_QUERY_INIT;
	q.dataset = plan->rules->name;
	q.totals_only = true;
	return dqa_history_load_query(out, path, &q, err);
}

static void keep_recent(const struct hist_entry **slots, size_t *count, size_t k,
			const struct hist_entry *e)
{
	size_t pos = *count < k ? (*count)++ : k;
	while (pos > 0 && slots[pos - 1]->run_at < e->run_at) {
		if (pos < k)
			slots[pos] = slots[pos - 1];
		pos--;
	}
	if (pos < k)
		slots[pos] = e;
}

void past_recent(const struct dqa_history *h, const struct plan *plan, size_t k,
		 const struct hist_entry **recent, size_t *counts)
{
	memset(counts, 0, plan->nunits * sizeof *counts);
	const char *dataset = history_lookup(h, plan->rules->name);
	for (size_t i = 0; dataset && i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		uint64_t unit;
		/* A run the unit missed says nothing about its data. */
		if (e->dataset != dataset || !hist_is_unit_total(e) || e->run_at >= plan->opts.now ||
		    e->status == DQA_MISSING ||
		    !strset_get(&plan->registry->index, e->unit, strlen(e->unit), &unit))
			continue;
		keep_recent(recent + unit * k, &counts[unit], k, e);
	}
}

bool past_marker_is(const struct hist_entry *e, const char *id, const char *marker)
{
	size_t id_len = strlen(id), len = strlen(marker);
	for (const char *p = e->marker; *p; p += strcspn(p, " "), p += *p == ' ') {
		if (strncmp(p, id, id_len) == 0 && p[id_len] == '=')
			return strncmp(p + id_len + 1, marker, len) == 0 &&
			       (p[id_len + 1 + len] == ' ' || p[id_len + 1 + len] == '\0');
	}
	return false;
}

void past_not_applicable(struct plan *plan, size_t check, const char *why)
{
	for (size_t u = 0; u < plan->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		struct tally *t = plan_tally(plan, u, check);
		t->evaluated = 0;
		t->failed = 0;
		t->note = why;
	}
}
