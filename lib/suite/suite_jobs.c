/* Auditing a suite's datasets side by side: JOBS threads take the next
 * dataset in suite order until none is left, and each audited dataset is
 * finished (summary, reports, history) in suite order, so the output is
 * the same whatever the number of jobs and at most JOBS results are held
 * at once; and dqa_suite_run, which runs them between the summary's start
 * and the city's pages. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "suite.h"
#include "../util/error.h"

struct jobs {
	struct dqa_suite *s;
	dqa_audit_options opts;       /* threads shared out, no progress */
	pthread_mutex_t lock;
	pthread_cond_t turn_done;
	size_t next;                  /* the next dataset to audit */
	size_t turn;                  /* the next dataset to finish */
	int code;                     /* the first failure in suite order, or 0 */
	dqa_error err;
};

static int audit_one(struct dqa_suite *s, size_t i, const dqa_audit_options *opts,
		     dqa_error *err)
{
	struct suite_dataset *d = &s->datasets[i];
	return dqa_audit_run(&d->result, d->rules, (const char *const *)d->inputs, d->ninputs,
			     opts, err);
}

/* Audits and finishes dataset i; 0 or its error. */
static int run_one(struct dqa_suite *s, size_t i, const dqa_audit_options *opts, dqa_error *err)
{
	FORWARD_IF_ERROR(audit_one(s, i, opts, err));
	return suite_finish_dataset(s, i, err);
}

/* Waits for dataset i's turn; false when an earlier one failed. */
static bool wait_turn(struct jobs *j, size_t i)
{
	while (j->turn != i && !j->code)
		pthread_cond_wait(&j->turn_done, &j->lock);
	return !j->code;
}

static void *worker(void *arg)
{
	struct jobs *j = arg;
	pthread_mutex_lock(&j->lock);
	while (!j->code && j->next < j->s->ndatasets && !dqa_cancelled()) {
		size_t i = j->next++;
		pthread_mutex_unlock(&j->lock);
		dqa_error err = {0};
		int rc = audit_one(j->s, i, &j->opts, &err);
		pthread_mutex_lock(&j->lock);
		if (!wait_turn(j, i)) {
			dqa_result_free(j->s->datasets[i].result);
			j->s->datasets[i].result = NULL;
			break;
		}
		pthread_mutex_unlock(&j->lock);
		if (rc == 0)
			rc = suite_finish_dataset(j->s, i, &err);
		else {
			dqa_result_free(j->s->datasets[i].result);
			j->s->datasets[i].result = NULL;
		}
		pthread_mutex_lock(&j->lock);
		if (rc < 0) {
			j->code = rc;
			j->err = err;
		}
		j->turn++;
		pthread_cond_broadcast(&j->turn_done);
	}
	pthread_mutex_unlock(&j->lock);
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
	if (j->code) {
		*err = j->err;
		return j->code;
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
			FORWARD_IF_ERROR(run_one(s, i, opts, err));
		return 0;
	}
	struct jobs j = {.s = s, .opts = *opts};
	j.opts.progress = NULL;
	if (!j.opts.threads)
		j.opts.threads = cores / njobs > 1 ? cores / (unsigned)njobs : 1;
	pthread_mutex_init(&j.lock, NULL);
	pthread_cond_init(&j.turn_done, NULL);
	int rc = run_parallel(&j, (unsigned)njobs, err);
	pthread_cond_destroy(&j.turn_done);
	pthread_mutex_destroy(&j.lock);
	return rc;
}

int dqa_suite_run(dqa_suite *s, const dqa_audit_options *opts, dqa_suite_sink *sink,
		  dqa_error *err)
{
	if (s->shards != 1)
		return error_at(err, DQA_EARG, s->path, DQA_NOPOS, NULL,
				"suite loaded for a shard: audit it with dqa_suite_shard");
	s->sink = sink;
	FORWARD_IF_ERROR(suite_begin(s, err));
	FORWARD_IF_ERROR(suite_audit_all(s, opts, err));
	FORWARD_IF_ERROR(suite_build_doc(s, opts->now, opts->generated_at, opts->show_paths, err));
	return suite_write_city(s, err);
}
