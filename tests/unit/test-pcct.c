// SPDX-License-Identifier: GPL-2.0
/* Unit tests for finding a subspace in the PCCT (src/mctp-pcc-pcct.h). */
#include <string.h>

#include "check.h"
#include "mctp-pcc-pcct.h"

/* extended subspaces (types 3 and 4) are 164 bytes long */
#define EXT	164

static u8 table[1024];

/* A PCCT of @n entries of @elen bytes, types 3, 4, 3, ...; its length */
static u32 build(unsigned int n, u8 elen)
{
	u32 pos = MCTP_PCCT_SUBTABLES;

	memset(table, 0xa5, sizeof(table));
	for (unsigned int i = 0; i < n; i++) {
		table[pos] = i % 2 ? 4 : 3;
		table[pos + 1] = elen;
		pos += elen;
	}
	return pos;
}

static void test_found(void)
{
	u32 len = build(4, EXT), off = 0;

	for (u32 i = 0; i < 4; i++) {
		CHECK(mctp_pcct_subspace(table, len, i, &off) == MCTP_PCCT_FOUND &&
		      off == MCTP_PCCT_SUBTABLES + i * EXT, "subspace %u at %u", i, off);
		CHECK(off + table[off + 1] <= len, "subspace %u inside", i);
	}
	CHECK(mctp_pcct_subspace(table, len, 4, &off) == MCTP_PCCT_NO_ENTRY, "past the last");
	CHECK(mctp_pcct_subspace(table, len, 0xffffffff, &off) == MCTP_PCCT_NO_ENTRY,
	      "a huge index");
	/* no subspace at all */
	CHECK(mctp_pcct_subspace(table, MCTP_PCCT_SUBTABLES, 0, &off) == MCTP_PCCT_NO_ENTRY,
	      "empty PCCT");
	/* a table shorter than its own header has no entries */
	CHECK(mctp_pcct_subspace(table, 36, 0, &off) == MCTP_PCCT_NO_ENTRY, "header only");
}

static void test_truncated(void)
{
	u32 len = build(2, EXT), off;

	/* every length that cuts the second entry short */
	for (u32 cut = len - EXT + 1; cut < len; cut++) {
		CHECK(mctp_pcct_subspace(table, cut, 0, &off) == MCTP_PCCT_FOUND,
		      "first entry whole at length %u", cut);
		CHECK(mctp_pcct_subspace(table, cut, 1, &off) == MCTP_PCCT_TRUNCATED,
		      "second entry cut at length %u", cut);
	}
	/* an entry past the end hides everything after it */
	table[MCTP_PCCT_SUBTABLES + 1] = 255;
	len = build(0, 0) + 200;
	table[MCTP_PCCT_SUBTABLES] = 3;
	table[MCTP_PCCT_SUBTABLES + 1] = 255;
	CHECK(mctp_pcct_subspace(table, len, 0, &off) == MCTP_PCCT_TRUNCATED, "255 in 200");
	CHECK(mctp_pcct_subspace(table, len, 1, &off) == MCTP_PCCT_TRUNCATED, "and after it");
}

static void test_bad_length(void)
{
	u32 len = build(3, EXT), off;

	for (u8 bad = 0; bad < MCTP_PCCT_ENTRY_HDR; bad++) {
		table[MCTP_PCCT_SUBTABLES + EXT + 1] = bad;
		CHECK(mctp_pcct_subspace(table, len, 0, &off) == MCTP_PCCT_FOUND,
		      "before a length-%u entry", bad);
		CHECK(mctp_pcct_subspace(table, len, 1, &off) == MCTP_PCCT_BAD_LENGTH,
		      "a length-%u entry", bad);
		CHECK(mctp_pcct_subspace(table, len, 2, &off) == MCTP_PCCT_BAD_LENGTH,
		      "after a length-%u entry", bad);
	}
	/* one byte of an entry header at the end */
	len = build(1, EXT) + 1;
	CHECK(mctp_pcct_subspace(table, len, 1, &off) == MCTP_PCCT_TRUNCATED, "half a header");
}

int main(void)
{
	test_found();
	test_truncated();
	test_bad_length();
	return checks_report("pcct");
}
