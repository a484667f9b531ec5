/* A check's label: the rule's own, or made from kind and columns. */
#include <string.h>

#include "labels.h"
#include "messages.h"
#include "report.h"

/* Enough for any label a person reads; more columns end in an ellipsis. */
enum { LABEL_COLUMNS = 16 };

void check_label(struct strbuf *sb, dqa_lang lang, const struct check_label_source *src)
{
	const char *given = lang == DQA_LANG_VI ? src->label_vi : src->label_en;
	if (!given || !given[0])
		given = lang == DQA_LANG_VI ? src->label_en : src->label_vi;
	if (given && given[0]) {
		strbuf_puts(sb, given);
		return;
	}
	const char *words = msg_kind_label(lang, src->kind, src->type);
	if (!words) {
		strbuf_puts(sb, src->id && src->id[0] ? src->id : src->kind);
		return;
	}
	strbuf_puts(sb, words);
	if (strcmp(src->kind, "expr") == 0 && src->expr && src->expr[0]) {
		strbuf_printf(sb, ": %s", src->expr);
		return;
	}
	for (size_t i = 0; i < src->ncolumns; i++)
		strbuf_printf(sb, "%s%s", i ? ", " : " (", src->columns[i]);
	if (src->ncolumns)
		strbuf_putc(sb, ')');
}

/* A string member of the check's "params" object, NULL when absent. */
static const char *doc_param(const json_t *check, const char *name)
{
	const char *s = json_string_value(json_object_get(json_object_get(check, "params"), name));
	return s && s[0] ? s : NULL;
}

void check_label_doc(struct strbuf *sb, dqa_lang lang, const json_t *check)
{
	const char *columns[LABEL_COLUMNS + 1];
	size_t n = 0, i;
	json_t *col;
	json_array_foreach(json_object_get(check, "columns"), i, col) {
		if (n == LABEL_COLUMNS) {
			columns[n++] = "\u2026";
			break;
		}
		if (json_string_value(col))
			columns[n++] = json_string_value(col);
	}
	const json_t *label = json_object_get(check, "label");
	struct check_label_source src = {
		.id = doc_str(check, "id"), .kind = doc_str(check, "kind"),
		.columns = columns, .ncolumns = n,
		.label_en = json_is_string(label) ? json_string_value(label) : doc_str(label, "en"),
		.label_vi = json_is_string(label) ? json_string_value(label) : doc_str(label, "vi"),
		.type = doc_param(check, "type"), .expr = doc_param(check, "expr"),
	};
	check_label(sb, lang, &src);
}

static const char *res_param(const struct res_check *c, const char *name)
{
	for (size_t i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return c->params[i].value;
	return NULL;
}

void check_label_result(struct strbuf *sb, dqa_lang lang, const struct res_check *check)
{
	struct check_label_source src = {
		.id = check->id, .kind = check->kind,
		.columns = check->columns, .ncolumns = check->ncolumns,
		.label_en = check->label_en, .label_vi = check->label_vi,
		.type = res_param(check, "type"), .expr = res_param(check, "expr"),
	};
	check_label(sb, lang, &src);
}
