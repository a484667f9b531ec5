/* Trend lines of index.html (trend_lines.c); only when rep->trend is set. */
#ifndef DQA_REPORT_TREND_LINES_H
#define DQA_REPORT_TREND_LINES_H

#include "report.h"

/* The unit table's trend cell: sparkline and change since the previous
 * run, sorting by that change. */
void trend_cell(struct strbuf *out, const struct dqa_report *rep, size_t unit, dqa_lang lang);
/* The trend section: the dataset's line and the largest drops; nothing
 * without a history. */
void trend_section(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);

#endif
