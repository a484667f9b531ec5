/* The result as the versioned JSON contract (format 2): scores rounded to
 * two decimals, NaN as null, keys in a fixed order. Written straight into
 * one buffer: the layout is the one jansson's json_dumps gave (indent 2,
 * 15 significant digits), which the golden tests pin. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/round.h"
#include "json_writer.h"
#include "map_paths.h"
#include "report.h"
#include "../util/paths.h"
#include "../result.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"
#include "../util/values.h"

static void string_member(struct json_writer *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

static void integer_member(struct json_writer *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	jw_integer(w, (long long)v);
}

/* jansson could not hold a non-finite real and left the member out; the
 * format keeps that (a rule file may say `weight: inf`). */
static void real_member(struct json_writer *w, const char *key, double v)
{
	if (!isfinite(v))
		return;
	jw_key(w, key);
	jw_real(w, v);
}

static void score_member(struct json_writer *w, const char *key, double v)
{
	if (isnan(v)) {
		jw_key(w, key);
		jw_null(w);
		return;
	}
	real_member(w, key, round_to(v, 2));
}

static void time_member(struct json_writer *w, const char *key, int64_t t)
{
	char buf[21];
	time_format_iso(t, buf);
	string_member(w, key, buf);
}

static void string_array_member(struct json_writer *w, const char *key,
				const char *const *items, size_t n)
{
	jw_key(w, key);
	jw_begin_array(w);
	for (size_t i = 0; i < n; i++)
		jw_string(w, items[i]);
	jw_end_array(w);
}

static void criteria_member(struct json_writer *w, const struct dqa_result *r,
			    const double *criteria)
{
	jw_key(w, "criteria");
	jw_begin_object(w);
	for (int k = 0; k < DQA_CRITERIA; k++)
		score_member(w, dqa_criterion_name(k), r->criterion_used[k] ? criteria[k] : NAN);
	jw_end_object(w);
}

/* Column name -> value. As a JSON object these keep what jansson's object
 * kept: a name that is not UTF-8 is left out, and a repeated name stays at
 * its first place with its last value. */
static void sample_values(struct json_writer *w, const struct res_sample *s)
{
	jw_key(w, "values");
	jw_begin_object(w);
	for (size_t i = 0; i < s->nvalues; i++) {
		const char *name = s->names[i];
		size_t len = strlen(name), last = i;
		bool seen = utf8_valid_prefix(name, len) != len;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(s->names[j], name) == 0;
		if (seen)
			continue;
		for (size_t j = i + 1; j < s->nvalues; j++)
			if (strcmp(s->names[j], name) == 0)
				last = j;
		jw_key(w, name);
		jw_stringn(w, s->values[last], s->lens[last]);
	}
	jw_end_object(w);
}

/* Key column -> value, as the result's "key" names them. */
static void sample_keys(struct json_writer *w, const struct dqa_result *r,
			const struct res_sample *s)
{
	jw_key(w, "key");
	jw_begin_object(w);
	for (size_t i = 0; i < s->nkeys && i < r->nkey_columns; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(r->key_columns[j], r->key_columns[i]) == 0;
		if (seen)
			continue;
		jw_key(w, r->key_columns[i]);
		jw_stringn(w, s->keys[i], s->key_lens[i]);
	}
	jw_end_object(w);
}

static void sample_object(struct json_writer *w, const struct dqa_result *r,
			  const struct res_sample *s)
{
	jw_begin_object(w);
	integer_member(w, "line", s->line);
	if (s->cell)
		string_member(w, "cell", s->cell);
	if (s->input)
		string_member(w, "file", path_shown(s->input, r->show_paths));
	sample_values(w, s);
	if (s->nkeys)
		sample_keys(w, r, s);
	if (s->note)
		string_member(w, "note", s->note);
	jw_end_object(w);
}

static void check_object(struct json_writer *w, const struct dqa_result *r,
			 const struct res_check *c)
{
	jw_begin_object(w);
	string_member(w, "id", c->id);
	string_member(w, "criterion", dqa_criterion_name(c->criterion));
	string_member(w, "kind", c->kind);
	string_array_member(w, "columns", c->columns, c->ncolumns);
	real_member(w, "weight", c->weight);
	real_member(w, "min_ratio", c->min_ratio);
	integer_member(w, "evaluated", c->evaluated);
	integer_member(w, "failed", c->failed);
	string_member(w, "counts", c->counts ? c->counts : "rows");
	score_member(w, "score", c->score);
	string_member(w, "status", isnan(c->score) ? "n/a" : c->passed ? "pass" : "fail");
	score_member(w, "cost", c->cost);
	if (c->note)
		string_member(w, "note", c->note);
	if (c->message)
		string_member(w, "message", c->message);
	if (c->label_en) {
		jw_key(w, "label");
		jw_begin_object(w);
		string_member(w, "en", c->label_en);
		string_member(w, "vi", c->label_vi);
		jw_end_object(w);
	}
	if (c->nparams) {
		jw_key(w, "params");
		jw_begin_object(w);
		for (size_t i = 0; i < c->nparams; i++)
			string_member(w, c->params[i].name, c->params[i].value);
		jw_end_object(w);
	}
	jw_key(w, "samples");
	jw_begin_array(w);
	for (size_t i = 0; i < c->nsamples; i++)
		sample_object(w, r, &c->samples[i]);
	jw_end_array(w);
	jw_end_object(w);
}

