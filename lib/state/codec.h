/* The encoding inside shard state files: unsigned LEB128 varints, zigzag
 * for signed values, length-prefixed byte strings. The reader checks every
 * length against the bytes left and turns sticky-bad instead of reading
 * past the end, so a damaged file is an error, never a crash. */
#ifndef DQA_STATE_CODEC_H
#define DQA_STATE_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/strbuf.h"

void state_put_u64(struct strbuf *sb, uint64_t v);
void state_put_i64(struct strbuf *sb, int64_t v);
void state_put_bool(struct strbuf *sb, bool v);
void state_put_bytes(struct strbuf *sb, const void *data, size_t len);
/* A NUL-terminated string, or NULL (told apart from ""). */
void state_put_str(struct strbuf *sb, const char *s);
/* A string of len bytes, NUL bytes included (data values). */
void state_put_strn(struct strbuf *sb, const char *s, size_t len);

struct state_in {
	const unsigned char *p, *end;
	bool bad;                 /* sticky: something did not fit */
};

/* Each getter returns 0 (or NULL) and sets in->bad when the bytes left do
 * not hold what it reads. */
uint64_t state_get_u64(struct state_in *in);
int64_t state_get_i64(struct state_in *in);
/* A varint that must fit 32 bits (bad otherwise). */
unsigned state_get_u32(struct state_in *in);
bool state_get_bool(struct state_in *in);
const unsigned char *state_get_bytes(struct state_in *in, size_t *len);
/* A string copied into a (NUL-terminated); NULL for a NULL string, or on
 * error (in->bad) or out of memory (*oom). */
const char *state_get_str(struct state_in *in, struct arena *a, bool *oom);
/* The same, with the string's length in *len (it may hold NUL bytes). */
const char *state_get_strn(struct state_in *in, struct arena *a, size_t *len, bool *oom);
/* A string in place (not NUL-terminated), its length in *len; NULL for a
 * NULL string or on error. */
const char *state_get_view(struct state_in *in, size_t *len);
/* A count of items each taking at least min_bytes: bad when more of them
 * than the bytes left could hold, so a damaged count never allocates much. */
size_t state_get_count(struct state_in *in, size_t min_bytes);
/* A unit index of the state, mapped through units[] (nunits of them) to the
 * loading plan's index. */
size_t state_get_unit(struct state_in *in, const size_t *units, size_t nunits);
/* A sub-reader over the next length-prefixed blob; the blob is skipped in in. */
struct state_in state_get_blob(struct state_in *in);

#endif
