// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the tools' control-message checks and formats (tools/ctrl.c). */
#include <string.h>

#include "check.h"
#include "ctrl.h"

static void test_version_str(void)
{
	static const struct {
		uint8_t v[4];
		const char *want;
	} cases[] = {
		{ { 0xf1, 0xf0, 0xff, 0x00 }, "1.0" },
		{ { 0xf1, 0xf3, 0xf1, 0x00 }, "1.3.1" },
		{ { 0xf1, 0xf2, 0xff, 0x00 }, "1.2" },
		{ { 0xf1, 0x12, 0xf0, 0x00 }, "1.12.0" },	/* two BCD digits */
		{ { 0xf2, 0xff, 0xff, 0x00 }, "2" },
		{ { 0xf1, 0xf0, 0xff, 'a' }, "1.0a" },	/* alpha */
		{ { 0xff, 0xff, 0xff, 0x00 }, "" },
	};
	char buf[16];

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(!strcmp(ctrl_version_str(cases[i].v, buf, sizeof(buf)), cases[i].want),
		      "case %u: '%s', want '%s'", i, buf, cases[i].want);
	/* a short buffer is cut, never overrun (ASan checks) */
	CHECK(strlen(ctrl_version_str(cases[1].v, buf, 3)) < 3, "cut to '%s'", buf);
}

static void test_check(void)
{
	const uint8_t req[] = { 0x85, 0x02 };
	static const struct {
		uint8_t rsp[6];
		size_t len, min;
		int ok;
	} cases[] = {
		{ { 0x05, 0x02, 0x00, 9, 0, 0 }, 6, 6, 1 },
		{ { 0x05, 0x02, 0x05 }, 3, 6, 1 },	/* an error needs only its code */
		{ { 0x05, 0x02, 0x00, 9 }, 4, 6, 0 },	/* a success needs it all */
		{ { 0x05, 0x02 }, 2, 6, 0 },		/* the echo: too short */
		{ { 0x85, 0x02, 0x00, 9, 0, 0 }, 6, 6, 0 },	/* Rq still set */
		{ { 0x45, 0x02, 0x00, 9, 0, 0 }, 6, 6, 0 },	/* D set */
		{ { 0x06, 0x02, 0x00, 9, 0, 0 }, 6, 6, 0 },	/* another instance */
		{ { 0x05, 0x03, 0x00, 9, 0, 0 }, 6, 6, 0 },	/* another command */
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = ctrl_check(req, cases[i].rsp, cases[i].len, cases[i].min);

		CHECK((why == NULL) == cases[i].ok, "case %u: %s", i, why ? why : "accepted");
	}
}

static void test_cc_names(void)
{
	CHECK(!strcmp(ctrl_cc_name(0x05), "unsupported command"), "0x05");
	CHECK(!strcmp(ctrl_cc_name(0x03), "invalid length"), "0x03");
	CHECK(!strcmp(ctrl_cc_name(0x80), ""), "0x80 is command-specific");
}

int main(void)
{
	test_version_str();
	test_check();
	test_cc_names();
	return checks_report("ctrl");
}
