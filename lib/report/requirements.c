/* What a check asks, in words, from its kind and the parameters the rule
 * file wrote (result.json's "params"): "at least 10 rows per unit",
 * "updated within the last 180 days", "one of the 126 codes of
 * hanoi-units.csv". Kinds without a phrase have no requirement line. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/timeparse.h"
#include "labels.h"
#include "messages.h"
#include "report.h"

static const char *param(const json_t *check, const char *name)
{
	const char *s = json_string_value(json_object_get(json_object_get(check, "params"), name));
	return s && s[0] ? s : NULL;
}

/* A number as written in the rule file, in the language's notation. */
static void put_param_number(struct strbuf *sb, const char *s, dqa_lang lang)
{
	char *end;
	double v = strtod(s, &end);
	if (*end || !isfinite(v)) {
		strbuf_puts(sb, s);
		return;
	}
	if (v < 0)
		strbuf_putc(sb, '-');
	if (v == floor(v) && fabs(v) < 1e15)
		put_count(sb, (uint64_t)fabs(v), lang);
	else
		put_score(sb, fabs(v), 2, lang);
}

/* "at least MIN", "at most MAX" or "from MIN to MAX", each bound through
 * the phrase noun ("%s rows"; NULL: the bare number). */
static bool put_bounds(struct strbuf *sb, const json_t *check, const char *noun, dqa_lang lang)
{
	const char *min = param(check, "min"), *max = param(check, "max");
	if (!min && !max)
		return false;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, na = STRBUF_INIT, nb = STRBUF_INIT;
	if (min)
		put_param_number(&a, min, lang);
	if (max)
		put_param_number(&b, max, lang);
	if (min && max) {
		strbuf_printf(&na, msg_requirement(lang, "between"), a.buf, b.buf);
		strbuf_printf(sb, noun ? msg_requirement(lang, noun) : "%s", na.buf ? na.buf : "");
	} else {
		const char *bound = (min ? a.buf : b.buf) ? (min ? a.buf : b.buf) : "";
		strbuf_printf(&nb, noun ? msg_requirement_n(lang, noun, bound) : "%s", bound);
		strbuf_printf(sb, msg_requirement(lang, min ? "at_least" : "at_most"),
			      nb.buf ? nb.buf : "");
	}
	sb->failed |= a.failed || b.failed || na.failed || nb.failed;
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&na);
	strbuf_release(&nb);
	return true;
}

/* "180 days" from "180d"; the text as written when it does not parse. */
static void put_duration(struct strbuf *sb, const char *s, dqa_lang lang)
{
	struct duration d;
	if (duration_parse(s, strlen(s), &d) != DURATION_OK) {
		strbuf_puts(sb, s);
		return;
	}
	put_count(sb, (uint64_t)d.amount, lang);
	strbuf_printf(sb, " %s", msg_duration_unit(lang, (int)d.unit, d.amount != 1));
}

/* A date format for people: %Y-%m-%d as YYYY-MM-DD. */
static void put_date_format(struct strbuf *sb, const char *format)
{
	static const struct { char directive; const char *shown; } parts[] = {
		{'Y', "YYYY"}, {'m', "MM"}, {'d', "DD"}, {'H', "hh"}, {'M', "mm"}, {'S', "ss"},
		{'%', "%"},
	};
	for (const char *p = format; *p; p++) {
		bool done = false;
		for (size_t i = 0; p[0] == '%' && p[1] && i < sizeof parts / sizeof *parts; i++)
			if (parts[i].directive == p[1]) {
				strbuf_puts(sb, parts[i].shown);
				p++;
				done = true;
				break;
			}
		if (!done)
			strbuf_putc(sb, *p);
	}
}

/* The file name of a reference "path/to/file.csv#column". */
static void put_ref_name(struct strbuf *sb, const char *ref)
{
	const char *hash = strrchr(ref, '#');
	size_t len = hash ? (size_t)(hash - ref) : strlen(ref);
	const char *start = ref;
	for (size_t i = 0; i < len; i++)
		if (ref[i] == '/')
			start = ref + i + 1;
	strbuf_add(sb, start, len - (size_t)(start - ref));
}

static bool put_with(struct strbuf *sb, const char *key, const char *arg, dqa_lang lang)
{
	strbuf_printf(sb, msg_requirement(lang, key), arg);
	return true;
}

static bool put_fresh(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	const char *age = param(check, "max_age");
	if (!age)
		return false;
	struct strbuf span = STRBUF_INIT;
	put_duration(&span, age, lang);
	double ratio = doc_num(check, "min_ratio");
	if (ratio < 1) {
		struct strbuf share = STRBUF_INIT;
		put_score(&share, 100 * ratio, 1, lang);
		strbuf_printf(sb, msg_requirement(lang, "fresh_share"), share.buf ? share.buf : "",
			      span.buf ? span.buf : "");
		strbuf_release(&share);
	} else {
		strbuf_printf(sb, msg_requirement(lang, "fresh"), span.buf ? span.buf : "");
	}
	sb->failed |= span.failed;
	strbuf_release(&span);
	return true;
}

