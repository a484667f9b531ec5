/* A type or date check that fails nearly every value of its column is more
 * likely a wrong rule (a format without the seconds the data has, ISO dates
 * declared for day-first ones) than wrong data: its failing units get a
 * note that says so and names what reads the values instead. The score
 * stands. */
#ifndef DQA_SUSPECT_H
#define DQA_SUSPECT_H

#include "result.h"

/* Fails this share of what it evaluated, or more (at least
 * SUSPECT_MIN_EVALUATED values over all units). */
#define SUSPECT_SHARE 0.9
enum { SUSPECT_MIN_EVALUATED = 10 };

int result_note_suspect_rules(struct dqa_result *r, dqa_error *err);

#endif
