/* Every word a report shows a person, in English and Vietnamese, from one
 * table: labels, statuses, criterion names and how-to-fix hints. */
#ifndef DQA_REPORT_MESSAGES_H
#define DQA_REPORT_MESSAGES_H

#include "../dqa.h"

enum msg {
	M_TITLE, M_DATASET, M_RULES, M_INPUTS, M_NOW, M_GENERATED, M_ROWS, M_OVERALL,
	M_SCORE, M_STATUS, M_UNIT, M_UNITS, M_CRITERION, M_THRESHOLDS, M_PASS_FROM,
	M_FAIL_BELOW, M_HEATMAP, M_FILTER, M_ALL_STATUSES, M_HISTOGRAM, M_HISTOGRAM_AXIS,
	M_CHECK_BARS, M_CHECK_BARS_NOTE, M_UNITS_BELOW, M_WARNINGS, M_NO_WARNINGS,
	M_REASONS, M_CHECK, M_KIND, M_COLUMNS, M_EVALUATED, M_FAILED, M_THRESHOLD,
	M_COST, M_SAMPLES, M_LINE, M_CELL, M_FILE, M_VALUES, M_HOW_TO_FIX, M_RULE_MESSAGE,
	M_NOTE, M_NO_ROWS, M_BACK, M_ALL_PASS, M_MASKED, M_MADE_BY,
	M_EMPTY_NAME, M_AND_MORE, M_WORST_FIRST, M_NO_CHECKS,
	M_FAILED_UNIT_CHECKS, M_NO_ROWS_SHORT, M_SCORE_WORD,
	M_TREND, M_TREND_RUNS, M_TREND_TO, M_TREND_THIS_RUN, M_TREND_SCALE, M_NO_EARLIER_RUNS,
	M_DROPS, M_NO_DROPS, M_PREVIOUS, M_CHANGE, M_DATASET_CHECKS, M_DATASET_CHECKS_NOTE,
	M_NO_UNITS,
	/* trend and weekly warning views */
	M_DATASET_ROW, M_TREND_RUNS_WORD, M_RUN_WORD, M_FROM, M_LAST, M_SINCE_LAST_RUN,
	M_SINCE_LAST_WEEK, M_TREND_LAST_RUNS, M_WORSE_WEEK, M_NEW_RULES, M_RULES_CHANGED,
	M_RULES_CHANGED_WHY, M_WEEK, M_WEEKLY_TITLE, M_UNITS_LISTED, M_TARGET, M_TARGET_STATUS,
	M_TARGET_SCORE, M_STREAK, M_STREAK_WEEKS, M_WEEK_WORD, M_WEEKS_WORD, M_REASONS_WORD,
	M_MISSING_NO_RUN, M_MISSING_NO_ROWS, M_BELOW_TARGET, M_STALLED, M_NOTHING_LISTED,
	M_TREND_PAGE, M_WARNINGS_PAGE, M_HISTORY_PAGES, M_LAST_RUN, M_LAST_WEEK, M_TREND_WORD,
	M_RULES_CHANGED_CAP, M_WORSE_WEEK_CAP, M_MADE_BY_VIEW, M_WARNINGS_HEADING, M_STREAK_TITLE,
	M_REASONS_TITLE, M_SINCE_LAST_RUN_TITLE, M_SINCE_LAST_WEEK_TITLE, M_LISTED_CAP,
	M_BELOW_TARGET_CAP, M_MISSING_CAP, M_STALLED_CAP,
	/* the city dashboard and summary */
	M_CITY_TITLE, M_DATASETS_WORD, M_DATASET_SCORES, M_UNITS_BY_DATASET,
	M_UNITS_BY_DATASET_NOTE, M_CITY_WARNINGS, M_CITY_NO_WARNINGS, M_SUITE_WORD, M_UNIT_ROWS,
	M_MEAN, M_DATASETS_COUNT,
	/* words of the terminal summaries */
	M_UNIT_WORD, M_UNITS_WORD, M_OVERALL_WORD, M_DATASET_WORD, M_STATUS_WORD, M_ROWS_WORD,
	M_RULES_WORD, M_ROW_WORD, M_ROWS_NOUN, M_IN, M_INPUT_WORD, M_INPUTS_WORD, M_NOW_WORD,
	M_NO_CRITERION_SCORED, M_DATASET_CHECKS_TEXT, M_FAILED_OF, M_COST_WORD, M_NO_UNITS_TEXT,
	M_NO_WARNINGS_TEXT, M_WARNINGS_TEXT,
	/* a unit's fix list */
	M_FIX_FIRST, M_FIX_FIRST_NOTE, M_REQUIREMENT, M_FOUND, M_ALL_CHECKS, M_NEEDS_SHARE,
	M_RECORD_KEY,
	/* a unit's failed-row file */
	M_FAILED_ROWS_LINK, M_FAILED_ROWS_FORMAT, M_FAILED_ROWS_LEFT_OUT,
	/* the map of unit scores */
	M_MAP, M_MAP_NOTE, M_MAP_CITY, M_MAP_CITY_NOTE, M_MAP_NO_ROWS, M_MAP_NOT_ON_MAP,
	M_MAP_NO_SHAPES,
	/* the profile page */
	M_PROFILE_TITLE, M_PROFILE_COLUMN, M_PROFILE_TYPE, M_PROFILE_EMPTY, M_PROFILE_DISTINCT,
	M_PROFILE_MIN, M_PROFILE_MAX, M_PROFILE_HYGIENE, M_PROFILE_TOP, M_PROFILE_SHAPES,
	M_PROFILE_VALUE, M_PROFILE_COUNT, M_PROFILE_NONE, M_PROFILE_ESTIMATED,
	M_COUNT
};

