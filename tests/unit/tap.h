/* A minimal assertion harness for lib/ unit tests: each failed expectation
 * prints file:line and the expression; main returns the failure count. */
#ifndef DQA_TEST_TAP_H
#define DQA_TEST_TAP_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int tap_failures;

#define EXPECT(cond)                                                           \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: expected %s\n", __FILE__,      \
				__LINE__, #cond);                              \
			tap_failures++;                                        \
		}                                                              \
	} while (0)

#define EXPECT_STR(a, b)                                                       \
	do {                                                                   \
		const char *tap_a_ = (a), *tap_b_ = (b);                       \
		if (!tap_a_ || !tap_b_ || strcmp(tap_a_, tap_b_) != 0) {       \
			fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n",\
				__FILE__, __LINE__, tap_b_ ? tap_b_ : "(null)",\
				tap_a_ ? tap_a_ : "(null)");                   \
			tap_failures++;                                        \
		}                                                              \
	} while (0)

/* A small deterministic generator (xorshift64): the next number from
 * *state, which a test seeds (not 0) so that every run is the same test. */
static inline uint64_t tap_xorshift(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

#define TAP_DONE() (tap_failures ? (fprintf(stderr, "%d failed\n", tap_failures), 1) : 0)

#endif
