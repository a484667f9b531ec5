/* Auditing a suite's datasets side by side: JOBS threads take the next
 * dataset in suite order until none is left; each result lands in its
 * dataset's slot, so the suite is the same whatever the number of jobs. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "suite.h"
#include "../util/error.h"

struct jobs {
	struct dqa_suite *s;
	dqa_audit_options opts;       /* threads shared out, no progress */
	atomic_size_t next;
	int *codes;                   /* per dataset */
	dqa_error *errors;            /* per dataset */
};

static int audit_one(struct dqa_suite *s, size_t i, const dqa_audit_options *opts,
		     dqa_error *err)
{
	struct suite_dataset *d = &s->datasets[i];
	dqa_result_free(d->result);
	d->result = NULL;
	return dqa_audit_run(&d->result, d->rules, (const char *const *)d->inputs, d->ninputs,
			     opts, err);
}

static void *worker(void *arg)
{
	struct jobs *j = arg;
	size_t i;
	while ((i = atomic_fetch_add(&j->next, 1)) < j->s->ndatasets && !dqa_cancelled())
		j->codes[i] = audit_one(j->s, i, &j->opts, &j->errors[i]);
	return NULL;
}

static unsigned online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static int run_parallel(struct jobs *j, unsigned njobs, dqa_error *err)
{
	pthread_t *threads = calloc(njobs, sizeof *threads);
	RETURN_IF_NOMEM(threads, err);
	unsigned started = 0;
	while (started < njobs && pthread_create(&threads[started], NULL, worker, j) == 0)
		started++;
	if (started == 0)
		worker(j);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	for (size_t i = 0; i < j->s->ndatasets; i++)
		if (j->codes[i] < 0) {
			*err = j->errors[i];
			return j->codes[i];
		}
	return dqa_cancelled() ? error_at(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "interrupted")
			       : 0;
}

int suite_audit_all(struct dqa_suite *s, const dqa_audit_options *opts, dqa_error *err)
{
	unsigned cores = online_cores();
	size_t njobs = opts->jobs ? opts->jobs : cores;
	if (njobs > s->ndatasets)
		njobs = s->ndatasets;
	if (njobs <= 1) {
		for (size_t i = 0; i < s->ndatasets; i++)
			FORWARD_IF_ERROR(audit_one(s, i, opts, err));
		return 0;
	}
	struct jobs j = {.s = s, .opts = *opts};
	j.opts.progress = NULL;
	if (!j.opts.threads)
		j.opts.threads = cores / njobs > 1 ? cores / (unsigned)njobs : 1;
	j.codes = calloc(s->ndatasets, sizeof *j.codes);
	j.errors = calloc(s->ndatasets, sizeof *j.errors);
	int rc = j.codes && j.errors ? run_parallel(&j, (unsigned)njobs, err) : error_nomem(err);
	free(j.codes);
	free(j.errors);
	return rc;
}
