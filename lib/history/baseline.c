/* The regression gate: this run against a baseline, a history file (its
 * latest earlier run of the dataset) or an earlier result.json. Scores are
 * compared as printed (two decimals), so 98.21 -> 98.20 is a drop of 0.01. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/round.h"
#include "baseline.h"
#include "history.h"
#include "../result.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"

enum { MAX_REASONS = 3 };

static int add(struct baseline *b, const char *unit, const char *part, double score)
{
	if (arena_reserve(&b->arena, (void **)&b->scores, &b->cap, b->n, sizeof *b->scores) < 0)
		return -1;
	b->scores[b->n++] = (struct base_score){unit, part, score};
	return 0;
}

int baseline_add_id(struct baseline *b, const char *id)
{
	for (size_t i = 0; i < b->nids; i++)
		if (strcmp(b->ids[i], id) == 0)
			return 0;
	const char *copy = arena_strdup(&b->arena, id);
	if (!copy || arena_reserve(&b->arena, (void **)&b->ids, &b->ids_cap, b->nids,
				   sizeof *b->ids) < 0)
		return -1;
	b->ids[b->nids++] = copy;
	return 0;
}

/* A unit's check score, for the comparison after a change of rules. */
static int add_check(struct baseline *b, const char *unit, const char *id, double score)
{
	const char *copy = arena_strdup(&b->arena, id);
	if (!copy || arena_reserve(&b->arena, (void **)&b->checks, &b->checks_cap, b->nchecks,
				   sizeof *b->checks) < 0)
		return -1;
	b->checks[b->nchecks++] = (struct base_score){unit, copy, score};
	return 0;
}

static double json_score(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static int from_json(struct baseline *b, const json_t *root, const char *path, dqa_error *err)
{
	const json_t *units = json_object_get(root, "units");
	if (!json_is_array(units))
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, "give a result.json or a history",
				"not a dqa result: no 'units' list");
	b->found = true;
	b->overall = json_score(json_object_get(root, "score"));
	const char *now = json_string_value(json_object_get(root, "now"));
	if (!now || !time_parse_iso(now, strlen(now), &b->run_at))
		b->run_at = INT64_MIN;
	size_t i, j;
	const json_t *u, *c;
	json_array_foreach(units, i, u) {
		const char *name = json_string_value(json_object_get(u, "unit"));
		if (!name)
			continue;
		RETURN_IF_NOMEM(name = arena_strdup(&b->arena, name), err);
		RETURN_IF_NOMEM(add(b, name, NULL, json_score(json_object_get(u, "score"))) == 0
				? b : NULL, err);
		json_array_foreach(json_object_get(u, "checks"), j, c) {
			const char *id = json_string_value(json_object_get(c, "id"));
			if (!id)
				continue;
			double score = json_score(json_object_get(c, "score"));
			RETURN_IF_NOMEM(baseline_add_id(b, id) == 0 && add_check(b, name, id, score) == 0
					? b : NULL, err);
			RETURN_IF_NOMEM(id = arena_strdup(&b->arena, id), err);
			RETURN_NOMEM_UNLESS(add(b, name, id, score) == 0, err);
		}
	}
	json_array_foreach(json_object_get(root, "dataset_checks"), j, c) {
		const char *id = json_string_value(json_object_get(c, "id"));
		double score = json_score(json_object_get(c, "score"));
		if (id)
			RETURN_IF_NOMEM(baseline_add_id(b, id) == 0 &&
					(isnan(score) || add_check(b, NULL, id, score) == 0) ? b : NULL,
					err);
	}
	return 0;
}

/* A checks field of the history: the run's ids (unit NULL, the dataset's
 * row, dataset-level checks with their scores) or a unit's check scores.
 * 0 or -1 (out of memory). */
static int read_checks(struct baseline *b, const char *unit, const char *field)
{
	struct strbuf id = STRBUF_INIT;
	double score;
	int rc = 0;
	while (rc == 0 && history_checks_next(&field, &id, &score)) {
		if (id.failed)
			rc = -1;
		else if (unit)
			rc = add_check(b, unit, id.buf, score);
		else if ((rc = baseline_add_id(b, id.buf)) == 0 && !isnan(score))
			rc = add_check(b, NULL, id.buf, score);
	}
	strbuf_release(&id);
	return rc;
}