const char *msg(dqa_lang lang, enum msg id);
/* The message id for a count of n (the count its noun agrees with): the
 * singular form when n is 1 and the words change, else msg(lang, id). */
const char *msg_n(dqa_lang lang, enum msg id, uint64_t n);
const char *msg_criterion(dqa_lang lang, dqa_criterion c);
/* The criterion's name in at most 7 characters, for the terminal table. */
const char *msg_criterion_short(dqa_lang lang, dqa_criterion c);
/* The criterion's name capitalised, for card titles and headings. */
const char *msg_criterion_title(dqa_lang lang, dqa_criterion c);
const char *msg_status(dqa_lang lang, dqa_status s);
/* What a check's counts count ("rows", "fields", ... as in result.json),
 * as a noun for n of them (singular for 1); an unknown word is returned as
 * it is. */
const char *msg_counts(dqa_lang lang, const char *counts, uint64_t n);
/* What a check of this kind asks, in a few words ("Real calendar dates"),
 * for a label made from kind and columns; type: a type check's type, or
 * NULL. NULL for a kind the catalogue does not know. */
const char *msg_kind_label(dqa_lang lang, const char *kind, const char *type);
/* A plain-language hint for fixing a failed check of this kind (type: a
 * type check's type, or NULL); samples: whether failed rows are shown
 * with it, which the generic hint may point at. */
const char *msg_hint(dqa_lang lang, const char *kind, const char *type, bool samples);
/* A profile's hygiene finding by its JSON name ("leading_space", ...); an
 * unknown name is returned as it is. */
const char *msg_hygiene(dqa_lang lang, const char *name);
/* A requirement phrase by key ("at_least", "rows", "fresh", ...; see
 * requirements.c), a printf format; "" for an unknown key. */
const char *msg_requirement(dqa_lang lang, const char *key);
/* msg_requirement for a phrase about a count written as number: its
 * singular ("%s row", key "rows:one") when number is "1". */
const char *msg_requirement_n(dqa_lang lang, const char *key, const char *number);
/* A duration unit's word (timeparse.h's enum duration_unit), plural when
 * many. */
const char *msg_duration_unit(dqa_lang lang, int unit, bool many);

#endif
