/* The checks column of a history row: ids with spaces, '=' and '%' (check
 * ids come from column names) survive the round trip, and scores read back
 * as written, NaN where empty. */
#include <math.h>

#include "history/history.h"
#include "util/strbuf.h"
#include "tap.h"

int main(void)
{
	static const char *const ids[] = {"sufficient.not_null.phone", "dup id=1%", "a%20b", ""};
	struct strbuf field = STRBUF_INIT, id = STRBUF_INIT;
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		if (i)
			strbuf_putc(&field, ' ');
		history_check_id_put(&field, ids[i]);
		strbuf_puts(&field, i == 1 ? "=" : "=12.50");
	}
	EXPECT_STR(field.buf, "sufficient.not_null.phone=12.50 dup%20id%3D1%25= a%2520b=12.50 =12.50");
	const char *cursor = field.buf;
	double score;
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		EXPECT(history_checks_next(&cursor, &id, &score));
		EXPECT_STR(id.buf, ids[i]);
		EXPECT(i == 1 ? isnan(score) : score == 12.5);
	}
	EXPECT(!history_checks_next(&cursor, &id, &score));

	/* The dataset's row: ids alone; a score out of 0-100 reads as none. */
	cursor = "a b=101 c=x";
	EXPECT(history_checks_next(&cursor, &id, &score) && isnan(score));
	EXPECT(history_checks_next(&cursor, &id, &score) && isnan(score));
	EXPECT_STR(id.buf, "b");
	EXPECT(history_checks_next(&cursor, &id, &score) && isnan(score));
	EXPECT(!history_checks_next(&cursor, &id, &score));
	strbuf_release(&field);
	strbuf_release(&id);
	return TAP_DONE();
}
