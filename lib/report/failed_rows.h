/* The rows an audit kept, as files (failed_rows.c): the failed-rows file,
 * the quarantine split, and the report folder's units/UNIT.failed.csv. */
#ifndef DQA_REPORT_FAILED_ROWS_H
#define DQA_REPORT_FAILED_ROWS_H

#include "../rowlog.h"
#include "../util/fileio.h"
#include "report.h"

/* Lines a unit's failed-row file holds at most unless
 * dqa_report_set_failed_rows_max says otherwise. */
#define REPORT_FAILED_ROWS_MAX 10000

/* A unit's failed-row file: its name's end, and how it starts (the BOM and
 * the header's first column), which tells stale files dqa wrote apart. */
#define FAILED_ROWS_FILE_SUFFIX ".failed.csv"
#define FAILED_ROWS_FILE_START "\xEF\xBB\xBF" "unit,"

/* What a unit's failed-row file holds, for its page's link. */
struct unit_failed_rows {
	uint64_t rows, lines;         /* rows with a failure, lines written */
	uint64_t left_out;            /* lines beyond the bound */
};

/* units/UNIT.failed.csv for every unit of rep with a failed row, added to
 * batch (labels in lang), and rep->failed_rows filled for the unit pages.
 * Nothing without rep->rowlog. */
int failed_rows_add_unit_files(struct file_batch *batch, const struct dqa_report *rep,
			       const char *units_dir, dqa_lang lang, dqa_error *err);
/* The file name of unit i's failed rows (unit_files[i] with .failed.csv
 * for .html) into out (cap bytes). */
void failed_rows_file_name(const struct dqa_report *rep, size_t unit, char *out, size_t cap);

#endif
