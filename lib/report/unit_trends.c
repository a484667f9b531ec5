/* Each unit's overall score over the last runs of a history, for the trend
 * lines of index.html: the runs of the report's dataset before its
 * reference time, then the report's own score as the newest point (so it
 * does not matter whether the history already holds this run). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../history/trend.h"
#include "../util/timeparse.h"
#include "report.h"

struct named_unit {
	const char *name;
	size_t unit;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named_unit *)a)->name, ((const struct named_unit *)b)->name);
}

/* The report's row for a series: a unit's index, the dataset's row after
 * the units, or (size_t)-1 for a unit the report does not have. */
static size_t row_of(const struct trend_series *s, const struct named_unit *sorted, size_t n)
{
	if (!s->unit)
		return n;
	struct named_unit key = {s->unit, 0};
	const struct named_unit *hit = bsearch(&key, sorted, n, sizeof *sorted, by_name);
	return hit ? hit->unit : (size_t)-1;
}

static int fill(struct report_trend *rt, const struct dqa_report *rep,
		const struct trend_dataset *d, int64_t now)
{
	size_t n = json_array_size(rep->units), earlier = 0;
	while (earlier < d->nruns && d->runs[earlier] < now)
		earlier++;
	size_t first = earlier > TREND_POINTS - 1 ? earlier - (TREND_POINTS - 1) : 0;
	rt->npoints = earlier - first + 1;
	if (earlier > first) {
		rt->first_run = d->runs[first];
		rt->last_run = d->runs[earlier - 1];
	}
	struct named_unit *sorted = malloc((n + 1) * sizeof *sorted);
	if (!sorted)
		return -1;
	for (size_t i = 0; i < n; i++)
		sorted[i] = (struct named_unit){doc_str(json_array_get(rep->units, i), "unit"), i};
	qsort(sorted, n, sizeof *sorted, by_name);
	for (size_t k = 0; k < d->nseries; k++) {
		size_t row = row_of(&d->series[k], sorted, n);
		if (row == (size_t)-1)
			continue;
		for (size_t j = first; j < earlier; j++)
			rt->points[row * TREND_POINTS + (j - first)] = d->series[k].scores[j];
	}
	free(sorted);
	return 0;
}

int dqa_report_add_history(dqa_report *rep, const dqa_history *h, dqa_error *err)
{
	size_t rows = json_array_size(rep->units) + 1;
	struct report_trend *rt = calloc(1, sizeof *rt);
	double *points = rt ? malloc(rows * TREND_POINTS * sizeof *points) : NULL;
	if (!points) {
		free(rt);
		return error_nomem(err);
	}
	rt->points = points;
	for (size_t i = 0; i < rows * TREND_POINTS; i++)
		points[i] = NAN;
	rt->npoints = 1;
	const char *now_text = doc_str(rep->doc, "now");
	int64_t now = INT64_MAX;
	time_parse_iso(now_text, strlen(now_text), &now);
	dqa_trend_options opts = DQA_TREND_OPTIONS_INIT;
	opts.dataset = doc_str(rep->doc, "dataset");
	struct trend t;
	dqa_error none = {0};
	/* No run of the dataset yet (DQA_EARG) is no error: the lines start
	 * with this run. */
	int rc = trend_build(&t, h, &opts, &none);
	if (rc == 0) {
		rc = t.ndatasets ? fill(rt, rep, &t.datasets[0], now) : 0;
		trend_release(&t);
	} else if (rc == DQA_EARG) {
		rc = 0;
	}
	if (rc < 0) {
		free(points);
		free(rt);
		return error_nomem(err);
	}
	size_t last = rt->npoints - 1;
	for (size_t i = 0; i + 1 < rows; i++)
		points[i * TREND_POINTS + last] = doc_num(json_array_get(rep->units, i), "score");
	points[(rows - 1) * TREND_POINTS + last] = doc_num(rep->doc, "score");
	report_trend_free(rep->trend);
	rep->trend = rt;
	return 0;
}

const double *report_trend_points(const struct dqa_report *rep, size_t row)
{
	return rep->trend->points + row * TREND_POINTS;
}

void report_trend_free(struct report_trend *rt)
{
	if (!rt)
		return;
	free(rt->points);
	free(rt);
}
