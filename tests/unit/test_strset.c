/* The string hash map: insert, lookup, growth, room reserved, keys with NUL
 * bytes; the zeroed memory of its tables; entries taken out one by one. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strset.h"
#include "util/zeroed.h"
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

/* strset_hash values go into history fingerprints and state files, so they
 * must never change: these were computed before the tail read was rewritten.
 * Lengths 0-17 cover every tail length after zero, one and two words. */
static void hash_is_stable(void)
{
	static const unsigned long long expected[] = {
		0x9ca066f1a4ab2eeaULL, 0x17a433a6d836fb7cULL, 0x1958bfe0293a6babULL,
		0x073ad42d5acc17fcULL, 0xe542d2600f2ad9bbULL, 0x360f1814852ca4feULL,
		0x031475a9081baff6ULL, 0x30a69f14e36e1211ULL, 0x2fac4618297531cdULL,
		0x76cef6d4804cbf8cULL, 0xf1665e42b4772a33ULL, 0x76deac5d84543d9bULL,
		0x3dcf0ba750277955ULL, 0x6f06b1b0463ae324ULL, 0x7d22cc50d2d4a1d0ULL,
		0xca54a21827426449ULL, 0xa972bd113c995f45ULL, 0xb6f3cb15d067055cULL,
	};
	const char *text = "Nguy\xe1\xbb\x85n V\xc4\x83n An, 0123456789";
	for (size_t len = 0; len < sizeof expected / sizeof *expected; len++)
		EXPECT(strset_hash(text, len) == expected[len]);
}

/* The table memory strset and the profile's sketches take: zeroed, and
 * NULL for a size past size_t. */
static void zeroed_tables(void)
{
	unsigned char *p = zeroed_alloc(300000, 3);
	EXPECT(p != NULL);
	size_t nonzero = 0;
	for (size_t i = 0; p && i < 900000; i++)
		nonzero += p[i] != 0;
	EXPECT(nonzero == 0);
	free(p);
	EXPECT(zeroed_alloc(SIZE_MAX / 2, 3) == NULL);
}

/* Room reserved for n keys: the table keeps its entries, and putting n keys
 * in all moves it no more (its slots stay where they are). */
static void reserved_room(void)
{
	struct strset s = STRSET_INIT;
	char key[32];
	for (uint64_t i = 0; i < 100; i++) {
		int n = snprintf(key, sizeof key, "k%llu", (unsigned long long)i);
		EXPECT(strset_put(&s, key, (size_t)n, &i) == 1);
	}
	EXPECT(strset_reserve(&s, 10001) == 0);
	size_t cap = s.cap;
	EXPECT(cap == 16384);   /* 10,001 keys under 70% of the slots */
	for (uint64_t i = 0; i < 10001; i++) {
		int n = snprintf(key, sizeof key, "k%llu", (unsigned long long)i);
		uint64_t v = i;
		EXPECT(strset_put(&s, key, (size_t)n, &v) == (i >= 100));
		EXPECT(v == i);
	}
	EXPECT(s.count == 10001 && s.cap == cap);
	EXPECT(strset_reserve(&s, 50) == 0 && s.cap == cap);   /* never shrinks */
	strset_release(&s);
}

/* Taking every entry visits each once with its hash and value and leaves
 * the set empty, its table kept: no old key is found, new ones go in. */
static void taken_empty(void)
{
	struct strset s = STRSET_INIT;
	char key[32];
	for (uint64_t i = 0; i < 3000; i++) {
		int n = snprintf(key, sizeof key, "t%llu", (unsigned long long)i);
		uint64_t v = i * 3;
		EXPECT(strset_put(&s, key, (size_t)n, &v) == 1);
	}
	size_t cap = s.cap, pos = 0, len, taken = 0;
	const char *k;
	uint64_t hash, value;
	static bool seen[3000];
	while (strset_take_hashed(&s, &pos, &k, &len, &hash, &value)) {
		EXPECT(value % 3 == 0 && value / 3 < 3000 && !seen[value / 3]);
		seen[value / 3] = true;
		int n = snprintf(key, sizeof key, "t%llu", (unsigned long long)(value / 3));
		EXPECT(len == (size_t)n && memcmp(k, key, len) == 0 && hash == strset_hash(key, len));
		taken++;
	}
	EXPECT(taken == 3000 && s.count == 0 && s.cap == cap);
	for (uint64_t i = 0; i < 3000; i += 7) {
		int n = snprintf(key, sizeof key, "t%llu", (unsigned long long)i);
		EXPECT(!strset_get(&s, key, (size_t)n, NULL));
	}
	strset_clear(&s);   /* empty already: nothing to zero */
	uint64_t v = 5;
	EXPECT(strset_put(&s, "t1", 2, &v) == 1 && s.count == 1);
	pos = 0;
	EXPECT(strset_next_hashed(&s, &pos, &k, &len, &hash, &value) && value == 5 && len == 2);
	EXPECT(!strset_next_hashed(&s, &pos, &k, &len, &hash, &value));
	strset_release(&s);
}

int main(void)
{
	taken_empty();
	reserved_room();
	zeroed_tables();
	empty_key_alone();
	hash_is_stable();
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
	/* Cleared, the set keeps its table and finds none of the old keys;
	 * a key put again gets its new value. */
	size_t cap = s.cap;
	strset_clear(&s);
	EXPECT(s.count == 0 && s.cap == cap && !strset_get(&s, "a", 1, NULL));
	EXPECT(!strset_get(&s, "key-5", 5, NULL));
	v = 3;
	EXPECT(strset_put(&s, "key-5", 5, &v) == 1 && strset_get(&s, "key-5", 5, &v) && v == 3);
	EXPECT(s.count == 1 && s.cap == cap);
	strset_release(&s);
	EXPECT(!strset_get(&s, "a", 1, NULL));
	return TAP_DONE();
}
