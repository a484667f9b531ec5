/* Shared by the report renderers: the loaded result document, accessors
 * that tolerate missing or mistyped fields (a saved file may be edited or
 * hostile), and one entry point per renderer. */
#ifndef DQA_REPORT_H
#define DQA_REPORT_H

#include <jansson.h>

#include "../dqa.h"
#include "../util/strbuf.h"
#include "format.h"

/* Trend lines from a history (unit_trends.c): per unit, then one row for
 * the dataset, TREND_POINTS slots of which the first npoints are used,
 * oldest first, the last being this report's score; NaN: no score. */
enum { TREND_POINTS = 30 };

struct rowlog;
struct unit_failed_rows;

struct report_trend {
	double *points;
	size_t npoints;
	int64_t first_run, last_run;    /* the earlier runs shown (npoints > 1) */
};

struct dqa_report {
	json_t *doc;
	char *json;              /* the document's text, written to result.json unchanged */
	size_t json_len;
	json_t *units;           /* doc.units, an array (possibly empty) */
	json_t *dataset_checks;  /* doc.dataset_checks, an array or NULL (read as empty) */
	char **unit_files;       /* per unit: its page's file name under units/, unique */
	struct report_trend *trend;   /* NULL without a history */
	double drop_alert;       /* points a drop exceeds to show red, when set */
	bool drop_alert_set;     /* else REPORT_DROP_ALERT */
	bool history_pages;      /* trend.html and warnings.html sit beside index.html */
	bool unit_pages;         /* units/UNIT.html sit beside index.html (--out) */
	const struct rowlog *rowlog;   /* the audit's kept rows, or NULL */
	struct unit_failed_rows *failed_rows;   /* per unit, with rowlog: what its
						   failed-row file holds */
	uint64_t failed_rows_max;      /* lines per unit file, 0: no bound */
};

/* Without --max-drop, a drop since the last run shows red beyond a point. */
#define REPORT_DROP_ALERT 1.0

/* A unit's trend points (row = its index), or the dataset's (row = the
 * number of units). Only when rep->trend is set. */
const double *report_trend_points(const struct dqa_report *rep, size_t row);
void report_trend_free(struct report_trend *rt);

/* "" when missing or not a string. */
/* The result's JSON document (dqa_result_json), ending in a newline:
 * malloc'd, NULL when out of memory. */
char *result_json(const struct dqa_result *res);

const char *doc_str(const json_t *obj, const char *key);
/* A string's bytes and their count in *len ("" and 0 when v is not a
 * string): for sample values, the one kind of string that may hold NUL
 * bytes (the loader refuses them elsewhere). */
const char *doc_value(const json_t *v, size_t *len);
/* NaN when missing, null or not a number. */
double doc_num(const json_t *obj, const char *key);
/* 0 when missing or not a non-negative integer. */
uint64_t doc_count(const json_t *obj, const char *key);
/* A criterion's score in a "criteria" object, NaN when null. */
double doc_criterion(const json_t *obj, dqa_criterion c);
/* "pass" ... "n/a" to the enum; DQA_NO_SCORE for anything else. */
dqa_status doc_status(const json_t *obj, const char *key);
/* The status a score has under the document's thresholds (criteria carry
 * no status of their own in the JSON). */
dqa_status doc_status_of(const struct dqa_report *rep, double score);
/* The unit's name for people: "(empty)" for the empty name. */
const char *unit_label(const json_t *unit, dqa_lang lang);
/* The unit as people read it, appended to sb as plain text: its code
 * (unit_label), then " · NAME" when the expected units name it
 * ("00004 · Phường Ba Đình"). unit is a unit or a warning object. */
void put_unit_title(struct strbuf *sb, const json_t *unit, dqa_lang lang);
/* The same from the code and the name (NULL or "" when none). */
void put_unit_code_name(struct strbuf *sb, const char *code, const char *name, dqa_lang lang);
/* A warning's reasons for people, list_separator between them, each passed to put
 * (which escapes it) as plain text: "no rows" translated, "CHECK SCORE"
 * with the score in the language's notation ("66,7" in vi), CHECK the
 * check's label when unit (the warning's unit object) has the check, else
 * its id. */
void put_reasons(struct strbuf *sb, const json_t *warning, const json_t *unit, dqa_lang lang,
		 void (*put)(struct strbuf *sb, const char *text));
/* One reason of put_reasons, appended to sb as plain text; returns the
 * check of unit it names, NULL when none ("no rows", an id unit lacks). */
const json_t *put_reason(struct strbuf *sb, const char *reason, const json_t *unit,
			 dqa_lang lang);
/* A sample's columns to show, as a new object (the caller json_decrefs
 * it; NULL when out of memory): the record's key columns ("key") first,
 * then the checked values ("values") not among them. */
json_t *sample_columns(const json_t *sample);
/* Whether a sample column of this name is a record key column. */
bool sample_is_key(const json_t *sample, const char *name);
/* The index in a "units" array of the unit of this name, by binary search
 * (dqa sorts units by name); the unit count when it is not there. */
size_t doc_unit_index(const json_t *units, const char *name);
/* The check of a unit (or dataset_checks array's owner) with this id, NULL
 * when none. checks is a "checks" array. */
const json_t *doc_check_by_id(const json_t *checks, const char *id);
/* A unit's criterion status: missing for a missing unit's scored
 * criteria, else by score (n/a for a criterion without checks). */
dqa_status doc_criterion_status(const struct dqa_report *rep, const json_t *unit, double score);
/* Why a check failed, as plain text: "3 of 31 rows failed" naming what
 * the check counts (rows, fields...), "(passes from 90.0% of them)" when
 * not every one must pass, then ": NOTE" when the check has a note; only
 * the note for a check with one verdict ("95 rows in this unit"). */
void put_failure_summary(struct strbuf *sb, const json_t *check, dqa_lang lang);
/* What the check asks, in words, from its kind and params ("at least 10
 * rows per unit"), appended to sb as plain text; false (nothing written)
 * when the kind has no such phrase (requirements.c). */
bool put_requirement(struct strbuf *sb, const json_t *check, dqa_lang lang);
/* A check's note (result.json keeps it in English) for people, as plain
 * text: in vi its known phrases translated, quoted values kept (notes.c). */
void put_note(struct strbuf *sb, const char *note, dqa_lang lang);

/* One check summed over all units, for the failure bars. */
struct check_total {
	const char *id, *kind, *criterion;
	const json_t *check;      /* its first check object, for the label */
	uint64_t evaluated, failed;
	size_t units_failing;     /* units where the check is below its threshold */
};

/* The checks of the document, highest failure share first (ties by id).
 * Returns the count, *out malloc'd (caller frees); (size_t)-1 when out of
 * memory. */
size_t report_check_totals(const struct dqa_report *rep, struct check_total **out);

/* Renderers: append one report to out (allocation failure is sticky in out). */
void render_csv_scores(const struct dqa_report *rep, struct strbuf *out);
void render_csv_checks(const struct dqa_report *rep, struct strbuf *out);
void render_csv_warnings(const struct dqa_report *rep, struct strbuf *out);
void render_markdown(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);
void render_junit(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);
void render_html_index(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);
void render_html_unit(const struct dqa_report *rep, size_t unit, dqa_lang lang,
		      struct strbuf *out);

/* Removes the pages under units_dir that dqa wrote and that no unit of rep
 * has now (see stale.c). A missing folder is fine. */
int report_remove_stale_pages(const struct dqa_report *rep, const char *units_dir,
			      dqa_error *err);

/* Gives every unit a file name under units/ (see names.c). */
int report_name_units(struct dqa_report *rep);

#endif
