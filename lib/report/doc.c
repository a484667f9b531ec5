/* The result document every report is rendered from: made from a scored
 * result or loaded from a saved result.json, checked for the shape the
 * renderers rely on, and read through the accessors of doc_fields.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../util/error.h"
#include "../util/round.h"
#include "labels.h"
#include "failed_rows.h"
#include "messages.h"
#include "report.h"

dqa_status doc_status_of(const struct dqa_report *rep, double score)
{
	const json_t *t = json_object_get(rep->doc, "thresholds");
	if (isnan(score))
		return DQA_NO_SCORE;
	double shown = round_to(score, 2);
	if (!(shown < doc_num(t, "warn_below")))
		return DQA_PASS;
	return shown < doc_num(t, "fail_below") ? DQA_FAIL : DQA_WARN;
}

dqa_status doc_criterion_status(const struct dqa_report *rep, const json_t *unit, double score)
{
	if (!isnan(score) && doc_status(unit, "status") == DQA_MISSING)
		return DQA_MISSING;
	return doc_status_of(rep, score);
}

const char *unit_label(const json_t *unit, dqa_lang lang)
{
	const char *name = doc_str(unit, "unit");
	return name[0] ? name : msg(lang, M_EMPTY_NAME);
}

size_t doc_unit_index(const json_t *units, const char *name)
{
	size_t lo = 0, hi = json_array_size(units);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(doc_str(json_array_get(units, mid), "unit"), name);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return json_array_size(units);
}

json_t *sample_columns(const json_t *sample)
{
	json_t *all = json_object();
	const char *name;
	json_t *v;
	json_object_foreach(json_object_get(sample, "key"), name, v)
		if (!all || json_object_set(all, name, v) < 0)
			return json_decref(all), NULL;
	json_object_foreach(json_object_get(sample, "values"), name, v)
		if (!json_object_get(all, name) && json_object_set(all, name, v) < 0)
			return json_decref(all), NULL;
	return all;
}

bool sample_is_key(const json_t *sample, const char *name)
{
	return json_object_get(json_object_get(sample, "key"), name) != NULL;
}

const json_t *doc_check_by_id(const json_t *checks, const char *id)
{
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c)
		if (strcmp(doc_str(c, "id"), id) == 0)
			return c;
	return NULL;
}

void put_unit_code_name(struct strbuf *sb, const char *code, const char *name, dqa_lang lang)
{
	strbuf_puts(sb, code[0] ? code : msg(lang, M_EMPTY_NAME));
	if (name && name[0])
		strbuf_printf(sb, " \u00b7 %s", name);
}

void put_unit_title(struct strbuf *sb, const json_t *unit, dqa_lang lang)
{
	put_unit_code_name(sb, doc_str(unit, "unit"), doc_str(unit, "unit_name"), lang);
}

const json_t *put_reason(struct strbuf *sb, const char *reason, const json_t *unit,
			 dqa_lang lang)
{
	if (strcmp(reason, "no rows") == 0) {
		strbuf_puts(sb, msg(lang, M_NO_ROWS_SHORT));
		return NULL;
	}
	const char *space = strrchr(reason, ' ');
	char *end;
	double score = space && space[1] ? strtod(space + 1, &end) : NAN;
	if (isnan(score) || *end) {
		strbuf_puts(sb, reason);
		return NULL;
	}
	char id[512];
	size_t id_len = (size_t)(space - reason);
	const json_t *check = NULL;
	if (unit && id_len < sizeof id) {
		memcpy(id, reason, id_len);
		id[id_len] = '\0';
		check = doc_check_by_id(json_object_get(unit, "checks"), id);
	}
	if (check) {
		check_label_doc(sb, lang, check);
		strbuf_putc(sb, ' ');
	} else {
		strbuf_add(sb, reason, (size_t)(space + 1 - reason));
	}
	put_score(sb, score, 1, lang);
	return check;
}

void put_reasons(struct strbuf *sb, const json_t *warning, const json_t *unit, dqa_lang lang,
		 void (*put)(struct strbuf *sb, const char *text))
{
	struct strbuf label = STRBUF_INIT;
	size_t i;
	const json_t *reason;
	json_array_foreach(json_object_get(warning, "reasons"), i, reason) {
		const char *s = json_string_value(reason);
		strbuf_reset(&label);
		put_reason(&label, s ? s : "", unit, lang);
		if (i)
			strbuf_puts(sb, list_separator(lang));
		put(sb, label.buf ? label.buf : "");
	}
	if (label.failed)
		sb->failed = true;
	strbuf_release(&label);
}

void put_failure_summary(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	if (doc_count(check, "evaluated") == 1 && doc_str(check, "note")[0]) {
		/* one verdict (a row count, a file's age): its note says it all */
		put_note(sb, doc_str(check, "note"), lang);
		return;
	}
	struct strbuf failed = STRBUF_INIT, evaluated = STRBUF_INIT;
	put_count(&failed, doc_count(check, "failed"), lang);
	put_count(&evaluated, doc_count(check, "evaluated"), lang);
	strbuf_printf(sb, msg(lang, M_FAILED_OF), failed.buf ? failed.buf : "",
		      evaluated.buf ? evaluated.buf : "",
		      msg_counts(lang, doc_str(check, "counts")[0] ? doc_str(check, "counts") : "rows",
				 doc_count(check, "evaluated")));
	sb->failed |= failed.failed || evaluated.failed;
	strbuf_release(&failed);
	strbuf_release(&evaluated);
	double ratio = doc_num(check, "min_ratio");
	if (ratio < 1) {
		struct strbuf share = STRBUF_INIT;
		put_score(&share, 100 * ratio, 1, lang);
		strbuf_puts(sb, " (");
		strbuf_printf(sb, msg(lang, M_NEEDS_SHARE), share.buf ? share.buf : "");
		strbuf_putc(sb, ')');
		sb->failed |= share.failed;
		strbuf_release(&share);
	}
	if (doc_str(check, "note")[0]) {
		strbuf_puts(sb, ": ");
		put_note(sb, doc_str(check, "note"), lang);
	}
}