static bool put_file_age(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	const char *age = param(check, "max_age");
	if (!age)
		return false;
	struct strbuf span = STRBUF_INIT;
	put_duration(&span, age, lang);
	strbuf_printf(sb, msg_requirement(lang, "file_age"), span.buf ? span.buf : "");
	sb->failed |= span.failed;
	strbuf_release(&span);
	return true;
}

static bool put_rows(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	struct strbuf bounds = STRBUF_INIT;
	bool any = put_bounds(&bounds, check, "rows", lang);
	const char *per_unit = param(check, "per_unit");
	if (any)
		strbuf_printf(sb, msg_requirement(lang, per_unit && strcmp(per_unit, "true") == 0
							 ? "per_unit" : "in_dataset"),
			      bounds.buf);
	sb->failed |= bounds.failed;
	strbuf_release(&bounds);
	return any;
}

static bool put_type(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	const char *type = param(check, "type");
	if (!type)
		return false;
	if (strcmp(type, "date") != 0) {
		char key[32];
		snprintf(key, sizeof key, "type:%s", type);
		strbuf_puts(sb, msg_requirement(lang, key));
		return msg_requirement(lang, key)[0] != '\0';
	}
	struct strbuf shown = STRBUF_INIT;
	put_date_format(&shown, param(check, "format") ? param(check, "format") : "%Y-%m-%d");
	strbuf_printf(sb, msg_requirement(lang, "type:date"), shown.buf ? shown.buf : "");
	sb->failed |= shown.failed;
	strbuf_release(&shown);
	return true;
}

static bool put_in_ref(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	const char *codes = param(check, "codes"), *ref = param(check, "ref");
	if (ref && !strchr(ref, '#'))
		return put_with(sb, "enum", ref, lang);   /* a list written in the rule */
	if (!codes || !ref)
		return false;
	struct strbuf count = STRBUF_INIT, name = STRBUF_INIT;
	put_param_number(&count, codes, lang);
	put_ref_name(&name, ref);
	strbuf_printf(sb, msg_requirement_n(lang, "in_ref", count.buf ? count.buf : ""),
		      count.buf ? count.buf : "",
		      name.buf ? name.buf : "");
	sb->failed |= count.failed || name.failed;
	strbuf_release(&count);
	strbuf_release(&name);
	return true;
}

static bool put_columns_phrase(struct strbuf *sb, const json_t *check, const char *key,
			       dqa_lang lang)
{
	struct strbuf cols = STRBUF_INIT;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(check, "columns"), i, c)
		strbuf_printf(&cols, "%s%s", i ? " + " : "",
			      json_string_value(c) ? json_string_value(c) : "");
	bool any = cols.len > 0;
	if (any)
		strbuf_printf(sb, msg_requirement(lang, key), cols.buf);
	sb->failed |= cols.failed;
	strbuf_release(&cols);
	return any;
}

bool put_requirement(struct strbuf *sb, const json_t *check, dqa_lang lang)
{
	const char *kind = doc_str(check, "kind");
	if (!strcmp(kind, "rows"))
		return put_rows(sb, check, lang);
	if (!strcmp(kind, "fresh"))
		return put_fresh(sb, check, lang);
	if (!strcmp(kind, "file_age"))
		return put_file_age(sb, check, lang);
	if (!strcmp(kind, "type"))
		return put_type(sb, check, lang);
	if (!strcmp(kind, "in_ref"))
		return put_in_ref(sb, check, lang);
	if (!strcmp(kind, "range"))
		return put_bounds(sb, check, NULL, lang);
	if (!strcmp(kind, "length"))
		return put_bounds(sb, check, "characters", lang);
	if (!strcmp(kind, "unique"))
		return put_columns_phrase(sb, check, "unique", lang);
	static const struct { const char *kind, *param; } with_param[] = {
		{"regex", "pattern"}, {"enum", "values"}, {"required_columns", "columns"},
		{"metadata", "require"}, {"expr", "expr"},
	};
	for (size_t i = 0; i < sizeof with_param / sizeof *with_param; i++)
		if (!strcmp(kind, with_param[i].kind))
			return param(check, with_param[i].param) &&
			       put_with(sb, kind, param(check, with_param[i].param), lang);
	const char *fixed = msg_requirement(lang, kind);
	strbuf_puts(sb, fixed);
	return fixed[0] != '\0';
}
