/* clean.case: letter case of a column's values follows one style: upper,
 * lower, title (every word capitalised, the rest small), or `consistent`:
 * whatever style most values of the dataset follow. Dataset scope, since
 * the dominant style is known only after the scan: rows are classified as
 * they stream by, per unit, and judged at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "../state/codec.h"

/* The styles a value satisfies, as a bit set: "A" is upper and title. */
enum { UPPER = 1, LOWER = 2, TITLE = 4, NSTYLES = 3, NMASKS = 8, CONSISTENT = 0 };

static const struct {
	const char *name;
	unsigned bit;
} styles[] = {{"title", TITLE}, {"upper", UPPER}, {"lower", LOWER}};

/* First occurrence packed as input index (high 16 bits) and line. */
enum { WHERE_INPUT_SHIFT = 48 };

struct case_config {
	unsigned style;               /* a style bit, or CONSISTENT */
};

struct case_counts {
	uint64_t values[NMASKS];      /* values by the set of styles they satisfy */
	uint64_t first[NMASKS];       /* where the first of them is; 0: none */
};

struct case_state {
	struct case_counts *units;    /* by unit index */
	size_t nunits;
};

static const char *style_name(unsigned bit)
{
	for (size_t i = 0; i < NSTYLES; i++)
		if (styles[i].bit == bit)
			return styles[i].name;
	return "mixed";
}

static int case_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	struct case_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->style = CONSISTENT;
	const struct ynode *v = map ? ymap_get(map, "style") : NULL;
	if (!v || yscalar_eq(v, "consistent"))
		return 0;
	for (size_t i = 0; i < NSTYLES; i++)
		if (yscalar_eq(v, styles[i].name)) {
			cfg->style = styles[i].bit;
			return 0;
		}
	return rules_error(ctx, v, "style is one of upper, lower, title, consistent",
			   "unknown case style '%s'", v->kind == YNODE_SCALAR ? v->text : "?");
}

static int case_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	b->state = calloc(1, sizeof(struct case_state));
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

/* The styles s satisfies, or -1 when it has no cased letter (empty, digits).
 * Words are runs of letters and combining marks; Unicode case properties
 * cover Vietnamese letters such as Đ/đ and Ư/ư, composed or not. */
static int classify(const char *s, size_t len)
{
	bool any_upper = false, any_lower = false, title = true, word_start = true;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		i += k > 0 ? (size_t)k : 1;
		utf8proc_category_t cat = k > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
		if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
			continue;
		if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO) {
			word_start = true;
			continue;
		}
		bool upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
		bool lower = cat == UTF8PROC_CATEGORY_LL;
		any_upper |= upper;
		any_lower |= lower;
		if ((word_start && lower) || (!word_start && upper))
			title = false;
		word_start = false;
	}
	if (!any_upper && !any_lower)
		return -1;
	return (any_upper && !any_lower ? UPPER : 0) | (any_lower && !any_upper ? LOWER : 0) |
	       (title ? TITLE : 0);
}

/* Room for unit index u; units appear as the scan meets them. */
static bool reserve_unit(struct case_state *st, size_t u)
{
	if (u < st->nunits)
		return true;
	size_t n = st->nunits ? st->nunits : 16;
	while (n <= u)
		n *= 2;
	struct case_counts *grown = realloc(st->units, n * sizeof *grown);
	if (!grown)
		return false;
	memset(grown + st->nunits, 0, (n - st->nunits) * sizeof *grown);
	st->units = grown;
	st->nunits = n;
	return true;
}

static void case_observe(struct bound_check *b, const struct plan_row *row)
{
	struct case_state *st = b->state;
	int col = b->cols[0];
	int mask = classify(row->fields[col], row->lens[col]);
	/* Out of memory: the row goes uncounted rather than miscounted. */
	if (mask < 0 || !reserve_unit(st, row->unit))
		return;
	struct case_counts *c = &st->units[row->unit];
	if (!c->values[mask]++)
		c->first[mask] = (uint64_t)row->input << WHERE_INPUT_SHIFT | row->line;
}

static int case_merge(struct bound_check *into, struct bound_check *from, dqa_error *err)
{
	struct case_state *a = into->state, *b = from->state;
	if (b->nunits && !reserve_unit(a, b->nunits - 1))
		return error_nomem(err);
	for (size_t u = 0; u < b->nunits; u++)
		for (size_t m = 0; m < NMASKS; m++) {
			/* Workers' rows interleave: the earlier first wins. */
			uint64_t *first = &a->units[u].first[m], theirs = b->units[u].first[m];
			if (b->units[u].values[m] && (!a->units[u].values[m] || theirs < *first))
				*first = theirs;
			a->units[u].values[m] += b->units[u].values[m];
		}
	return 0;
}

/* The units with a cased value, each with its counts and firsts. */
static void case_save(const struct bound_check *b, struct strbuf *out)
{
	const struct case_state *st = b->state;
	size_t used = 0;
	for (size_t u = 0; u < st->nunits; u++)
		for (size_t m = 0; m < NMASKS; m++)
			if (st->units[u].values[m]) {
				used++;
				break;
			}
	state_put_u64(out, used);
	for (size_t u = 0; u < st->nunits; u++) {
		const struct case_counts *c = &st->units[u];
		size_t m = 0;
		while (m < NMASKS && !c->values[m])
			m++;
		if (m == NMASKS)
			continue;
		state_put_u64(out, u);
		for (m = 0; m < NMASKS; m++) {
			state_put_u64(out, c->values[m]);
			state_put_u64(out, c->first[m]);
		}
	}
}

