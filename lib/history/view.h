/* Helpers shared by the trend and weekly writers: safe cells for each
 * output format, and score formatting. */
#ifndef DQA_HISTORY_VIEW_H
#define DQA_HISTORY_VIEW_H

#include <stdio.h>

#include "../dqa.h"

/* A name from the data for a terminal: control characters as '?', cut to
 * width characters and padded to it (width 0: neither). "(empty)" for "". */
void view_name(FILE *out, const char *name, int width);
/* A CSV field, quoted when needed, with a leading = + - @ defused by a '. */
void view_csv(FILE *out, const char *s);
/* Text with & < > " escaped for HTML. */
void view_html(FILE *out, const char *s);
/* A Markdown table cell: | and control characters escaped. */
void view_md(FILE *out, const char *s);
/* A JSON string literal. */
void view_json(FILE *out, const char *s);
/* v as "%.2f" (sign: "%+.2f"), rounded half away from zero, into buf (at
 * least VIEW_NUM bytes); dash when v is NaN. Returns buf or dash. */
enum { VIEW_NUM = 24 };
const char *view_num(char *buf, double v, bool sign, const char *dash);
/* Two decimals, half away from zero. */
double view_round(double v);

#endif
