// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the PCC link's header format (src/mctp-pcc-wire.h). */
#include <string.h>

#include "check.h"
#include "mctp-pcc-wire.h"

#define ROOM	(4096 - 16)

/* a header as the platform would write it for a packet of @len bytes */
static struct mctp_pcc_hdr platform_hdr(u32 index, u32 len)
{
	struct mctp_pcc_hdr hdr;

	mctp_pcc_hdr_fill(&hdr, index, len);
	return hdr;
}

static enum mctp_pcc_rx_verdict check(const struct mctp_pcc_hdr *hdr,
				      u32 index, u32 *len)
{
	return mctp_pcc_hdr_check(hdr, index, ROOM, len);
}

static void test_layout(void)
{
	struct mctp_pcc_hdr hdr = platform_hdr(3, 64);
	const u8 *b = (const u8 *)&hdr;

	/* DSP0292 / ACPI extended PCC header, little endian */
	CHECK(sizeof(hdr) == 16, "size %zu", sizeof(hdr));
	CHECK(b[0] == 0x03 && b[1] == 0x43 && b[2] == 0x43 && b[3] == 0x50,
	      "signature bytes %02x %02x %02x %02x", b[0], b[1], b[2], b[3]);
	CHECK(b[4] == 1 && b[5] == 0 && b[6] == 0 && b[7] == 0,
	      "flags ask for a completion notification");
	CHECK(b[8] == 68 && b[9] == 0 && b[10] == 0 && b[11] == 0,
	      "length counts the command and the packet: %u", b[8]);
	CHECK(memcmp(b + 12, "MCTP", 4) == 0, "command MCTP");
}

/* whatever the MTU: it bounds what the driver sends, not what it takes */
static void test_accepts_every_size_that_fits(void)
{
	for (u32 n = 4; n <= ROOM; n++) {
		struct mctp_pcc_hdr hdr = platform_hdr(1, n);
		u32 len = 0;

		CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_OK, "len %u", n);
		CHECK(len == n, "len %u read back as %u", n, len);
	}
}

static void test_rejects(void)
{
	struct mctp_pcc_hdr hdr;
	u32 len = 12345;

	hdr = platform_hdr(1, 64);
	CHECK(check(&hdr, 2, &len) == MCTP_PCC_RX_BAD_SIGNATURE,
	      "header of another subspace");
	hdr.signature = cpu_to_le32(0x12345601);
	CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_BAD_SIGNATURE,
	      "signature without the PCC pattern");

	hdr = platform_hdr(1, 64);
	memcpy(hdr.command, "PLDM", 4);
	CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_BAD_COMMAND, "other command");

	for (u32 l = 0; l < 8; l++) {
		hdr = platform_hdr(1, 64);
		hdr.length = cpu_to_le32(l);
		CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_SHORT, "length %u", l);
	}

	hdr = platform_hdr(1, ROOM + 1);
	CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_TOO_LONG, "past the shared memory");
	hdr = platform_hdr(1, 1001);
	CHECK(mctp_pcc_hdr_check(&hdr, 1, 1000, &len) == MCTP_PCC_RX_TOO_LONG,
	      "past a smaller shared memory");

	/* lengths near the top of u32 must not wrap past the checks */
	for (u32 l = 0xfffffff0u; l != 0; l++) {
		hdr = platform_hdr(1, 64);
		hdr.length = cpu_to_le32(l);
		CHECK(check(&hdr, 1, &len) == MCTP_PCC_RX_TOO_LONG, "length %#x", l);
	}
	CHECK(len == 12345, "rejects leave the length alone");
}

int main(void)
{
	test_layout();
	test_accepts_every_size_that_fits();
	test_rejects();
	return checks_report("pcc-wire");
}