/* Finds a string holding a NUL byte outside the members named "values" (a
 * sample's column values: data, which keeps them). Every other string names
 * something and is read as a C string, which a NUL would cut. On finding
 * one, path (cap bytes) says where it is: "units[0].unit". Nesting is
 * bounded by jansson's parser (2048 levels). */
static bool stray_nul(const json_t *v, bool data, char *path, size_t at, size_t cap)
{
	if (json_is_string(v))
		return !data && strlen(json_string_value(v)) != json_string_length(v);
	size_t i;
	const char *key;
	json_t *item;
	json_array_foreach(v, i, item) {
		snprintf(path + at, cap - at, "[%zu]", i);
		if (stray_nul(item, data, path, strlen(path), cap))
			return true;
	}
	json_object_foreach((json_t *)v, key, item) {
		snprintf(path + at, cap - at, at ? ".%s" : "%s", key);
		if (stray_nul(item, data || strcmp(key, "values") == 0, path, strlen(path), cap))
			return true;
	}
	return false;
}

/* What the renderers need: an object of the current format whose units are
 * objects naming their unit, and a list of dataset checks (when present).
 * Everything else is read leniently. */
static int check_shape(const json_t *doc, const char *file, dqa_error *err)
{
	const char *hint = "give a result.json written by 'dqa audit --out' or '--format json'";
	if (!json_is_object(doc))
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
				"not a dqa result: expected a JSON object");
	json_t *format = json_object_get(doc, "format");
	if (!json_is_integer(format))
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
				"not a dqa result: no \"format\" number");
	/* Format 1 differs only by what it lacks (dataset_checks, counts), which
	 * the renderers read as empty, so saved results still render. */
	json_int_t version = json_integer_value(format);
	if (version < 1 || version > DQA_RESULT_FORMAT)
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS,
				"re-render it with the dqa version that wrote it",
				"result format %lld is not supported (dqa %s reads formats 1 to %d)",
				(long long)version, DQA_VERSION, DQA_RESULT_FORMAT);
	json_t *units = json_object_get(doc, "units");
	if (!json_is_array(units))
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
				"not a dqa result: \"units\" is not a list");
	json_t *dataset_checks = json_object_get(doc, "dataset_checks");
	if (dataset_checks && !json_is_array(dataset_checks))
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
				"not a dqa result: \"dataset_checks\" is not a list");
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (!json_is_string(json_object_get(u, "unit")))
			return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
					"not a dqa result: units[%zu] has no \"unit\" name", i);
	char where[256];
	if (stray_nul(doc, false, where, 0, sizeof where))
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, hint,
				"not a dqa result: '%s' holds a NUL byte (only sample values may)",
				where);
	return 0;
}

