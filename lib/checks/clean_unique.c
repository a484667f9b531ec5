/* clean.unique: a row fails when its key (one or more columns) already
 * occurred earlier in the dataset, in file order; the first occurrence
 * passes and the failure belongs to the later row's unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "../strbuf.h"
#include "../strset.h"

struct unique_state {
	struct strset seen;       /* key -> where it first occurred */
	struct strbuf key;
};

/* First occurrence packed as input index (high 16 bits) and line. */
enum { WHERE_INPUT_SHIFT = 48 };

static int unique_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	struct unique_state *s = calloc(1, sizeof *s);
	RETURN_IF_NOMEM(s, err);
	b->state = s;
	return 0;
}

static bool unique_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	struct unique_state *s = b->state;
	strbuf_reset(&s->key);
	for (size_t i = 0; i < b->def->ncols; i++) {
		/* Length-prefixed parts, so ("a,b", "c") and ("a", "b,c") differ. */
		uint32_t len = (uint32_t)row->lens[b->cols[i]];
		strbuf_add(&s->key, &len, sizeof len);
		strbuf_add(&s->key, row->fields[b->cols[i]], len);
	}
	uint64_t where = (uint64_t)row->input << WHERE_INPUT_SHIFT | row->line;
	int added = strset_put(&s->seen, s->key.buf ? s->key.buf : "", s->key.len, &where);
	if (added != 0)
		return true;   /* new key (or out of memory: never a false duplicate) */
	if (note) {
		uint64_t line = where & ((1ULL << WHERE_INPUT_SHIFT) - 1);
		size_t input = (size_t)(where >> WHERE_INPUT_SHIFT);
		if (input == row->input)
			snprintf(note, cap, "duplicate of line %llu", (unsigned long long)line);
		else
			snprintf(note, cap, "duplicate of %s line %llu",
				 b->plan->inputs[input], (unsigned long long)line);
	}
	return false;
}

static void unique_unbind(struct bound_check *b)
{
	struct unique_state *s = b->state;
	if (!s)
		return;
	strset_release(&s->seen);
	strbuf_release(&s->key);
	free(s);
}

const struct check_ops check_unique = {
	.kind = "unique", .scope = SCOPE_ROW, .shape = SHAPE_KEY, .bind = unique_bind,
	.row = unique_row, .unbind = unique_unbind,
};
