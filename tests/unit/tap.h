/* A minimal assertion harness for lib/ unit tests: each failed expectation
 * prints file:line and the expression; main returns the failure count. */
#ifndef DQA_TEST_TAP_H
#define DQA_TEST_TAP_H

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

#define TAP_DONE() (tap_failures ? (fprintf(stderr, "%d failed\n", tap_failures), 1) : 0)

#endif
