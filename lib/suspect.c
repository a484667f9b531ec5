#include "suspect.h"

#include <stdio.h>
#include <string.h>

#include "util/error.h"
#include "util/value_sniff.h"

/* Sample values sniffed for what reads them. */
enum { SNIFFED_VALUES = 200 };

static bool reads_values(const struct res_check *c)
{
	return strcmp(c->kind, "type") == 0 || strcmp(c->kind, "date") == 0;
}

/* The note: the doubt, and what reads most of the sampled values. */
static void compose(char *note, size_t cap, const char **values, size_t n)
{
	int len = snprintf(note, cap, "nearly every value fails: is the rule right?");
	size_t at = len > 0 ? (size_t)len : 0;
	struct sniffed s;
	sniff_date_format(values, n, &s);
	if (s.format)
		snprintf(note + at, cap - at, " Most sampled values read with format '%s'", s.format);
	else if (s.excel_serial)
		snprintf(note + at, cap - at, " Most sampled values are spreadsheet day numbers");
	else if (sniff_decimal_comma(values, n))
		snprintf(note + at, cap - at,
			 " Most sampled values are written with a decimal comma");
}

static int note_check(struct dqa_result *r, const char *id, dqa_error *err)
{
	const struct res_sample *samples[SNIFFED_VALUES];
	struct check_sum t = {.samples = samples, .cap = SNIFFED_VALUES};
	result_check_sum(r, id, &t);
	if (t.evaluated < SUSPECT_MIN_EVALUATED ||
	    (double)t.failed < SUSPECT_SHARE * (double)t.evaluated)
		return 0;
	const char *values[SNIFFED_VALUES];
	size_t nvalues = 0;
	for (size_t s = 0; s < t.nsamples; s++)
		if (t.samples[s]->nvalues)
			values[nvalues++] = t.samples[s]->values[0];
	char text[256];
	compose(text, sizeof text, values, nvalues);
	const char *note = arena_strdup(&r->arena, text);
	RETURN_IF_NOMEM(note, err);
	for (size_t u = 0; u < r->nunits; u++)
		for (size_t k = 0; k < r->units[u].nchecks; k++) {
			struct res_check *c = &r->units[u].checks[k];
			if (strcmp(c->id, id) == 0 && c->failed && !c->note)
				c->note = note;
		}
	return 0;
}

int result_note_suspect_rules(struct dqa_result *r, dqa_error *err)
{
	/* every unit lists the same checks: the first unit's name them */
	if (!r->nunits)
		return 0;
	const struct res_unit *first = &r->units[0];
	for (size_t k = 0; k < first->nchecks; k++)
		if (reads_values(&first->checks[k]))
			FORWARD_IF_ERROR(note_check(r, first->checks[k].id, err));
	return 0;
}
