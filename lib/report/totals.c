/* Per-check totals over all units: the data behind the failure bars of
 * index.html and the check table of summary.md (checks that evaluated
 * something). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static double share(const struct check_total *t)
{
	return t->evaluated ? (double)t->failed / (double)t->evaluated : 0;
}

static int worst_first(const void *a, const void *b)
{
	const struct check_total *x = a, *y = b;
	double sx = share(x), sy = share(y);
	if (sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(x->id, y->id);
}

static size_t find(const struct check_total *totals, size_t n, const char *id)
{
	size_t k = 0;
	while (k < n && strcmp(totals[k].id, id) != 0)
		k++;
	return k;
}

size_t report_check_totals(const struct dqa_report *rep, struct check_total **out)
{
	size_t n = 0, cap = 0;
	struct check_total *totals = NULL;
	size_t i, j;
	json_t *u, *c;
	json_array_foreach(rep->units, i, u) {
		json_array_foreach(json_object_get(u, "checks"), j, c) {
			const char *id = doc_str(c, "id");
			/* checks come in the same order in every unit: try that slot first */
			size_t k = j < n && strcmp(totals[j].id, id) == 0 ? j : find(totals, n, id);
			if (k == n) {
				if (n == cap) {
					cap = cap ? 2 * cap : 32;
					struct check_total *grown = realloc(totals, cap * sizeof *grown);
					if (!grown) {
						free(totals);
						return (size_t)-1;
					}
					totals = grown;
				}
				totals[n++] = (struct check_total){id, doc_str(c, "kind"),
								   doc_str(c, "criterion"), c, 0, 0,
								   0};
			}
			totals[k].evaluated += doc_count(c, "evaluated");
			totals[k].failed += doc_count(c, "failed");
			totals[k].units_failing += strcmp(doc_str(c, "status"), "fail") == 0;
		}
	}
	/* A check that evaluated nothing anywhere (an implicit hygiene check on
	 * a clean extract) has no share to show. */
	size_t kept = 0;
	for (size_t k = 0; k < n; k++)
		if (totals[k].evaluated)
			totals[kept++] = totals[k];
	if (kept)
		qsort(totals, kept, sizeof *totals, worst_first);
	*out = totals;
	return kept;
}