static int from_history(struct baseline *b, const char *path, const struct dqa_result *res,
			dqa_error *err)
{
	dqa_history *h;
	dqa_history_query q = DQA_HISTORY_QUERY_INIT;
	q.dataset = res->dataset;
	FORWARD_IF_ERROR(dqa_history_load_query(&h, path, &q, err));
	const char *dataset = history_lookup(h, res->dataset);
	b->run_at = INT64_MIN;
	b->rules_hash = "";
	for (size_t i = 0; dataset && i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		if (e->dataset == dataset && e->run_at < res->now && e->run_at > b->run_at)
			b->run_at = e->run_at;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && dataset && i < h->n; i++) {
		const struct hist_entry *e = &h->entries[i];
		if (e->dataset != dataset || e->run_at != b->run_at)
			continue;
		b->found = true;
		const char *part = e->criterion == HISTORY_CRITERION_OVERALL
			? NULL : dqa_criterion_name(e->criterion);
		if (e->dataset_scope) {
			if (!part) {
				b->overall = e->score;
				b->rules_hash = arena_strdup(&b->arena, e->rules_hash);
				rc = b->rules_hash ? read_checks(b, NULL, e->checks) : -1;
			}
		} else {
			const char *unit = arena_strdup(&b->arena, e->unit);
			rc = unit && add(b, unit, part, e->score) == 0 ? 0 : -1;
			if (rc == 0 && !part)
				rc = read_checks(b, unit, e->checks);
		}
		if (rc < 0)
			rc = error_nomem(err);
	}
	dqa_history_free(h);
	return rc;
}

static int load(struct baseline *b, const char *path, const struct dqa_result *res,
		dqa_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS, NULL, "cannot open the baseline");
	int c;
	while ((c = fgetc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
		;
	if (c != '{') {
		fclose(f);
		return from_history(b, path, res, err);
	}
	rewind(f);
	json_error_t jerr;
	/* a result's sample values may hold \u0000; the baseline reads none */
	json_t *root = json_loadf(f, JSON_ALLOW_NUL, &jerr);
	fclose(f);
	if (!root)
		return error_at(err, DQA_EINPUT, path, (struct dqa_pos){(unsigned)jerr.line,
				(unsigned)jerr.column, 1}, NULL, "bad JSON: %s", jerr.text);
	int rc = from_json(b, root, path, err);
	json_decref(root);
	return rc;
}

/* The unit's current score of a check id or criterion name; NaN if none. */
static double current_part(const struct res_unit *u, const char *part)
{
	for (int k = 0; k < DQA_CRITERIA; k++)
		if (strcmp(part, dqa_criterion_name(k)) == 0)
			return u->criteria[k];
	for (size_t i = 0; i < u->nchecks; i++)
		if (strcmp(part, u->checks[i].id) == 0)
			return u->checks[i].score;
	return NAN;
}

/* Appends the checks or criteria of unit u that got worse, the largest
 * drops first. */
static void put_reasons(struct strbuf *sb, const struct baseline *b, const struct res_unit *u)
{
	const struct base_score *worst[MAX_REASONS];
	double drops[MAX_REASONS];
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (!b->scores[i].part || strcmp(b->scores[i].unit, u->name) != 0)
			continue;
		double now = current_part(u, b->scores[i].part);
		double drop = baseline_rounded(b->scores[i].score) - baseline_rounded(now);
		if (isnan(drop) || drop <= 0)
			continue;
		size_t pos = n < MAX_REASONS ? n++ : MAX_REASONS;
		for (; pos > 0 && drops[pos - 1] < drop; pos--)
			if (pos < MAX_REASONS)
				worst[pos] = worst[pos - 1], drops[pos] = drops[pos - 1];
		if (pos < MAX_REASONS)
			worst[pos] = &b->scores[i], drops[pos] = drop;
	}
	for (size_t i = 0; i < n; i++)
		strbuf_printf(sb, "%s%s %.1f -> %.1f", i ? ", " : "  ", worst[i]->part,
			      round_to(worst[i]->score, 1),
			      round_to(current_part(u, worst[i]->part), 1));
}

/* Units that dropped more than max_drop, largest drop first. */
static size_t dropped_units(const struct baseline *b, const struct dqa_result *res,
			    double max_drop, size_t *found)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (b->scores[i].part)
			continue;
		const struct res_unit *u = baseline_find_unit(res, b->scores[i].unit);
		double drop = u ? baseline_rounded(b->scores[i].score) - baseline_rounded(u->score)
				: NAN;
		if (!(drop > max_drop + 1e-9))
			continue;
		size_t pos = n++;
		for (; pos > 0; pos--) {
			const struct base_score *prev = &b->scores[found[pos - 1]];
			double prev_drop = baseline_rounded(prev->score) -
					   baseline_rounded(baseline_find_unit(res, prev->unit)->score);
			if (prev_drop >= drop)
				break;
			found[pos] = found[pos - 1];
		}
		found[pos] = i;
	}
	return n;
}

