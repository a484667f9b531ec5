/* Recording a run in the history store: every unit's criterion and overall
 * rows, then the dataset's, and the hashes of the files the rules read, in
 * one transaction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/round.h"
#include "../util/values.h"
#include "history.h"
#include "store_write.h"
#include "../result.h"
#include "../util/strbuf.h"

struct run_ctx {
	struct store_writer *w;
	const struct dqa_result *r;
	struct strbuf marker, checks;
	dqa_error *err;
};

/* A score as the history keeps it: the value of its two-decimal text, so
 * a run appended by an audit and the same run imported from a CSV history
 * hold the same number. */
static double kept_score(double score)
{
	if (isnan(score))
		return NAN;
	char text[32];
	int len = snprintf(text, sizeof text, "%.2f", round_to(score, 2));
	double kept = NAN;
	value_number(text, (size_t)len, &kept);
	return kept;
}

static int put_row(struct run_ctx *c, bool dataset_scope, const char *unit, const char *criterion,
		   double score, const char *status, uint64_t rows, const char *marker,
		   const char *checks)
{
	const struct store_row row = {dataset_scope, unit, criterion, kept_score(score), status,
				      rows, marker, checks};
	return store_writer_row(c->w, &row, c->err);
}

static int put_criteria(struct run_ctx *c, bool dataset_scope, const char *unit,
			const double *criteria, uint64_t rows)
{
	for (int k = 0; k < DQA_CRITERIA; k++)
		if (c->r->criterion_used[k])
			FORWARD_IF_ERROR(put_row(c, dataset_scope, unit, dqa_criterion_name(k),
						 criteria[k], "", rows, "", ""));
	return 0;
}

/* The markers of a unit's history-backed checks as "ID=VALUE ID=VALUE". */
static const char *unit_marker(const struct res_unit *u, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < u->nchecks; i++)
		if (u->checks[i].marker)
			strbuf_printf(buf, "%s%s=%s", buf->len ? " " : "", u->checks[i].id,
				      u->checks[i].marker);
	return buf->len && !buf->failed ? buf->buf : "";
}

/* A unit's check scores as "ID=SCORE ID=SCORE" (two decimals, empty when
 * the check has no score), for a baseline after a change of rules. */
static const char *unit_checks(const struct res_unit *u, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < u->nchecks; i++) {
		if (i)
			strbuf_putc(buf, ' ');
		history_check_id_put(buf, u->checks[i].id);
		strbuf_putc(buf, '=');
		if (!isnan(u->checks[i].score))
			strbuf_printf(buf, "%.2f", round_to(u->checks[i].score, 2));
	}
	return buf->len && !buf->failed ? buf->buf : "";
}

static const struct res_check *dataset_check(const struct dqa_result *r, const char *id)
{
	for (size_t i = 0; i < r->ndataset_checks; i++)
		if (strcmp(r->dataset_checks[i].id, id) == 0)
			return &r->dataset_checks[i];
	return NULL;
}

/* Every check id of the run, "ID ID", a dataset-level check's with its
 * score ("ID=SCORE"), so a gate after a change of rules compares it too. */
static const char *run_checks(const struct dqa_result *r, struct strbuf *buf)
{
	strbuf_reset(buf);
	for (size_t i = 0; i < r->ncheck_ids; i++) {
		if (i)
			strbuf_putc(buf, ' ');
		history_check_id_put(buf, r->check_ids[i]);
		const struct res_check *c = dataset_check(r, r->check_ids[i]);
		if (c)
			strbuf_putc(buf, '=');
		if (c && !isnan(c->score))
			strbuf_printf(buf, "%.2f", round_to(c->score, 2));
	}
	return buf->len && !buf->failed ? buf->buf : "";
}

static int put_rows(struct run_ctx *c)
{
	const struct dqa_result *r = c->r;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct res_unit *u = &r->units[i];
		FORWARD_IF_ERROR(put_criteria(c, false, u->name, u->criteria, u->rows));
		const char *marker = unit_marker(u, &c->marker), *checks = unit_checks(u, &c->checks);
		RETURN_NOMEM_UNLESS(!c->marker.failed && !c->checks.failed, c->err);
		FORWARD_IF_ERROR(put_row(c, false, u->name, HISTORY_OVERALL, u->score,
					 dqa_status_name(u->status), u->rows, marker, checks));
		FORWARD_IF_ERROR(store_writer_unit_name(c->w, r->dataset, u->name,
							u->unit_name ? u->unit_name : "", c->err));
	}
	FORWARD_IF_ERROR(put_criteria(c, true, "", r->criteria, r->rows));
	const char *checks = run_checks(r, &c->checks);
	RETURN_NOMEM_UNLESS(!c->checks.failed, c->err);
	FORWARD_IF_ERROR(put_row(c, true, "", HISTORY_OVERALL, r->score,
				 dqa_status_name(r->status), r->rows, "", checks));
	for (size_t i = 0; i < r->nrule_files; i++)
		FORWARD_IF_ERROR(store_writer_file(c->w, r->rule_files[i].path,
						   r->rule_files[i].hash, c->err));
	return 0;
}

int dqa_history_append(const char *path, const dqa_result *res, dqa_error *err)
{
	char fingerprint[17];
	FORWARD_IF_ERROR(dqa_input_fingerprint(res->inputs, res->ninputs, fingerprint, err));
	const struct store_run run = {res->now, res->rules_path, res->dataset, fingerprint,
				      res->rules_hash ? res->rules_hash : ""};
	struct store_writer w;
	FORWARD_IF_ERROR(store_writer_begin(&w, path, err));
	struct run_ctx c = {&w, res, STRBUF_INIT, STRBUF_INIT, err};
	int rc = store_writer_run(&w, &run, err);
	if (rc == 0)
		rc = put_rows(&c);
	if (rc == 0)
		rc = store_writer_commit(&w, err);
	strbuf_release(&c.marker);
	strbuf_release(&c.checks);
	store_writer_release(&w);
	return rc;
}
