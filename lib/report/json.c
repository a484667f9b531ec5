/* The result as the versioned JSON contract (format 1): scores rounded to
 * two decimals, NaN as null, keys in a fixed order. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../strbuf.h"
#include "../timeparse.h"
#include "../values.h"

/* A JSON string of any bytes: invalid UTF-8 becomes U+FFFD, so a damaged
 * value from the data still shows instead of vanishing. */
static json_t *text(const char *s)
{
	size_t len = strlen(s);
	size_t ok = utf8_valid_prefix(s, len);
	if (ok == len)
		return json_stringn(s, len);
	struct strbuf sb = STRBUF_INIT;
	while (len) {
		strbuf_add(&sb, s, ok);
		if (ok == len)
			break;
		strbuf_puts(&sb, "\xEF\xBF\xBD");
		s += ok + 1;
		len -= ok + 1;
		ok = utf8_valid_prefix(s, len);
	}
	json_t *v = json_stringn(sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return v;
}

static json_t *score_value(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 100) / 100);
}

static json_t *time_value(int64_t t)
{
	char buf[21];
	time_format_iso(t, buf);
	return json_string(buf);
}

static json_t *criteria_object(const struct dqa_result *r, const double *criteria)
{
	json_t *obj = json_object();
	for (int k = 0; k < DQA_CRITERIA; k++)
		json_object_set_new(obj, dqa_criterion_name(k),
				    r->criterion_used[k] ? score_value(criteria[k]) : json_null());
	return obj;
}

static json_t *sample_object(const struct res_sample *s)
{
	json_t *obj = json_object();
	json_object_set_new(obj, "line", json_integer((json_int_t)s->line));
	if (s->input)
		json_object_set_new(obj, "file", text(s->input));
	json_t *values = json_object();
	for (size_t i = 0; i < s->nvalues; i++)
		json_object_set_new(values, s->names[i], text(s->values[i]));
	json_object_set_new(obj, "values", values);
	if (s->note)
		json_object_set_new(obj, "note", text(s->note));
	return obj;
}

static json_t *check_object(const struct res_check *c)
{
	json_t *obj = json_object();
	json_object_set_new(obj, "id", text(c->id));
	json_object_set_new(obj, "criterion", json_string(dqa_criterion_name(c->criterion)));
	json_object_set_new(obj, "kind", json_string(c->kind));
	json_t *cols = json_array();
	for (size_t i = 0; i < c->ncolumns; i++)
		json_array_append_new(cols, text(c->columns[i]));
	json_object_set_new(obj, "columns", cols);
	json_object_set_new(obj, "weight", json_real(c->weight));
	json_object_set_new(obj, "min_ratio", json_real(c->min_ratio));
	json_object_set_new(obj, "evaluated", json_integer((json_int_t)c->evaluated));
	json_object_set_new(obj, "failed", json_integer((json_int_t)c->failed));
	json_object_set_new(obj, "score", score_value(c->score));
	json_object_set_new(obj, "status", json_string(isnan(c->score) ? "n/a"
							: c->passed ? "pass" : "fail"));
	json_object_set_new(obj, "cost", score_value(c->cost));
	if (c->note)
		json_object_set_new(obj, "note", text(c->note));
	if (c->message)
		json_object_set_new(obj, "message", text(c->message));
	json_t *samples = json_array();
	for (size_t i = 0; i < c->nsamples; i++)
		json_array_append_new(samples, sample_object(&c->samples[i]));
	json_object_set_new(obj, "samples", samples);
	return obj;
}

static json_t *unit_object(const struct dqa_result *r, const struct res_unit *u)
{
	json_t *obj = json_object();
	json_object_set_new(obj, "unit", text(u->name));
	json_object_set_new(obj, "rows", json_integer((json_int_t)u->rows));
	json_object_set_new(obj, "score", score_value(u->score));
	json_object_set_new(obj, "status", json_string(dqa_status_name(u->status)));
	json_object_set_new(obj, "criteria", criteria_object(r, u->criteria));
	json_t *checks = json_array();
	for (size_t i = 0; i < u->nchecks; i++)
		json_array_append_new(checks, check_object(&u->checks[i]));
	json_object_set_new(obj, "checks", checks);
	return obj;
}

/* "ID SCORE" for each check that pulled the unit down, or "no rows". */
static json_t *reasons_array(const struct res_unit *u)
{
	json_t *arr = json_array();
	if (u->missing) {
		json_array_append_new(arr, json_string("no rows"));
		return arr;
	}
	for (size_t i = 0; i < u->nreasons; i++) {
		const struct res_check *c = &u->checks[u->reasons[i]];
		char line[600];
		/* round() like every score in the file, not printf's half-even */
		snprintf(line, sizeof line, "%s %.1f", c->id, round(c->score * 10) / 10);
		json_array_append_new(arr, text(line));
	}
	return arr;
}

static json_t *result_object(const struct dqa_result *r)
{
	json_t *obj = json_object();
	json_object_set_new(obj, "format", json_integer(DQA_RESULT_FORMAT));
	json_object_set_new(obj, "dqa_version", json_string(DQA_VERSION));
	json_object_set_new(obj, "rules", text(r->rules_path));
	json_object_set_new(obj, "dataset", text(r->dataset));
	json_t *inputs = json_array();
	for (size_t i = 0; i < r->ninputs; i++)
		json_array_append_new(inputs, text(r->inputs[i]));
	json_object_set_new(obj, "inputs", inputs);
	json_object_set_new(obj, "generated_at", time_value(r->generated_at));
	json_object_set_new(obj, "now", time_value(r->now));
	json_object_set_new(obj, "rows", json_integer((json_int_t)r->rows));
	json_object_set_new(obj, "score", score_value(r->score));
	json_object_set_new(obj, "status", json_string(dqa_status_name(r->status)));
	json_t *thresholds = json_object();
	json_object_set_new(thresholds, "warn_below", json_real(r->warn_below));
	json_object_set_new(thresholds, "fail_below", json_real(r->fail_below));
	json_object_set_new(obj, "thresholds", thresholds);
	json_t *weights = json_object();
	for (int k = 0; k < DQA_CRITERIA; k++)
		json_object_set_new(weights, dqa_criterion_name(k), json_real(r->weights[k]));
	json_object_set_new(obj, "weights", weights);
	json_object_set_new(obj, "criteria", criteria_object(r, r->criteria));
	json_t *units = json_array();
	for (size_t i = 0; i < r->nunits; i++)
		json_array_append_new(units, unit_object(r, &r->units[i]));
	json_object_set_new(obj, "units", units);
	json_t *warnings = json_array();
	for (size_t i = 0; i < r->nwarnings; i++) {
		const struct res_unit *u = &r->units[r->warnings[i]];
		json_t *w = json_object();
		json_object_set_new(w, "unit", text(u->name));
		json_object_set_new(w, "score", score_value(u->score));
		json_object_set_new(w, "status", json_string(dqa_status_name(u->status)));
		json_object_set_new(w, "reasons", reasons_array(u));
		json_array_append_new(warnings, w);
	}
	json_object_set_new(obj, "warnings", warnings);
	return obj;
}

char *dqa_result_json(const dqa_result *res)
{
	json_t *obj = result_object(res);
	if (!obj)
		return NULL;
	char *text = json_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				     JSON_REAL_PRECISION(15));
	json_decref(obj);
	if (!text)
		return NULL;
	/* A text file ends with a newline, result.json included. */
	size_t len = strlen(text);
	char *line = realloc(text, len + 2);
	if (!line) {
		free(text);
		return NULL;
	}
	memcpy(line + len, "\n", 2);
	return line;
}
