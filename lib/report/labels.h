/* A check's label for people, in the report's language: the rule's own
 * `label`, or one made from the check's kind and columns through the
 * message catalogue ("Real calendar dates (birth_date)"). Ids stay what
 * machines read (result.json, the CSV files). */
#ifndef DQA_REPORT_LABELS_H
#define DQA_REPORT_LABELS_H

#include <jansson.h>

#include "../dqa.h"
#include "../result.h"
#include "../util/strbuf.h"

/* What a label is made from. Strings may be NULL unless said otherwise. */
struct check_label_source {
	const char *id;                /* shown when nothing else names the check */
	const char *kind;              /* not NULL */
	const char *const *columns;    /* ncolumns of them */
	size_t ncolumns;
	const char *label_en, *label_vi;   /* the rule's `label` */
	const char *type;              /* a type check's type parameter */
	const char *expr;              /* an expr check's expression */
};

/* Appends the label of the check src describes in lang to sb, as plain
 * text (the caller escapes it for its format): the rule's label in lang
 * (the other language's when only that one was given), else the kind's
 * words and the columns in parentheses, else the id. */
void check_label(struct strbuf *sb, dqa_lang lang, const struct check_label_source *src);
/* The same for a check object of a result document (result.json). */
void check_label_doc(struct strbuf *sb, dqa_lang lang, const json_t *check);
/* The same for a check of a scored result. */
void check_label_result(struct strbuf *sb, dqa_lang lang, const struct res_check *check);

#endif
