/* dqa lint: load the rule file and keep its error as a finding instead of
 * failing; then look for what loads but is probably not meant (a check
 * under another criterion than its kind's), and, with data, check the
 * columns against the headers. */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "../checks/check.h"
#include "../rules/rules.h"
#include "../util/error.h"
#include "lint_data.h"

static int add(struct dqa_lint *l, const dqa_error *at, bool warning, dqa_error *err)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct lint_finding *items = realloc(l->items, cap * sizeof *items);
		RETURN_IF_NOMEM(items, err);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = (struct lint_finding){*at, warning};
	return 0;
}

/* A failure that is the lint's finding (the rule file, its data) rather
 * than the lint's own (out of memory, interrupted). */
static bool is_finding(int code)
{
	return code != DQA_ENOMEM && code != DQA_ECANCELED;
}

/* A check whose kind dqa-rules(5) lists under another criterion scores
 * there all the same (as CRITERION.KIND...): a warning, since a score may
 * have been built on it. One per rule-file entry, not per column. */
static int placement_warnings(struct dqa_lint *l, const struct dqa_rules *r, dqa_error *err)
{
	const struct check *last = NULL;
	for (size_t i = 0; i < r->nchecks; i++) {
		const struct check *c = r->checks[i];
		int home = check_kind_home(c->ops);
		if (home < 0 || (dqa_criterion)home == c->criterion || c->ops->implicit)
			continue;
		if (last && last->pos.line == c->pos.line && last->pos.column == c->pos.column)
			continue;
		last = c;
		dqa_error w = {0};
		const char *kind = c->ops->kind, *here = dqa_criterion_name(c->criterion),
			   *listed = dqa_criterion_name((dqa_criterion)home);
		error_at(&w, DQA_ERULES, r->path, c->pos, NULL,
			 "'%s' is a %s check, here under %s: it scores for %s", kind, listed, here,
			 here);
		error_hint(&w, "move it under '%s:' (dqa-rules(5), CHECKS), or keep it under "
			   "'%s:' on purpose", listed, here);
		ydoc_excerpt(&r->doc, &w);
		FORWARD_IF_ERROR(add(l, &w, true, err));
	}
	return 0;
}

static bool before(const dqa_error *a, const dqa_error *b)
{
	return a->line < b->line || (a->line == b->line && a->column < b->column);
}

/* Findings by position in the rule file (stable: an insertion sort, for
 * the handful there are). */
static void in_file_order(struct dqa_lint *l)
{
	for (size_t i = 1; i < l->n; i++) {
		struct lint_finding f = l->items[i];
		size_t j = i;
		for (; j > 0 && before(&f.at, &l->items[j - 1].at); j--)
			l->items[j] = l->items[j - 1];
		l->items[j] = f;
	}
}

/* Loads the rule file; its mistakes (up to DQA_ERRORS_SHOWN) become
 * findings and *rules stays NULL. */
static int load(struct dqa_lint *l, dqa_rules **rules, dqa_error *err)
{
	dqa_error found[DQA_ERRORS_SHOWN];
	size_t n;
	int rc = dqa_rules_load_all(rules, l->rules_path, found, DQA_ERRORS_SHOWN, &n);
	if (rc == 0)
		return 0;
	size_t kept = n < DQA_ERRORS_SHOWN ? n : DQA_ERRORS_SHOWN;
	if (!is_finding(rc)) {
		*err = found[kept - 1];
		return rc;
	}
	l->errors_found = n;
	for (size_t i = 0; i < kept; i++)
		FORWARD_IF_ERROR(add(l, &found[i], false, err));
	return 0;
}

static int add_finding(void *l, const dqa_error *at, bool warning, dqa_error *err)
{
	return add(l, at, warning, err);
}

/* With data: the headers, the first records against the declared types,
 * then the checks on those records. A failure of the data (unreadable,
 * not CSV) is a finding too. */
static int data_findings(struct dqa_lint *l, const dqa_rules *rules, const char *const *inputs,
			 size_t ninputs, uint64_t max_records, dqa_error *err)
{
	dqa_error found = {0};
	int rc = dqa_rules_check_data(rules, inputs, ninputs, &found);
	if (rc == 0)
		rc = lint_column_types(rules, inputs, ninputs, max_records, add_finding, l, &found);
	/* a column that does not read fails its checks too: said once */
	if (rc == 0 && !dqa_lint_count(l, false))
		rc = lint_failing_checks(rules, inputs, ninputs, max_records, add_finding, l,
					 &found);
	if (rc == 0)
		return 0;
	if (!is_finding(rc)) {
		*err = found;
		return rc;
	}
	return add(l, &found, false, err);
}

int dqa_lint_run(dqa_lint **out, const char *rules_path, const char *const *inputs,
		 size_t ninputs, uint64_t max_records, dqa_error *err)
{
	*out = NULL;
	struct dqa_lint *l = calloc(1, sizeof *l);
	RETURN_IF_NOMEM(l, err);
	l->rules_path = rules_path;
	dqa_rules *rules = NULL;
	int rc = load(l, &rules, err);
	if (rc == 0 && rules) {
		l->nchecks = dqa_rules_check_count(rules);
		rc = placement_warnings(l, rules, err);
		if (rc == 0)
			rc = lint_named_files(rules, add_finding, l, err);
		if (rc == 0 && ninputs)
			rc = data_findings(l, rules, inputs, ninputs, max_records, err);
	}
	dqa_rules_free(rules);
	if (rc < 0) {
		dqa_lint_free(l);
		return rc;
	}
	in_file_order(l);
	*out = l;
	return 0;
}

size_t dqa_lint_count(const dqa_lint *l, bool warnings)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].warning == warnings;
	return n;
}

const dqa_error *dqa_lint_first_error(const dqa_lint *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!l->items[i].warning)
			return &l->items[i].at;
	return NULL;
}

void dqa_lint_free(dqa_lint *l)
{
	if (!l)
		return;
	free(l->items);
	free(l);
}
