/* Running a suite and its JSON document: the city-wide summary, taken
 * dataset by dataset from each report document (the contract reports are
 * rendered from) while the dataset's result is at hand, then assembled. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../result.h"
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

/* The dataset's checks as the labels need them (every unit lists the same
 * checks: the first unit's are taken), without their counts. */
static json_t *check_definitions(const json_t *res)
{
	static const char *const kept[] = {"id", "kind", "columns", "label", "params"};
	json_t *defs = json_array();
	const json_t *check;
	size_t i;
	json_array_foreach(json_object_get(json_array_get(json_object_get(res, "units"), 0), "checks"),
			   i, check) {
		json_t *def = json_object();
		for (size_t k = 0; def && k < sizeof kept / sizeof *kept; k++) {
			json_t *v = json_object_get(check, kept[k]);
			if (v && json_object_set(def, kept[k], v) < 0)
				json_decref(def), def = NULL;
		}
		if (!defs || !def || json_array_append_new(defs, def) < 0) {
			json_decref(defs);
			return NULL;
		}
	}
	return defs;
}

/* What the city pages need of a dataset besides its lines: where its
 * result file is (null without a report folder), its thresholds, its
 * warnings, the checks their reasons name and, for the first mapped
 * dataset, its map (the city map's). */
static json_t *dataset_entry(const struct dqa_suite *s, const char *name, const json_t *res,
			     bool keep_map)
{
	json_t *path = json_null();
	if (s->sink && s->sink->dir) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s/result.json", name);
		path = json_string(buf);
	}
	return json_pack("{s:s, s:o, s:O, s:O, s:o*, s:O*}", "dataset", name, "result", path,
			 "thresholds", json_object_get(res, "thresholds"),
			 "warnings", json_object_get(res, "warnings"),
			 "checks", check_definitions(res),
			 "map", keep_map ? json_object_get(res, "map") : NULL);
}

int suite_begin(struct dqa_suite *s, dqa_error *err)
{
	json_decref(s->json);
	s->json = NULL;
	s->lines = json_array();
	s->rows = json_array();
	s->entries = json_array();
	s->unit_files = json_array();
	s->score_sum = 0;
	s->scored = 0;
	s->status = DQA_NO_SCORE;
	s->mapped = false;
	RETURN_NOMEM_UNLESS(s->lines && s->rows && s->entries && s->unit_files, err);
	return 0;
}

int suite_add_summary(struct dqa_suite *s, size_t i, const json_t *res, char **unit_files,
		      dqa_error *err)
{
	const struct suite_dataset *d = &s->datasets[i];
	json_t *files = json_object();
	RETURN_IF_NOMEM(files, err);
	const json_t *units = json_object_get(res, "units");
	size_t k;
	const json_t *unit;
	int rc = 0;
	json_array_foreach(units, k, unit) {
		rc |= json_array_append_new(s->rows, summary_row(d->name, unit));
		rc |= json_object_set_new(files, doc_str(unit, "unit"), json_string(unit_files[k]));
	}
	rc |= json_array_append_new(s->unit_files, files);
	rc |= json_array_append_new(s->lines, dataset_line(d->name, res));
	bool first_map = !s->mapped && json_is_object(json_object_get(res, "map"));
	rc |= json_array_append_new(s->entries, dataset_entry(s, d->name, res, first_map));
	RETURN_NOMEM_UNLESS(rc == 0, err);
	s->mapped |= first_map;
	double score = dqa_result_score(d->result);
	if (!isnan(score))
		s->score_sum += score, s->scored++;
	dqa_status st = dqa_result_status(d->result);
	if (severity(st) > severity(s->status))
		s->status = st;
	return 0;
}

int suite_build_doc(struct dqa_suite *s, int64_t now, int64_t generated_at, bool show_paths,
		    dqa_error *err)
{
	s->score = s->scored ? s->score_sum / (double)s->scored : NAN;
	s->json = json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:{s:O, s:O}, s:O}",
			    "format", SUITE_FORMAT, "dqa_version", DQA_VERSION,
			    "suite", s->name, "file", path_shown(s->path, show_paths),
			    "generated_at", time_value(generated_at), "now", time_value(now),
			    "score", score_value(s->score),
			    "status", dqa_status_name(s->status),
			    "summary", "datasets", s->lines, "units", s->rows, "datasets", s->entries);
	RETURN_IF_NOMEM(s->json, err);
	return 0;
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

double dqa_suite_score(const dqa_suite *s)
{
	return s->score;
}

dqa_status dqa_suite_status(const dqa_suite *s)
{
	return s->status;
}
