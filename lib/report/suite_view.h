/* Rendering a suite (many datasets of one city) from its JSON document
 * (dqa(1), SUITES): the terminal summary and summary.md (suite_tables.c),
 * and the city dashboard index.html (suite_page.c). */
#ifndef DQA_REPORT_SUITE_VIEW_H
#define DQA_REPORT_SUITE_VIEW_H

#include <jansson.h>
#include <stdio.h>

#include "../dqa.h"
#include "../util/strbuf.h"
#include "history_view.h"

void render_suite_text(const json_t *doc, dqa_lang lang, struct strbuf *out);
/* render_suite_text written to out: 0 or DQA_EIO. */
int render_suite_text_to(const json_t *doc, dqa_lang lang, FILE *out);
void render_suite_md(const json_t *doc, dqa_lang lang, struct strbuf *out);

/* What the dashboard links to besides each dataset's DATASET/index.html:
 * unit pages (unit_href, NULL: none) and the city's history pages. */
struct suite_links {
	view_unit_href *unit_href;
	const void *href_ctx;
	bool history_pages;       /* trend.html and warnings.html beside index.html */
};

void render_suite_html(const json_t *doc, const struct suite_links *links, dqa_lang lang,
		       struct strbuf *out);

#endif
