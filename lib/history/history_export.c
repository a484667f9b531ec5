/* dqa history export: runs of the store as a CSV history (the long layout
 * with its current header), for spreadsheets and for the tools that read
 * the CSV histories dqa wrote before the store. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "history.h"
#include "../util/round.h"
#include "../util/strbuf.h"
#include "../util/timeparse.h"

/* RFC 4180: quote a field holding a delimiter, quote or line break. */
static void put_field(struct strbuf *sb, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *s);
	}
	strbuf_putc(sb, '"');
}

static void put_entry(struct strbuf *sb, const struct hist_entry *e)
{
	char run_at[21];
	time_format_iso(e->run_at, run_at);
	const char *criterion = e->criterion == HISTORY_CRITERION_OVERALL
		? HISTORY_OVERALL : dqa_criterion_name(e->criterion);
	/* As the audit records them: a criterion's row has no status. */
	const char *status = e->criterion == HISTORY_CRITERION_OVERALL
		? dqa_status_name(e->status) : "";
	const char *fields[] = {run_at, e->rules, e->dataset, e->dataset_scope ? "dataset" : "unit",
				e->unit, criterion};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		put_field(sb, fields[i]);
		strbuf_putc(sb, ',');
	}
	if (!isnan(e->score))
		strbuf_printf(sb, "%.2f", round_to(e->score, 2));
	strbuf_printf(sb, ",%s,%llu,", status, (unsigned long long)e->rows);
	put_field(sb, e->fingerprint);
	strbuf_putc(sb, ',');
	put_field(sb, e->marker);
	strbuf_putc(sb, ',');
	put_field(sb, e->rules_hash);
	strbuf_putc(sb, ',');
	put_field(sb, e->checks);
	strbuf_putc(sb, '\n');
}

int dqa_history_export(const char *path, const dqa_history_query *q, FILE *out, dqa_error *err)
{
	dqa_history *h;
	FORWARD_IF_ERROR(dqa_history_load_query(&h, path, q, err));
	struct strbuf sb = STRBUF_INIT;
	fputs(HISTORY_HEADER "\n", out);
	for (size_t i = 0; i < h->n && !sb.failed; i++) {
		strbuf_reset(&sb);
		put_entry(&sb, &h->entries[i]);
		fwrite(sb.buf, 1, sb.len, out);
	}
	int rc = sb.failed ? error_nomem(err) : 0;
	if (rc == 0 && ferror(out))
		rc = error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL, "cannot write the CSV history");
	strbuf_release(&sb);
	dqa_history_free(h);
	return rc;
}
