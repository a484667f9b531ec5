/* clean.encoding (implicit while dataset: encoding is utf-8, the default):
 * every value of a row is valid UTF-8. Bytes in another encoding would
 * otherwise pass unseen, or show as U+FFFD in unit names. The note names
 * the column, the byte offset of the first bad byte in the value, and the
 * encoding the bytes look like. A row from a block the scan found valid
 * passes without a call (passes_when). */
#include <stdio.h>

#include "check.h"
#include "../input/transcode.h"
#include "../util/values.h"

static bool encoding_row(struct bound_check *b, const struct plan_row *row, char *note,
			 size_t cap)
{
	const struct plan *p = b->plan;
	for (size_t i = 0; i < p->nheader; i++) {
		const char *s = row->fields[i];
		size_t len = row->lens[i];
		size_t ok = utf8_valid_prefix(s, len);
		if (ok == len)
			continue;
		if (note) {
			const char *guess = encoding_guess(s, len);
			int n = snprintf(note, cap, "column '%s': invalid UTF-8 at byte offset %zu (0x%02X)",
					 p->header[i], ok, (unsigned char)s[ok]);
			if (guess && n > 0 && (size_t)n < cap)
				snprintf(note + n, cap - (size_t)n,
					 "; the bytes look like %s: set dataset: {encoding: %s}", guess,
					 guess);
		}
		return false;
	}
	return true;
}

const struct check_ops check_encoding = {
	.kind = "encoding", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .implicit = true,
	.unscored_when_clean = true, .uses_utf8_blocks = true,
	.passes_when = ROW_PASS_UTF8_BLOCK, .row = encoding_row,
	.dataset = check_unscore_when_clean,
};
