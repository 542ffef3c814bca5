// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the echo driver's header turnaround (src/mctp-turnaround.h). */
#include <string.h>

#include "check.h"
#include "mctp-turnaround.h"

static enum mctp_turnaround_verdict run(u8 *pkt, unsigned int len)
{
	return mctp_turnaround(pkt, len);
}

static void test_request_becomes_response(void)
{
	/* every combination of SOM, EOM, seq and tag, TO set */
	for (unsigned int fst = 0; fst < 256; fst++) {
		u8 pkt[] = { 0x01, 9, 10, (u8)(fst | MCTP_HDR_FLAG_TO), 0x7e, 0x55 };
		u8 want_fst = (u8)(fst & ~MCTP_HDR_FLAG_TO);

		CHECK(run(pkt, sizeof(pkt)) == MCTP_TURNAROUND_OK, "fst %#x", fst);
		CHECK(pkt[1] == 10 && pkt[2] == 9, "EIDs swapped, fst %#x", fst);
		CHECK(pkt[3] == want_fst, "fst %#x -> %#x, want %#x", fst, pkt[3], want_fst);
		CHECK(pkt[0] == 0x01 && pkt[4] == 0x7e && pkt[5] == 0x55,
		      "version and payload kept, fst %#x", fst);
	}
}

static void test_turnaround_twice_is_not_identity(void)
{
	/* the response is not a request: a second pass must refuse it */
	u8 pkt[] = { 0x01, 9, 10, 0xc8 };

	CHECK(run(pkt, 4) == MCTP_TURNAROUND_OK, "first pass");
	CHECK(run(pkt, 4) == MCTP_TURNAROUND_NOT_REQUEST, "second pass");
}

static void test_rejects_leave_packet_untouched(void)
{
	static const struct {
		u8 pkt[4];
		unsigned int len;
		enum mctp_turnaround_verdict want;
	} cases[] = {
		{ { 0x01, 9, 10, 0xc8 }, 0, MCTP_TURNAROUND_SHORT },
		{ { 0x01, 9, 10, 0xc8 }, 3, MCTP_TURNAROUND_SHORT },
		{ { 0x00, 9, 10, 0xc8 }, 4, MCTP_TURNAROUND_BAD_VERSION },
		{ { 0x02, 9, 10, 0xc8 }, 4, MCTP_TURNAROUND_BAD_VERSION },
		{ { 0x0f, 9, 10, 0xc8 }, 4, MCTP_TURNAROUND_BAD_VERSION },
		{ { 0x01, 9, 10, 0xc0 }, 4, MCTP_TURNAROUND_NOT_REQUEST },
		{ { 0x01, 255, 10, 0xc8 }, 4, MCTP_TURNAROUND_BAD_ADDR },
		{ { 0x01, 9, 255, 0xc8 }, 4, MCTP_TURNAROUND_BAD_ADDR },
		{ { 0x01, 9, 3, 0xc8 }, 4, MCTP_TURNAROUND_BAD_ADDR },
		{ { 0x01, 7, 10, 0xc8 }, 4, MCTP_TURNAROUND_BAD_ADDR },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u8 pkt[4];

		memcpy(pkt, cases[i].pkt, 4);
		CHECK(run(pkt, cases[i].len) == cases[i].want, "case %u", i);
		CHECK(!memcmp(pkt, cases[i].pkt, 4), "case %u untouched", i);
	}
}

static void test_reserved_version_bits_ignored(void)
{
	/* the stack reads only the low nibble; so do we */
	u8 pkt[] = { 0xf1, 9, 10, 0xc8 };

	CHECK(run(pkt, 4) == MCTP_TURNAROUND_OK, "version 0xf1");
	CHECK(pkt[0] == 0xf1, "reserved bits kept");
}

static void test_null_eids_answered(void)
{
	/* a request to the null EID (physical addressing) is answered from it */
	u8 pkt[] = { 0x01, 0, 10, 0xc9 };

	CHECK(run(pkt, 4) == MCTP_TURNAROUND_OK, "null destination");
	CHECK(pkt[1] == 10 && pkt[2] == 0 && pkt[3] == 0xc1, "null reply");
}

int main(void)
{
	test_request_becomes_response();
	test_turnaround_twice_is_not_identity();
	test_rejects_leave_packet_untouched();
	test_reserved_version_bits_ignored();
	test_null_eids_answered();
	return checks_report("turnaround");
}