static void checks_member(struct json_writer *w, const struct dqa_result *r, const char *key,
			  const struct res_check *checks,
			  size_t n)
{
	jw_key(w, key);
	jw_begin_array(w);
	for (size_t i = 0; i < n; i++)
		check_object(w, r, &checks[i]);
	jw_end_array(w);
}

static void unit_object(struct json_writer *w, const struct dqa_result *r,
			const struct res_unit *u)
{
	jw_begin_object(w);
	string_member(w, "unit", u->name);
	if (u->unit_name)
		string_member(w, "unit_name", u->unit_name);
	integer_member(w, "rows", u->rows);
	score_member(w, "score", u->score);
	string_member(w, "status", dqa_status_name(u->status));
	criteria_member(w, r, u->criteria);
	checks_member(w, r, "checks", u->checks, u->nchecks);
	jw_end_object(w);
}

/* "ID SCORE" for each check that pulled the unit down, or "no rows". */
static void reasons_member(struct json_writer *w, const struct res_unit *u)
{
	jw_key(w, "reasons");
	jw_begin_array(w);
	if (u->missing)
		jw_string(w, "no rows");
	for (size_t i = 0; i < u->nreasons && !u->missing; i++) {
		const struct res_check *c = &u->checks[u->reasons[i]];
		char line[600];
		/* round() like every score in the file, not printf's half-even */
		snprintf(line, sizeof line, "%s %.1f", c->id, round_to(c->score, 1));
		jw_string(w, line);
	}
	jw_end_array(w);
}

static void warning_object(struct json_writer *w, const struct res_unit *u)
{
	jw_begin_object(w);
	string_member(w, "unit", u->name);
	if (u->unit_name)
		string_member(w, "unit_name", u->unit_name);
	score_member(w, "score", u->score);
	string_member(w, "status", dqa_status_name(u->status));
	reasons_member(w, u);
	jw_end_object(w);
}

/* The simplified map as the reports draw it, so that a saved result
 * draws it without the map file: the drawing's size, then each feature's
 * code and SVG path, in the file's order. */
static void map_shapes(struct json_writer *w, const struct geo_map *m)
{
	const struct map_frame frame = map_frame(m);
	integer_member(w, "width", (uint64_t)frame.width);
	integer_member(w, "height", (uint64_t)frame.height);
	jw_key(w, "shapes");
	jw_begin_array(w);
	struct strbuf d = STRBUF_INIT;
	for (size_t i = 0; i < m->n; i++) {
		strbuf_reset(&d);
		map_put_path(&d, &m->features[i], &frame);
		jw_begin_object(w);
		string_member(w, "code", m->features[i].code);
		jw_key(w, "d");
		jw_stringn(w, d.buf ? d.buf : "", d.len);
		jw_end_object(w);
		w->out->failed |= d.failed;
	}
	strbuf_release(&d);
	jw_end_array(w);
}

static void result_object(struct json_writer *w, const struct dqa_result *r)
{
	jw_begin_object(w);
	integer_member(w, "format", DQA_RESULT_FORMAT);
	string_member(w, "dqa_version", DQA_VERSION);
	string_member(w, "rules", path_shown(r->rules_path, r->show_paths));
	string_member(w, "dataset", r->dataset);
	jw_key(w, "inputs");
	jw_begin_array(w);
	for (size_t i = 0; i < r->ninputs; i++)
		jw_string(w, path_shown(r->inputs[i], r->show_paths));
	jw_end_array(w);
	string_array_member(w, "key", r->key_columns, r->nkey_columns);
	string_array_member(w, "pii", r->pii_columns, r->npii_columns);
	if (r->map_file) {
		jw_key(w, "map");
		jw_begin_object(w);
		string_member(w, "file", path_shown(r->map_file, r->show_paths));
		if (r->map_code)
			string_member(w, "code", r->map_code);
		real_member(w, "tolerance", r->map_tolerance);
		map_shapes(w, &r->map);
		jw_end_object(w);
	}
	time_member(w, "generated_at", r->generated_at);
	time_member(w, "now", r->now);
	integer_member(w, "rows", r->rows);
	score_member(w, "score", r->score);
	string_member(w, "status", dqa_status_name(r->status));
	jw_key(w, "thresholds");
	jw_begin_object(w);
	real_member(w, "warn_below", r->warn_below);
	real_member(w, "fail_below", r->fail_below);
	jw_end_object(w);
	jw_key(w, "weights");
	jw_begin_object(w);
	for (int k = 0; k < DQA_CRITERIA; k++)
		real_member(w, dqa_criterion_name(k), r->weights[k]);
	jw_end_object(w);
	criteria_member(w, r, r->criteria);
	checks_member(w, r, "dataset_checks", r->dataset_checks, r->ndataset_checks);
	jw_key(w, "units");
	jw_begin_array(w);
	for (size_t i = 0; i < r->nunits; i++)
		unit_object(w, r, &r->units[i]);
	jw_end_array(w);
	jw_key(w, "warnings");
	jw_begin_array(w);
	for (size_t i = 0; i < r->nwarnings; i++)
		warning_object(w, &r->units[r->warnings[i]]);
	jw_end_array(w);
	jw_end_object(w);
}

char *result_json(const dqa_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	jw_init(&w, &sb);
	result_object(&w, res);
	/* A text file ends with a newline, result.json included. */
	strbuf_putc(&sb, '\n');
	return strbuf_detach(&sb);
}

int dqa_result_json(char **out, const dqa_result *res, dqa_error *err)
{
	*out = result_json(res);
	return *out ? 0 : error_nomem(err);
}
