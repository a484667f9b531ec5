/* The statistics of one column over the rows a worker saw, merged across
 * workers: counts, kinds, lengths, extremes, value counts, a distinct
 * sketch, a quantile sketch, shapes and hygiene findings. */
#ifndef DQA_PROFILE_COLUMN_H
#define DQA_PROFILE_COLUMN_H

#include "counter.h"
#include "ddsketch.h"
#include "hll.h"
#include "kinds.h"
#include "../checks/text.h"

/* Distinct values counted exactly (and top values, quantiles exact) up to
 * this many; past it the sketches answer. */
enum { EXACT_DISTINCT = 10000, SHAPES_KEPT = 256 };

enum hygiene {
	HYG_WHITESPACE_ONLY, HYG_UNTRIMMED, HYG_LEADING_SPACE, HYG_TRAILING_SPACE, HYG_DOUBLE_SPACE, HYG_CONTROL,
	HYG_INVALID_UTF8,
	HYG_NON_NFC, HYG_LEGACY_ENCODING, HYG_PLACEHOLDER, NHYGIENE
};
const char *hygiene_name(enum hygiene h);

/* What one value adds to its column besides its count: the same at every
 * occurrence, so each worker works it out once per distinct value while
 * its memo has room (MEMO_VALUES values), and stops asking a full memo that
 * finds fewer values than it misses in MEMO_TRIAL misses (then folds its
 * repeats and frees it). */
enum { MEMO_VALUES = 2048, MEMO_TRIAL = 4096 };
struct value_facts {
	struct value_class vc;
	uint32_t hygiene;                /* bit h: finding h (enum hygiene) */
	struct value_bytes bytes;        /* shape, characters */
};

/* A memo entry's occurrences after its first, by their sample levels in the
 * value counter and in the shape counter: not yet in the column's counts
 * and counters (column_fold). */
struct memo_repeats {
	struct counter_levels value, shape;
	uint64_t shape_hash;             /* 0 until the first repeat */
};

/* A value kept as an extreme (min or max), owned; its buffer holds cap
 * bytes, so that a column whose extreme moves on every row (a row number)
 * copies without allocating. prefix is its first 8 bytes as a big-endian
 * number (zeros past its end): a lower prefix is a lower text. */
struct extreme {
	char *text;
	size_t len, cap;
	uint64_t prefix;
	double number;
	int64_t time;
};

/* First occurrences in a row with the same kinds, formats and findings:
 * not yet in the column's counts (column_fold). */
struct fact_run {
	uint32_t kinds, formats, hygiene;
	uint64_t n;
};

struct column_stats {
	uint64_t values;                 /* non-empty */
	uint64_t empty;                  /* empty or only spaces and tabs (as not_null
					    reads them); those with spaces are
					    also counted as HYG_WHITESPACE_ONLY,
					    since allow_empty skips none of them */
	uint64_t kinds[NKINDS];
	uint64_t formats[NTIME_FORMATS];
	uint64_t hygiene[NHYGIENE];
	uint64_t min_len, max_len;       /* in characters, of non-empty values */
	uint64_t numbers, times;         /* values with a number, a time */
	uint64_t number_placeholders;    /* placeholders that are numbers ("0"):
					    values once the column's type is a
					    number (column_finish) */
	struct extreme num_min, num_max, time_min, time_max, text_min, text_max;
	struct counter counts, shapes;
	struct hll distinct;
	struct ddsketch quantiles;
	struct strset memo;              /* value -> index in memo_facts, by
					    value_hash (strset's *_hashed
					    calls); this worker's, never merged */
	struct value_facts *memo_facts;
	struct memo_repeats *memo_repeats;
	size_t repeats_zeroed;           /* memo_repeats' entries written yet */
	uint32_t memo_hits, memo_misses;  /* since the memo was full, or the last trial */
	bool memo_off;                   /* it missed as often as it hit: no longer asked */
	struct shape_template template;  /* this worker's, never merged */
	uint32_t template_spacing;       /* the spacing findings of its values */
	struct fact_run run;
};

/* spare: what raises of the value counter's level fill, shared by a
 * thread's columns (not owned), or NULL for the counter's own. */
void column_init(struct column_stats *c, struct counter_spare *spare);
/* Counts one row's fields, fields[i] (lens[i] bytes) into cols[i] for
 * each of the ncols columns; those past n (a short row's) are empty, those
 * past ncols ignored. position is the row's counter_position, tb the
 * worker's normalisation buffer. Returns 0 or -1 out of memory. */
int columns_add(struct column_stats *cols, size_t ncols, const char *const *fields,
		const size_t *lens, size_t n, uint64_t position, int64_t now_year,
		struct text_buf *tb);
/* Adds the last run of first occurrences (struct fact_run) and the
 * repeats of the memo's values to the column's counts and counters: a
 * value seen again adds only to its memo entry's repeats (its extremes,
 * length and HyperLogLog register are those of its first occurrence).
 * Returns 0 or -1 out of memory. */
int column_fold(struct column_stats *c);
int column_merge(struct column_stats *into, struct column_stats *from);
/* After the last merge: in a column of numbers a 0 is a value, so its
 * placeholders that are numbers leave the hygiene findings. Returns 0 or
 * -1 out of memory. */
int column_finish(struct column_stats *c);
/* Frees c's memory and leaves it as column_init made it (same spare). */
void column_release(struct column_stats *c);

/* The column's type after the scan: the first kind (kinds.h order) that
 * TYPE_SHARE of the non-empty values pass, else KIND_TEXT; an empty column
 * is text. *format gets its date format or decimal separator, or NULL;
 * *share the share of non-empty values of that type (for a date, in that
 * format). */
#define TYPE_SHARE 0.9
enum value_kind column_type(const struct column_stats *c, const char **format, double *share);

#endif
