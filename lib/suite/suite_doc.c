/* Running a suite and its JSON document: each dataset audited in turn (each
 * audit uses every thread), then the city-wide summary built from the
 * datasets' result documents, the same contract reports are rendered from. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/paths.h"
#include "../util/round.h"
#include "suite.h"
#include "../util/error.h"
#include "../report/report.h"

static json_t *time_value(int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

static json_t *score_value(double v)
{
	return isnan(v) ? json_null() : json_real(round_to(v, 2));
}

/* Worst first: fail, warn, pass; a dataset without a score adds nothing. */
static int severity(dqa_status s)
{
	return s == DQA_FAIL ? 3 : s == DQA_WARN ? 2 : s == DQA_PASS ? 1 : 0;
}

/* One summary row: a dataset and a unit (with its name when the expected
 * units give one), with the unit's scores. */
static json_t *summary_row(const char *dataset, const json_t *unit)
{
	json_t *row = json_pack("{s:s, s:O, s:O, s:O, s:O, s:O}", "dataset", dataset,
				"unit", json_object_get(unit, "unit"),
				"rows", json_object_get(unit, "rows"),
				"score", json_object_get(unit, "score"),
				"status", json_object_get(unit, "status"),
				"criteria", json_object_get(unit, "criteria"));
	json_t *name = json_object_get(unit, "unit_name");
	if (row && name && json_object_set(row, "unit_name", name) < 0) {
		json_decref(row);
		return NULL;
	}
	return row;
}

/* The per-dataset line of the summary. */
static json_t *dataset_line(const char *name, const json_t *res)
{
	return json_pack("{s:s, s:O, s:O, s:O, s:O, s:I}", "dataset", name,
			 "rows", json_object_get(res, "rows"), "score", json_object_get(res, "score"),
			 "status", json_object_get(res, "status"),
			 "criteria", json_object_get(res, "criteria"),
			 "units", (json_int_t)json_array_size(json_object_get(res, "units")));
}

static int add_dataset(struct dqa_suite *s, const struct suite_dataset *d, json_t *lines,
		       json_t *rows, json_t *results, double *sum, size_t *scored)
{
	char *text = result_json(d->result);
	/* sample values keep their NUL bytes: \u0000 */
	json_t *res = text ? json_loads(text, JSON_ALLOW_NUL, NULL) : NULL;
	free(text);
	if (!res)
		return -1;
	json_t *units = json_object_get(res, "units");
	size_t i;
	json_t *unit;
	json_array_foreach(units, i, unit)
		json_array_append_new(rows, summary_row(d->name, unit));
	json_array_append_new(lines, dataset_line(d->name, res));
	json_array_append_new(results, json_pack("{s:s, s:o}", "dataset", d->name, "result", res));
	double score = dqa_result_score(d->result);
	if (!isnan(score))
		*sum += score, (*scored)++;
	dqa_status st = dqa_result_status(d->result);
	if (severity(st) > severity(s->status))
		s->status = st;
	return 0;
}

int suite_build_doc(struct dqa_suite *s, int64_t now, int64_t generated_at, bool show_paths,
		    dqa_error *err)
{
	json_t *lines = json_array(), *rows = json_array(), *results = json_array();
	double sum = 0;
	size_t scored = 0;
	s->status = DQA_NO_SCORE;
	int rc = lines && rows && results ? 0 : -1;
	for (size_t i = 0; i < s->ndatasets && rc == 0; i++)
		rc = add_dataset(s, &s->datasets[i], lines, rows, results, &sum, &scored);
	s->score = scored ? sum / (double)scored : NAN;
	if (rc == 0)
		s->json = json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:{s:o, s:o}, s:o}",
				    "format", DQA_RESULT_FORMAT, "dqa_version", DQA_VERSION,
				    "suite", s->name, "file", path_shown(s->path, show_paths),
				    "generated_at", time_value(generated_at), "now", time_value(now),
				    "score", score_value(s->score),
				    "status", dqa_status_name(s->status),
				    "summary", "datasets", lines, "units", rows, "datasets", results);
	else {
		json_decref(lines);
		json_decref(rows);
		json_decref(results);
	}
	RETURN_IF_NOMEM(s->json, err);
	return 0;
}

int dqa_suite_run(dqa_suite *s, const dqa_audit_options *opts, dqa_error *err)
{
	if (s->shards != 1)
		return error_at(err, DQA_EARG, s->path, DQA_NOPOS, NULL,
				"suite loaded for a shard: audit it with dqa_suite_shard");
	FORWARD_IF_ERROR(suite_audit_all(s, opts, err));
	json_decref(s->json);
	s->json = NULL;
	return suite_build_doc(s, opts->now, opts->generated_at, opts->show_paths, err);
}

/* The suite document, or NULL when out of memory. */
static char *suite_json(const dqa_suite *s)
{
	char *text = json_dumps(s->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				       JSON_REAL_PRECISION(15));
	if (!text)
		return NULL;
	size_t len = strlen(text);
	char *out = realloc(text, len + 2);
	if (!out) {
		free(text);
		return NULL;
	}
	memcpy(out + len, "\n", 2);
	return out;
}

int dqa_suite_json(char **out, const dqa_suite *s, dqa_error *err)
{
	*out = suite_json(s);
	return *out ? 0 : error_nomem(err);
}

int dqa_suite_history_append(const dqa_suite *s, const char *path, dqa_error *err)
{
	for (size_t i = 0; i < s->ndatasets; i++)
		FORWARD_IF_ERROR(dqa_history_append(path, s->datasets[i].result, err));
	return 0;
}

double dqa_suite_score(const dqa_suite *s)
{
	return s->score;
}

dqa_status dqa_suite_status(const dqa_suite *s)
{
	return s->status;
}
