// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the tools' argument parsing (tools/args.c). */
#include "args.h"
#include "check.h"
#include "payload.h"

static void test_uint(void)
{
	unsigned long v = 42;

	CHECK(!parse_uint("0", 0, 10, &v) && v == 0, "0");
	CHECK(!parse_uint("10", 0, 10, &v) && v == 10, "max");
	CHECK(!parse_uint("0x10", 0, 100, &v) && v == 16, "hex");
	v = 42;
	CHECK(parse_uint("11", 0, 10, &v) && v == 42, "over max, untouched");
	CHECK(parse_uint("-1", 0, 10, &v), "negative");
	CHECK(parse_uint(" 1", 0, 10, &v), "leading blank");
	CHECK(parse_uint("1x", 0, 10, &v), "trailing junk");
	CHECK(parse_uint("", 0, 10, &v), "empty");
	CHECK(parse_uint(NULL, 0, 10, &v), "NULL");
	CHECK(parse_uint("99999999999999999999999", 0, ~0ul, &v), "overflow");
	CHECK(parse_uint("3", 5, 10, &v), "under min");
}

static void test_eid(void)
{
	uint8_t e = 0;

	CHECK(!parse_eid("8", &e) && e == 8, "lowest unicast");
	CHECK(!parse_eid("254", &e) && e == 254, "highest unicast");
	CHECK(parse_eid("7", &e), "reserved");
	CHECK(parse_eid("0", &e), "null");
	CHECK(parse_eid("255", &e), "broadcast");
	CHECK(parse_eid("256", &e), "too big");
}

static void test_eid_range(void)
{
	uint8_t eids[8];
	unsigned int n = 0;

	CHECK(!parse_eid_range("9", eids, &n, 8) && n == 1 && eids[0] == 9, "single");
	CHECK(!parse_eid_range("10-12", eids, &n, 8) && n == 4 && eids[3] == 12,
	      "range appends");
	CHECK(parse_eid_range("20-30", eids, &n, 8) && n == 4, "too many, untouched");
	CHECK(parse_eid_range("12-10", eids, &n, 8), "reversed");
	CHECK(parse_eid_range("-10", eids, &n, 8), "no start");
	CHECK(parse_eid_range("10-", eids, &n, 8), "no end");
	CHECK(parse_eid_range("5-10", eids, &n, 8), "reserved start");
	CHECK(parse_eid_range("250-255", eids, &n, 8), "broadcast end");
}

static void test_seconds(void)
{
	uint64_t us = 7;

	CHECK(!parse_seconds("1", &us) && us == 1000000, "1");
	CHECK(!parse_seconds("0.2", &us) && us == 200000, "0.2");
	CHECK(!parse_seconds("0", &us) && us == 0, "0");
	CHECK(!parse_seconds(".5", &us) && us == 500000, ".5");
	CHECK(!parse_seconds("2.", &us) && us == 2000000, "2.");
	CHECK(!parse_seconds("0.0000001", &us) && us == 0, "below a microsecond");
	us = 7;
	CHECK(parse_seconds("", &us) && us == 7, "empty");
	CHECK(parse_seconds(".", &us), "dot");
	CHECK(parse_seconds("-1", &us), "negative");
	CHECK(parse_seconds("1s", &us), "unit");
	CHECK(parse_seconds("86401", &us), "over a day");
	CHECK(parse_seconds("86400.5", &us), "just over a day");
	CHECK(!parse_seconds("86400", &us) && us == 86400000000ull, "a day");
}

static void test_payload(void)
{
	uint8_t a[300], b[300];

	payload_fill(a, sizeof(a), 3, 5);
	payload_fill(b, sizeof(b), 3, 6);
	CHECK(payload_check(a, sizeof(a), 3, 5), "own pattern checks");
	CHECK(!payload_check(b, sizeof(b), 3, 5), "next sequence differs");
	CHECK(!payload_check(a, sizeof(a), 4, 5), "other requester differs");
	a[299] ^= 1;
	CHECK(!payload_check(a, sizeof(a), 3, 5), "one flipped bit is caught");
}

int main(void)
{
	test_uint();
	test_eid();
	test_eid_range();
	test_seconds();
	test_payload();
	return checks_report("args");
}