static int finish(dqa_report **out, dqa_report *rep, const char *file, dqa_error *err)
{
	int rc = check_shape(rep->doc, file, err);
	if (rc == 0) {
		rep->units = json_object_get(rep->doc, "units");
		rep->dataset_checks = json_object_get(rep->doc, "dataset_checks");
		if (report_name_units(rep) < 0)
			rc = error_nomem(err);
	}
	if (rc < 0) {
		dqa_report_free(rep);
		return rc;
	}
	*out = rep;
	return 0;
}

const char *dqa_report_dataset(const dqa_report *rep)
{
	return doc_str(rep->doc, "dataset");
}

int dqa_report_from_result(dqa_report **out, const dqa_result *res, dqa_error *err)
{
	dqa_report *rep = calloc(1, sizeof *rep);
	RETURN_IF_NOMEM(rep, err);
	rep->json = result_json(res);
	if (rep->json) {
		rep->json_len = strlen(rep->json);
		rep->doc = json_loadb(rep->json, rep->json_len, JSON_ALLOW_NUL, NULL);
	}
	if (!rep->doc) {
		dqa_report_free(rep);
		return error_nomem(err);
	}
	FORWARD_IF_ERROR(finish(out, rep, "result", err));
	if (res->rowlog) {
		rep->rowlog = res->rowlog;
		rep->failed_rows_max = REPORT_FAILED_ROWS_MAX;
		rep->failed_rows = calloc(json_array_size(rep->units) + 1, sizeof *rep->failed_rows);
		if (!rep->failed_rows) {
			dqa_report_free(rep);
			*out = NULL;
			return error_nomem(err);
		}
	}
	return 0;
}

static char *read_all(FILE *f, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		strbuf_release(&sb);
		return NULL;
	}
	*len = sb.len;
	return sb.buf ? strbuf_detach(&sb) : calloc(1, 1);
}

int dqa_report_load(dqa_report **out, const char *path, dqa_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *file = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, NULL, "cannot open: %s",
				strerror(errno));
	dqa_report *rep = calloc(1, sizeof *rep);
	if (rep)
		rep->json = read_all(f, &rep->json_len);
	bool read_failed = ferror(f);
	if (!is_stdin)
		fclose(f);
	if (read_failed) {
		dqa_report_free(rep);
		return error_at(err, DQA_EINPUT, file, DQA_NOPOS, NULL, "cannot read");
	}
	if (!rep || !rep->json) {
		dqa_report_free(rep);
		return error_nomem(err);
	}
	json_error_t jerr;
	rep->doc = json_loadb(rep->json, rep->json_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
			      &jerr);
	if (!rep->doc) {
		struct dqa_pos pos = {(unsigned)(jerr.line > 0 ? jerr.line : 0),
				      (unsigned)(jerr.column > 0 ? jerr.column : 0), 1};
		error_at(err, DQA_EINPUT, file, pos,
			 "give a result.json written by 'dqa audit --out' or '--format json'",
			 "not valid JSON: %s", jerr.text);
		dqa_report_free(rep);
		return DQA_EINPUT;
	}
	return finish(out, rep, file, err);
}

void dqa_report_free(dqa_report *rep)
{
	if (!rep)
		return;
	if (rep->unit_files)
		for (size_t i = 0; i < json_array_size(rep->units); i++)
			free(rep->unit_files[i]);
	free(rep->unit_files);
	free(rep->failed_rows);
	report_trend_free(rep->trend);
	json_decref(rep->doc);
	free(rep->json);
	free(rep);
}
