/* Reading the result document's fields: accessors that never fail (a
 * missing string is "", a missing number NaN, a missing count 0). */
#include <math.h>
#include <string.h>

#include "report.h"

const char *doc_str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

const char *doc_value(const json_t *v, size_t *len)
{
	*len = json_string_length(v);
	return json_is_string(v) ? json_string_value(v) : "";
}

double doc_num(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

uint64_t doc_count(const json_t *obj, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(obj, key));
	return n > 0 ? (uint64_t)n : 0;
}

double doc_criterion(const json_t *obj, dqa_criterion c)
{
	return doc_num(json_object_get(obj, "criteria"), dqa_criterion_name(c));
}

dqa_status doc_status(const json_t *obj, const char *key)
{
	const char *s = doc_str(obj, key);
	for (dqa_status st = DQA_PASS; st < DQA_NO_SCORE; st++)
		if (strcmp(s, dqa_status_name(st)) == 0)
			return st;
	return DQA_NO_SCORE;
}
