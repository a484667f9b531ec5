/* The string hash map: insert, lookup, growth, keys with NUL bytes. */
#include <stdint.h>
#include <stdio.h>

#include "strset.h"
#include "tap.h"

/* The empty key alone: the table then has no key buffer at all (found by
 * fuzz_state: an empty unit name; UBSan flagged NULL + 0). */
static void empty_key_alone(void)
{
	struct strset s = STRSET_INIT;
	uint64_t v = 3, got = 0;
	EXPECT(strset_put(&s, "", 0, &v) == 1);
	EXPECT(strset_get(&s, "", 0, &got) && got == 3);
	EXPECT(strset_put(&s, "", 0, &v) == 0);
	strset_release(&s);
}

int main(void)
{
	empty_key_alone();
	struct strset s = STRSET_INIT;
	uint64_t v = 7;
	EXPECT(strset_put(&s, "a", 1, &v) == 1);
	v = 9;
	EXPECT(strset_put(&s, "a", 1, &v) == 0 && v == 7);
	EXPECT(strset_get(&s, "a", 1, &v) && v == 7);
	EXPECT(!strset_get(&s, "b", 1, NULL));
	EXPECT(strset_put(&s, "", 0, NULL) == 1 && strset_get(&s, "", 0, NULL));
	EXPECT(strset_put(&s, "x\0y", 3, NULL) == 1 && !strset_get(&s, "x", 1, NULL));
	char key[32];
	for (uint64_t i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof key, "key-%llu", (unsigned long long)i);
		uint64_t val = i;
		EXPECT(strset_put(&s, key, (size_t)n, &val) == 1);
	}
	EXPECT(s.count == 100003);
	for (uint64_t i = 0; i < 100000; i += 997) {
		int n = snprintf(key, sizeof key, "key-%llu", (unsigned long long)i);
		EXPECT(strset_get(&s, key, (size_t)n, &v) && v == i);
	}
	strset_release(&s);
	EXPECT(!strset_get(&s, "a", 1, NULL));
	return TAP_DONE();
}
