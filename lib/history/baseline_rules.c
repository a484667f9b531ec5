/* The regression gate when the baseline ran other rules: a unit's total
 * then sums other checks, so totals are not compared; each unit's checks
 * and each dataset-level check that both runs have (by id) are, and the
 * note says what changed first, so
 * a new check is named instead of blamed on the data. Also the lookups
 * baseline.c shares with it (kept here so the two do not call each other). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/round.h"
#include "baseline.h"
#include "../util/strbuf.h"

/* Ids listed by name in the note; the rest are counted. */
enum { MAX_NAMED = 5 };

double baseline_rounded(double v)
{
	return round_to(v, 2);
}

const struct res_unit *baseline_find_unit(const struct dqa_result *r, const char *name)
{
	for (size_t lo = 0, hi = r->nunits; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(name, r->units[mid].name);
		if (cmp == 0)
			return &r->units[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

struct drop {
	const struct base_score *base;
	double now;
};

static bool has_id(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

bool baseline_rules_changed(const struct baseline *b, const struct dqa_result *res)
{
	/* A history written before the rules were recorded tells nothing. */
	if (b->rules_hash)
		return b->rules_hash[0] && res->rules_hash &&
		       strcmp(b->rules_hash, res->rules_hash) != 0;
	if (b->nids != res->ncheck_ids)
		return true;
	for (size_t i = 0; i < res->ncheck_ids; i++)
		if (!has_id(b->ids, b->nids, res->check_ids[i]))
			return true;
	return false;
}

/* "2 checks added (a, b)": the ids of `from` missing from `other`. */
static size_t put_missing(struct strbuf *sb, const char *const *from, size_t nfrom,
			  const char *const *other, size_t nother, const char *verb,
			  bool first)
{
	size_t n = 0;
	for (size_t i = 0; i < nfrom; i++)
		n += !has_id(other, nother, from[i]);
	if (!n)
		return 0;
	if (first)
		strbuf_printf(sb, "%zu check%s %s (", n, n == 1 ? "" : "s", verb);
	else
		strbuf_printf(sb, ", %zu %s (", n, verb);
	size_t named = 0;
	for (size_t i = 0; i < nfrom && named < MAX_NAMED; i++)
		if (!has_id(other, nother, from[i]))
			strbuf_printf(sb, "%s%s", named++ ? ", " : "", from[i]);
	strbuf_puts(sb, n > named ? ", ...)" : ")");
	return n;
}

static size_t put_note(struct strbuf *sb, const struct baseline *b, const struct dqa_result *res)
{
	strbuf_puts(sb, "dqa: note: rules changed since the baseline: ");
	size_t added = put_missing(sb, res->check_ids, res->ncheck_ids, b->ids, b->nids, "added",
				   true);
	size_t removed = put_missing(sb, b->ids, b->nids, res->check_ids, res->ncheck_ids,
				     "removed", !added);
	if (!added && !removed)
		strbuf_puts(sb, "the same checks, with other parameters or reference files");
	size_t common = 0;
	for (size_t i = 0; i < res->ncheck_ids; i++)
		common += has_id(b->ids, b->nids, res->check_ids[i]);
	strbuf_printf(sb, "; compared on the %zu check%s both runs have\n", common,
		      common == 1 ? "" : "s");
	return common;
}

static const struct res_check *find_check(const struct res_check *checks, size_t n,
					  const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(checks[i].id, id) == 0)
			return &checks[i];
	return NULL;
}

/* A baseline score's unit for messages and ordering: NULL is the dataset's
 * own (a dataset-level check). */
static const char *unit_label(const struct base_score *s)
{
	return !s->unit ? "(dataset)" : s->unit[0] ? s->unit : "(empty)";
}

static double drop_of(const struct drop *d)
{
	return baseline_rounded(d->base->score) - baseline_rounded(d->now);
}

static int largest_drop_first(const void *a, const void *b)
{
	double da = drop_of(a), db = drop_of(b);
	if (da != db)
		return da > db ? -1 : 1;
	int by_unit = strcmp(unit_label(((const struct drop *)a)->base),
			     unit_label(((const struct drop *)b)->base));
	return by_unit ? by_unit : strcmp(((const struct drop *)a)->base->part,
					  ((const struct drop *)b)->base->part);
}

/* The checks of both runs that dropped more than max_drop in a unit. */
static size_t find_drops(const struct baseline *b, const struct dqa_result *res,
			 double max_drop, struct drop *out)
{
	size_t n = 0;
	for (size_t i = 0; i < b->nchecks; i++) {
		const struct base_score *s = &b->checks[i];
		const struct res_unit *u = s->unit ? baseline_find_unit(res, s->unit) : NULL;
		const struct res_check *c =
			!s->unit ? find_check(res->dataset_checks, res->ndataset_checks, s->part)
			: u ? find_check(u->checks, u->nchecks, s->part) : NULL;
		/* A unit gone missing scores 0 on every check, as on its total. */
		struct drop d = {s, c ? c->score : u && u->missing ? 0 : NAN};
		if (drop_of(&d) > max_drop + 1e-9)
			out[n++] = d;
	}
	qsort(out, n, sizeof *out, largest_drop_first);
	return n;
}

/* The units among the drops (the dataset's own checks not counted). */
static size_t count_units(const struct drop *drops, size_t n)
{
	size_t units = 0;
	for (size_t i = 0; i < n; i++) {
		bool seen = !drops[i].base->unit;
		for (size_t j = 0; j < i && !seen; j++)
			seen = drops[j].base->unit &&
			       strcmp(drops[j].base->unit, drops[i].base->unit) == 0;
		units += !seen;
	}
	return units;
}

int baseline_compare_common(const struct baseline *b, const struct dqa_result *res,
			    double max_drop, const char *head, struct strbuf *sb)
{
	put_note(sb, b, res);
	struct drop *drops = malloc((b->nchecks + 1) * sizeof *drops);
	if (!drops) {
		sb->failed = true;
		return 0;
	}
	size_t n = find_drops(b, res, max_drop, drops);
	if (n) {
		size_t units = count_units(drops, n);
		bool dataset = false;
		for (size_t i = 0; i < n; i++)
			dataset |= !drops[i].base->unit;
		strbuf_puts(sb, head);
		if (units)
			strbuf_printf(sb, "%zu unit%s%s", units, units == 1 ? "" : "s",
				      dataset ? " and " : "");
		strbuf_printf(sb, "%s dropped more than %g point%s on a check both runs have\n",
			      dataset ? "the dataset" : "", max_drop, max_drop == 1 ? "" : "s");
	}
	for (size_t i = 0; i < n; i++) {
		const struct base_score *s = drops[i].base;
		strbuf_printf(sb, "  %-10s %6.2f -> %6.2f (%+.2f)  %s\n",
			      unit_label(s), baseline_rounded(s->score),
			      baseline_rounded(drops[i].now), -drop_of(&drops[i]), s->part);
	}
	free(drops);
	return n > 0;
}
