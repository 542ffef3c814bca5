/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line value parsing shared by the mctp-pcc tools. */
#ifndef MCTP_PCC_ARGS_H
#define MCTP_PCC_ARGS_H

#include <stdint.h>

#define EID_MIN 8	/* 0..7 are null and reserved (DSP0236 8.2) */
#define EID_MAX 254	/* 255 is broadcast */

/* Each returns 0 on success, -1 (leaving *out untouched) on bad input. */
int parse_uint(const char *s, unsigned long min, unsigned long max,
	       unsigned long *out);
int parse_eid(const char *s, uint8_t *out);
/* "9" or "9-16": appends to eids[*n], at most max entries in all */
int parse_eid_range(const char *s, uint8_t *eids, unsigned int *n,
		    unsigned int max);
/* seconds as a decimal ("0.2", "1", "5"), 0..86400, in microseconds */
int parse_seconds(const char *s, uint64_t *usec);

#endif
