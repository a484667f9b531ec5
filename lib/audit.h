/* The end of an audit, shared by dqa_audit_run and dqa_merge_run: a plan
 * scanned (or merged from shard states) through the dataset checks into a
 * scored result. */
#ifndef DQA_AUDIT_H
#define DQA_AUDIT_H

#include "plan.h"
#include "result.h"
#include "util/strbuf.h"

/* A result stamped with opts' now and generated_at, or NULL (no memory). */
struct dqa_result *audit_result_new(const dqa_audit_options *opts);
/* Copies the input names into the result and points the plan at them. */
int audit_inputs(struct dqa_result *r, struct plan *p, const char *const *inputs,
		 size_t ninputs, dqa_error *err);
/* Dataset checks, then the result built from the plan and scored. */
int audit_finish(struct dqa_result *r, struct plan *p, dqa_error *err);
/* Audits shard index of count of the inputs (as dqa_audit_shard) and
 * appends its state (state_encode) to out; *rows (when non-NULL) gets the
 * rows audited. Rows kept (opts keep_failed_rows, keep_records) are saved
 * beside state_path (state_save_rows); without a state_path (a dataset of
 * a suite state) none may be kept. */
int audit_shard_encode(const dqa_rules *rules, const char *const *inputs, size_t ninputs,
		       const dqa_audit_options *opts, unsigned index, unsigned count,
		       const char *state_path, struct strbuf *out, uint64_t *rows,
		       dqa_error *err);

#endif
