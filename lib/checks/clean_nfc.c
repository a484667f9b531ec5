/* clean.nfc: text is in Unicode Normalization Form C (composed), the form
 * Vietnamese text should be stored in; decomposed or mixed forms fail and
 * the note shows the NFC form. ASCII values pass without normalising. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "../util/values.h"

/* Bytes of the NFC form a note shows; longer forms are cut with "...". */
enum { NFC_SHOWN_CAP = 200 };

static int nfc_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	b->state = calloc(1, sizeof(struct text_buf));
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

/* Is s exactly the canonical decomposition (NFD) of itself? Only asked of
 * failing values, to tell a wholly decomposed value from a mixed one. */
static bool is_nfd(struct text_buf *tb, const char *s, size_t len)
{
	size_t nfd_len;
	const char *nfd = text_normalize(tb, s, len, UTF8PROC_DECOMPOSE, &nfd_len);
	return nfd && nfd_len == len && memcmp(nfd, s, len) == 0;
}

static bool nfc_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	struct text_buf *tb = b->state;
	int col = b->cols[0];
	const char *s = row->fields[col];
	size_t len = row->lens[col];
	if (text_is_ascii(s, len))
		return true;
	size_t nfc_len;
	const char *nfc = text_normalize(tb, s, len, UTF8PROC_COMPOSE, &nfc_len);
	if (!nfc) {
		size_t valid = utf8_valid_prefix(s, len);
		if (valid == len)
			return true;   /* out of memory: no verdict */
		if (note)
			snprintf(note, cap, "not valid UTF-8 at byte offset %zu", valid);
		return false;
	}
	if (nfc_len == len && memcmp(nfc, s, len) == 0)
		return true;
	if (!note)
		return false;
	char shown[NFC_SHOWN_CAP];
	text_clip(shown, sizeof shown, nfc, nfc_len);
	snprintf(note, cap, "%s; NFC: %s",
		 is_nfd(tb, s, len) ? "decomposed (NFD)" : "not NFC", shown);
	return false;
}

static void nfc_unbind(struct bound_check *b)
{
	text_buf_release(b->state);
	free(b->state);
}

const struct check_ops check_nfc = {
	.kind = "nfc", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN, .bind = nfc_bind,
	.row = nfc_row, .unbind = nfc_unbind,
};
