/* dqa audit: its arguments, and the four ways it runs (one dataset or a
 * suite, reported or saved as a shard's state), one function each. */
#ifndef DQA_CLI_AUDIT_H
#define DQA_CLI_AUDIT_H

#include "result_output.h"
#include "rows_output.h"

struct shard_arg {
	unsigned index, count;    /* shard I of N */
};

struct audit_args {
	dqa_audit_options opts;   /* the library's defaults, then the options */
	struct result_output output;
	struct rows_output rows;
	const char *suite, *state;
	const char *keep_rows;    /* --keep-rows: a keep_rows_choices entry, or NULL */
	int64_t now;              /* --now, when now_given */
	struct shard_arg shard;   /* 1/1 unless --shard */
	bool now_given, shard_given, verbose;
	const struct command_help *help;   /* for usage errors found after the rules load */
	const char *rules;        /* RULES and DATA... (none with --suite; no DATA when
				   * the rule file names its source) */
	const char *const *data;
	size_t ndata;
};

/* RULES DATA...: audits, reports, gates. Returns the exit status. */
int audit_dataset(struct audit_args *a);
/* RULES DATA... --shard I/N --state FILE: the shard's state, no report. */
int audit_dataset_shard(struct audit_args *a);

#endif