static int case_load(struct bound_check *b, struct state_in *in, const size_t *units,
		     size_t nunits, dqa_error *err)
{
	struct case_state *st = b->state;
	size_t used = state_get_count(in, 1 + 2 * NMASKS);
	for (size_t i = 0; i < used && !in->bad; i++) {
		size_t u = state_get_unit(in, units, nunits);
		if (in->bad)
			break;
		if (!reserve_unit(st, u))
			return error_nomem(err);
		struct case_counts *c = &st->units[u];
		for (size_t m = 0; m < NMASKS && !in->bad; m++) {
			c->values[m] = state_get_u64(in);
			c->first[m] = state_get_u64(in);
		}
	}
	return 0;
}

/* The style most values satisfy (ties: title, then upper, then lower). */
static unsigned dominant_style(const struct case_state *st, uint64_t *count, uint64_t *total)
{
	uint64_t per_style[NSTYLES] = {0};
	*total = 0;
	for (size_t u = 0; u < st->nunits; u++)
		for (unsigned m = 0; m < NMASKS; m++) {
			*total += st->units[u].values[m];
			for (size_t i = 0; i < NSTYLES; i++)
				if (m & styles[i].bit)
					per_style[i] += st->units[u].values[m];
		}
	size_t best = 0;
	for (size_t i = 1; i < NSTYLES; i++)
		if (per_style[i] > per_style[best])
			best = i;
	*count = per_style[best];
	return styles[best].bit;
}

/* What a value in the styles of mask is called when it fails: a value
 * that fails is in one style of upper, lower and title, besides maybe
 * title (a one-letter capital is upper and title), or in none. */
static const char *failure_label(unsigned mask)
{
	return style_name(mask & (UPPER | LOWER) ? mask & (UPPER | LOWER) : mask);
}

/* "3 upper (first at line 17), 1 mixed (first at line 40)" for the values
 * of a unit that are not in the target style. */
static void describe_failures(const struct bound_check *b, const struct case_counts *c,
			      unsigned target, char *note, size_t cap)
{
	static const char *const labels[] = {"upper", "lower", "title", "mixed"};
	size_t len = strlen(note);
	const char *sep = "";
	for (size_t l = 0; l < sizeof labels / sizeof *labels && len < cap; l++) {
		uint64_t count = 0, first = UINT64_MAX;
		for (unsigned m = 0; m < NMASKS; m++) {
			if ((m & target) || !c->values[m] || strcmp(failure_label(m), labels[l]))
				continue;
			count += c->values[m];
			if (c->first[m] < first)   /* packed (input, line): file order */
				first = c->first[m];
		}
		if (!count)
			continue;
		uint64_t line = first & ((1ULL << WHERE_INPUT_SHIFT) - 1);
		size_t input = (size_t)(first >> WHERE_INPUT_SHIFT);
		bool several = b->plan->ninputs > 1;
		len += (size_t)snprintf(note + len, cap - len, "%s%llu %s (first at %s%sline %llu)",
					sep, (unsigned long long)count, labels[l],
					several ? b->plan->inputs[input] : "", several ? " " : "",
					(unsigned long long)line);
		sep = ", ";
	}
}

static int case_dataset(struct bound_check *b, struct plan *plan, dqa_error *err)
{
	const struct case_config *cfg = b->def->config;
	struct case_state *st = b->state;
	unsigned target = cfg->style;
	uint64_t agreeing = 0, total = 0;
	if (target == CONSISTENT)
		target = dominant_style(st, &agreeing, &total);
	for (size_t u = 0; u < plan->nunits && u < st->nunits; u++) {
		if (!plan->unit_rows[u])
			continue;
		const struct case_counts *c = &st->units[u];
		struct tally *t = plan_tally(plan, u, b->index);
		for (unsigned m = 0; m < NMASKS; m++) {
			t->evaluated += c->values[m];
			t->failed += (m & target) ? 0 : c->values[m];
		}
		if (!t->failed)
			continue;
		char note[512] = "";
		if (cfg->style == CONSISTENT)
			snprintf(note, sizeof note, "dominant style %s (%llu of %llu values); ",
				 style_name(target), (unsigned long long)agreeing,
				 (unsigned long long)total);
		else
			snprintf(note, sizeof note, "not %s: ", style_name(target));
		describe_failures(b, c, target, note, sizeof note);
		t->note = arena_strdup(plan->out, note);
		RETURN_IF_NOMEM(t->note, err);
	}
	return 0;
}

static void case_unbind(struct bound_check *b)
{
	struct case_state *st = b->state;
	free(st->units);
	free(st);
}

static const char *const case_params[] = {"style", NULL};

const struct check_ops check_case = {
	.kind = "case", .scope = SCOPE_DATASET, .shape = SHAPE_PER_COLUMN,
	.params = case_params, .configure = case_configure, .bind = case_bind,
	.observe = case_observe, .merge = case_merge, .save = case_save, .load = case_load,
	.dataset = case_dataset,
	.unbind = case_unbind,
};
