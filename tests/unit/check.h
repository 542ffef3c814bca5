/* SPDX-License-Identifier: GPL-2.0 */
/* A tiny test runner: CHECK() counts, main() ends with "N passed, N failed". */
#ifndef UNIT_CHECK_H
#define UNIT_CHECK_H

#include <stdio.h>

static int checks_passed, checks_failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		checks_passed++;					\
	} else {							\
		checks_failed++;					\
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);	\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

static inline int checks_report(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}

#endif
