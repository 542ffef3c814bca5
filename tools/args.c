// SPDX-License-Identifier: GPL-2.0
/* Command-line value parsing shared by the mctp-pcc tools. */
#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int parse_uint(const char *s, unsigned long min, unsigned long max,
	       unsigned long *out)
{
	unsigned long v;
	char *end;

	/* strtoul accepts "-1" and leading blanks: we do not */
	if (!s || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_eid(const char *s, uint8_t *out)
{
	unsigned long v;

	if (parse_uint(s, EID_MIN, EID_MAX, &v))
		return -1;
	*out = (uint8_t)v;
	return 0;
}

int parse_eid_range(const char *s, uint8_t *eids, unsigned int *n,
		    unsigned int max)
{
	const char *dash = strchr(s, '-');
	char first[16];
	uint8_t lo, hi;
	size_t len;

	if (!dash) {
		if (parse_eid(s, &lo) || *n >= max)
			return -1;
		eids[(*n)++] = lo;
		return 0;
	}

	len = (size_t)(dash - s);
	if (len == 0 || len >= sizeof(first))
		return -1;
	memcpy(first, s, len);
	first[len] = '\0';
	if (parse_eid(first, &lo) || parse_eid(dash + 1, &hi) || lo > hi)
		return -1;
	if (*n + (unsigned int)(hi - lo) + 1 > max)
		return -1;
	for (unsigned int e = lo; e <= hi; e++)
		eids[(*n)++] = (uint8_t)e;
	return 0;
}

int parse_seconds(const char *s, uint64_t *usec)
{
	uint64_t whole = 0, frac = 0, scale = 1000000;
	const char *p = s;

	if (!s || !*s)
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (uint64_t)(*p - '0');
		if (whole > 86400)
			return -1;
	}
	if (*p == '.') {
		p++;
		for (; isdigit((unsigned char)*p); p++) {
			scale /= 10;
			frac += (uint64_t)(*p - '0') * scale;
		}
	}
	if (*p || p == s || (p == s + 1 && *s == '.'))
		return -1;
	if (whole == 86400 && frac)
		return -1;
	*usec = whole * 1000000 + frac;
	return 0;
}
