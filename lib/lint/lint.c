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

int dqa_lint_run(dqa_lint **out, const char *rules_path, const char *const *inputs,
		 size_t ninputs, dqa_error *err)
{
	*out = NULL;
	struct dqa_lint *l = calloc(1, sizeof *l);
	RETURN_IF_NOMEM(l, err);
	l->rules_path = rules_path;
	dqa_rules *rules = NULL;
	dqa_error found = {0};
	int rc = dqa_rules_load(&rules, rules_path, &found);
	if (rc == 0) {
		l->nchecks = dqa_rules_check_count(rules);
		rc = placement_warnings(l, rules, err);
		if (rc == 0 && ninputs)
			rc = dqa_rules_check_data(rules, inputs, ninputs, &found);
	}
	if (rc < 0 && is_finding(rc) && found.code)
		rc = add(l, &found, false, err);
	else if (rc < 0 && found.code)
		*err = found;
	dqa_rules_free(rules);
	if (rc < 0) {
		dqa_lint_free(l);
		return rc;
	}
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
