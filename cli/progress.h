/* A progress line on stderr while an audit reads, for a person waiting at a
 * terminal: shown only when stderr is a terminal, CI is not set, and the
 * audit has run for more than a second; cleared when it ends. */
#ifndef DQA_CLI_PROGRESS_H
#define DQA_CLI_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#include "dqa.h"

struct progress {
	struct timespec start;
	double last_drawn;
	bool shown;
};

/* Whether a progress line may be shown at all. */
bool progress_wanted(bool quiet);
void progress_start(struct progress *p);
/* A dqa_progress_fn; ctx is the struct progress. */
void progress_update(void *ctx, const dqa_progress *status);
void progress_finish(struct progress *p);
/* Seconds since progress_start. */
double progress_elapsed(const struct progress *p);

#endif