static void put_head(struct strbuf *sb, const struct baseline *b, const char *path)
{
	char when[21] = "?";
	if (b->run_at != INT64_MIN)
		time_format_iso(b->run_at, when);
	strbuf_printf(sb, "dqa: regression gate failed against %s (run of %s): ", path, when);
}

static char *explain(const struct baseline *b, const struct dqa_result *res, const char *path,
		     const dqa_baseline_options *opts, const size_t *found, size_t nfound,
		     bool overall_dropped)
{
	struct strbuf sb = STRBUF_INIT;
	put_head(&sb, b, path);
	if (nfound)
		strbuf_printf(&sb, "%zu unit%s dropped more than %g point%s", nfound,
			      nfound == 1 ? "" : "s", opts->max_drop, opts->max_drop == 1 ? "" : "s");
	if (nfound && overall_dropped)
		strbuf_puts(&sb, ", and ");
	if (overall_dropped && opts->max_overall_drop > 0)
		strbuf_printf(&sb, "the overall score dropped more than %g point%s",
			      opts->max_overall_drop, opts->max_overall_drop == 1 ? "" : "s");
	else if (overall_dropped)
		strbuf_puts(&sb, "the overall score dropped");
	strbuf_putc(&sb, '\n');
	for (size_t i = 0; i < nfound; i++) {
		const struct base_score *s = &b->scores[found[i]];
		const struct res_unit *u = baseline_find_unit(res, s->unit);
		strbuf_printf(&sb, "  %-10s %6.2f -> %6.2f (%+.2f)", s->unit[0] ? s->unit : "(empty)",
			      baseline_rounded(s->score), baseline_rounded(u->score),
			      baseline_rounded(u->score) - baseline_rounded(s->score));
		put_reasons(&sb, b, u);
		strbuf_putc(&sb, '\n');
	}
	if (overall_dropped)
		strbuf_printf(&sb, "  %-10s %6.2f -> %6.2f (%+.2f)\n", "overall",
			      baseline_rounded(b->overall), baseline_rounded(res->score),
			      baseline_rounded(res->score) - baseline_rounded(b->overall));
	return strbuf_detach(&sb);
}

/* 1 when something dropped, 0 when not, or a negative code. */
static int compare(const dqa_result *res, const char *path, const dqa_baseline_options *opts,
		   char **message, dqa_error *err)
{
	struct baseline b = {.overall = NAN};
	int rc = load(&b, path, res, err);
	size_t *found = rc == 0 ? calloc(b.n + 1, sizeof *found) : NULL;
	if (rc == 0 && !found)
		rc = error_nomem(err);
	if (rc == 0 && !b.found) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb, "dqa: note: %s has no earlier run of dataset '%s': no regression gate\n",
			      path, res->dataset);
		*message = strbuf_detach(&sb);
	} else if (rc == 0 && baseline_rules_changed(&b, res)) {
		struct strbuf head = STRBUF_INIT, sb = STRBUF_INIT;
		put_head(&head, &b, path);
		int dropped = baseline_compare_common(&b, res, opts->max_drop,
						      head.buf ? head.buf : "", &sb);
		if (head.failed)
			sb.failed = true;
		strbuf_release(&head);
		*message = strbuf_detach(&sb);
		rc = *message ? dropped : error_nomem(err);
	} else if (rc == 0) {
		size_t nfound = dropped_units(&b, res, opts->max_drop, found);
		bool overall_dropped = baseline_rounded(b.overall) - baseline_rounded(res->score) >
				       opts->max_overall_drop + 1e-9;
		if (nfound || overall_dropped) {
			*message = explain(&b, res, path, opts, found, nfound, overall_dropped);
			rc = *message ? 1 : error_nomem(err);
		}
	}
	free(found);
	arena_release(&b.arena);
	return rc;
}

int dqa_baseline_compare(char **message, bool *dropped, const dqa_result *res,
			 const char *baseline, const dqa_baseline_options *opts, dqa_error *err)
{
	*message = NULL;
	int rc = compare(res, baseline, opts, message, err);
	*dropped = rc == 1;
	return rc < 0 ? rc : 0;
}
