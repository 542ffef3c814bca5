/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MCTP over PCC on the wire (DMTF DSP0292): a packet in a subspace's shared
 * memory follows the ACPI extended PCC header (subspace types 3 and 4).
 *
 * Pure logic on the header bytes, with no kernel state, so that the same
 * code runs in the driver and in the host unit tests.
 */
#ifndef __MCTP_PCC_WIRE_H
#define __MCTP_PCC_WIRE_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <net/mctp.h>

struct mctp_pcc_hdr {
	__le32	signature;	/* MCTP_PCC_SIGNATURE | subspace index */
	__le32	flags;
	__le32	length;		/* bytes after this field: command + packet */
	u8	command[4];	/* MCTP_PCC_COMMAND */
};

#define MCTP_PCC_SIGNATURE	0x50434300
/* the sender asks for an interrupt once the receiver is done */
#define MCTP_PCC_FLAG_NOTIFY	BIT(0)
#define MCTP_PCC_COMMAND	"MCTP"
#define MCTP_PCC_CMD_LEN	4

enum mctp_pcc_rx_verdict {
	MCTP_PCC_RX_OK,
	MCTP_PCC_RX_BAD_SIGNATURE,	/* not from the subspace it is in */
	MCTP_PCC_RX_BAD_COMMAND,	/* not an MCTP message */
	MCTP_PCC_RX_SHORT,		/* no room for an MCTP header */
	MCTP_PCC_RX_TOO_LONG,		/* past the shared memory */
};

/* The header for a packet of @pkt_len bytes sent through subspace @index */
static inline void mctp_pcc_hdr_fill(struct mctp_pcc_hdr *hdr, u32 index,
				     u32 pkt_len)
{
	hdr->signature = cpu_to_le32(MCTP_PCC_SIGNATURE | index);
	hdr->flags = cpu_to_le32(MCTP_PCC_FLAG_NOTIFY);
	hdr->length = cpu_to_le32(MCTP_PCC_CMD_LEN + pkt_len);
	memcpy(hdr->command, MCTP_PCC_COMMAND, MCTP_PCC_CMD_LEN);
}

/**
 * mctp_pcc_hdr_check() - validate a header the platform wrote
 * @hdr: a copy of the header, so that each field is read from shared
 *	memory once and cannot change after it was checked
 * @index: the subspace the header was read from
 * @room: bytes of shared memory after the header
 * @pkt_len: set to the packet's length on %MCTP_PCC_RX_OK
 *
 * Firmware is not trusted: nothing is copied before this passes. The MTU
 * bounds only what we send: a packet as large as the shared memory holds
 * is taken, as the upstream driver takes it and firmware written against
 * that driver sends it.
 */
static inline enum mctp_pcc_rx_verdict
mctp_pcc_hdr_check(const struct mctp_pcc_hdr *hdr, u32 index, u64 room,
		   u32 *pkt_len)
{
	u32 len = le32_to_cpu(hdr->length);

	if (le32_to_cpu(hdr->signature) != (MCTP_PCC_SIGNATURE | index))
		return MCTP_PCC_RX_BAD_SIGNATURE;
	if (memcmp(hdr->command, MCTP_PCC_COMMAND, MCTP_PCC_CMD_LEN))
		return MCTP_PCC_RX_BAD_COMMAND;
	if (len < MCTP_PCC_CMD_LEN + sizeof(struct mctp_hdr))
		return MCTP_PCC_RX_SHORT;

	len -= MCTP_PCC_CMD_LEN;
	if (len > room)
		return MCTP_PCC_RX_TOO_LONG;

	*pkt_len = len;
	return MCTP_PCC_RX_OK;
}

#endif /* __MCTP_PCC_WIRE_H */
