/* Pieces shared by index.html and the unit pages: the page shell with its
 * inline stylesheet (screen and A4 print), status badges and score cells. */
#ifndef DQA_REPORT_HTML_H
#define DQA_REPORT_HTML_H

#include "report.h"

/* In the <head> of every page dqa writes, so that pages of an earlier run
 * can be told from files someone else put in the folder. */
#define HTML_GENERATOR_MARKER "<meta name=\"generator\" content=\"dqa\">"

/* Doctype, <head> with the stylesheet and title "TITLE_PREFIX: TITLE",
 * then <body>. */
void html_begin(struct strbuf *out, dqa_lang lang, const char *title_prefix, const char *title);
void html_end(struct strbuf *out);
/* CSS class suffix of a status: pass, warn, fail, missing, na. */
const char *html_status_class(dqa_status s);
/* <span class="st st-CLASS">STATUS</span> */
void html_badge(struct strbuf *out, dqa_lang lang, dqa_status s);
/* data-l="LABEL" (nothing for NULL): the column name a cell of a table
 * with class "stack" shows above its value on a phone. */
void html_label(struct strbuf *out, const char *label);
/* A table cell coloured by status, its sort value in data-v, labelled
 * (label may be NULL). */
void html_score_cell(struct strbuf *out, const char *label, double score, dqa_status s,
		     int decimals, dqa_lang lang);
/* A card: label, big score and badge. */
void html_score_card(struct strbuf *out, const char *label, double score, dqa_status s,
		     dqa_lang lang);
/* Under the heading title and the line lead, the failing checks, most
 * points lost first, each with its requirement, what was found, a
 * how-to-fix hint that fits it and its samples; then every check's counts,
 * score, threshold, cost and status in a collapsed table: a unit's page,
 * and the dataset checks of index.html. */
void html_check_details(const struct dqa_report *rep, const json_t *checks, const char *title,
			const char *lead, dqa_lang lang, struct strbuf *out);
/* A warning's reasons (put_reasons) as a list, each with the id of the
 * check it names in unit (which may be NULL) as a small second line. */
void html_put_reasons(struct strbuf *out, const json_t *warning, const json_t *unit,
		      dqa_lang lang);
/* The unit's code and name (put_unit_title), escaped. */
void html_put_unit(struct strbuf *out, const json_t *unit, dqa_lang lang);
/* A check's label, then its id on a small second line. */
void html_put_check(struct strbuf *out, const json_t *check, dqa_lang lang);
/* A check id in <code>, breakable after each dot on narrow screens. */
void html_put_id(struct strbuf *out, const char *id);
/* <th> cells from a NULL-terminated list of labels; kinds has one letter
 * per label, 'n' for a right-aligned numeric column, 't' for text.
 * sortable adds data-sort for the table script. */
void html_head_row(struct strbuf *out, const char *const *labels, const char *kinds,
		   bool sortable);

/* An inline SVG line through n points (NaN: a gap), scaled from lo to hi
 * (spark_range), with a dot on the newest point in last_status's colour. */
void html_sparkline(struct strbuf *out, const double *p, size_t n, int w, int h, double lo,
		    double hi, dqa_status last_status);

#endif
