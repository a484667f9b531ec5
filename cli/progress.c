#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Redraws at most this often, in seconds. */
#define REDRAW_EVERY 0.2

bool progress_wanted(bool quiet)
{
	const char *term = getenv("TERM"), *ci = getenv("CI");
	return !quiet && isatty(STDERR_FILENO) && !(ci && ci[0]) && !(term && !strcmp(term, "dumb"));
}

double progress_elapsed(const struct progress *p)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) +
	       (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

void progress_start(struct progress *p)
{
	*p = (struct progress){0};
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void progress_update(void *ctx, const dqa_progress *s)
{
	struct progress *p = ctx;
	double elapsed = progress_elapsed(p);
	if (elapsed < 1.0 || elapsed - p->last_drawn < REDRAW_EVERY)
		return;
	p->last_drawn = elapsed;
	p->shown = true;
	char share[32] = "";
	if (s->total_bytes)
		snprintf(share, sizeof share, "%3.0f%% ",
			 100.0 * (double)s->bytes / (double)s->total_bytes);
	char inputs[32] = "";
	if (s->ninputs > 1)
		snprintf(inputs, sizeof inputs, "file %zu/%zu ", s->input + 1, s->ninputs);
	fprintf(stderr, "\r\033[Kdqa: %s%s%.1f M lines, %.0f MB/s, %.2f M lines/s", inputs, share,
		(double)s->lines / 1e6, (double)s->text_bytes / 1e6 / elapsed,
		(double)s->lines / 1e6 / elapsed);
	fflush(stderr);
}

void progress_finish(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
}
