/* A dataset's profile: the statistics of every column over all inputs,
 * and with --by-unit each unit's rows and empty fields. Built by one
 * parallel scan (profile.c), rendered by profile_json.c and
 * profile_text.c, read by suggest. */
#ifndef DQA_PROFILE_PROFILE_H
#define DQA_PROFILE_PROFILE_H

#include "dqa.h"
#include "column.h"
#include "../util/strset.h"

/* What one worker counted (the first one's ends up holding the total). */
struct profile_part {
	const struct dqa_profile *profile;   /* header, options */
	struct column_stats *cols;
	struct counter_spare spare;          /* the columns' value counters' */
	uint64_t rows, blank_rows, short_rows, long_rows;
	struct text_buf tb;
	struct strset units;                 /* unit name -> index */
	uint64_t *unit_rows, *unit_empty;    /* [unit], [unit * ncols + col] */
	size_t units_cap;
};

struct dqa_profile {
	char **inputs;
	size_t ninputs;
	char **header;
	size_t ncols;
	int unit_col;                        /* -1 without --by-unit */
	int64_t now, now_year;
	const char *encoding;                /* its name, or NULL: UTF-8 */
	const char *unit_column;             /* asked for, or NULL */
	bool by_unit;
	dqa_holdout holdout;                 /* the rows read, for a second scan */
	unsigned threads;
	size_t block_size;
	struct profile_part total;
};

/* A unit of --by-unit: its name (in total's table, not NUL-terminated) and
 * its index into total's arrays. */
struct unit_ref {
	const char *name;
	size_t len, index;
};

/* The units in byte order of their names; malloc'd, its length in *n (NULL
 * with *n 0 when there are none). */
struct unit_ref *profile_units_sorted(const struct dqa_profile *p, size_t *n);

/* The profile as JSON (dqa(1), PROFILES), text or Markdown, into out. */
struct strbuf;
void profile_write_json(const struct dqa_profile *p, struct strbuf *out);
void profile_write_text(const struct dqa_profile *p, struct strbuf *out, bool markdown);
void profile_write_html(const struct dqa_profile *p, dqa_lang lang, struct strbuf *out);

#endif
