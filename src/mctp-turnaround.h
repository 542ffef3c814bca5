/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning an MCTP request packet around into its response, in place.
 *
 * Pure logic on the packet bytes, with no kernel state, so that the same
 * code runs in the driver and in the host unit tests.
 */
#ifndef __MCTP_TURNAROUND_H
#define __MCTP_TURNAROUND_H

#include <net/mctp.h>

enum mctp_turnaround_verdict {
	MCTP_TURNAROUND_OK,		/* packet now holds the response */
	MCTP_TURNAROUND_SHORT,		/* shorter than an MCTP header */
	MCTP_TURNAROUND_BAD_VERSION,	/* header version we do not know */
	MCTP_TURNAROUND_NOT_REQUEST,	/* Tag Owner clear: a response */
	MCTP_TURNAROUND_BAD_ADDR,	/* no unicast or null EID to answer */
};

/* A response comes from the request's destination and goes to its source:
 * both must be EIDs a response may carry (unicast or null), or the stack
 * would discard it on receive. This rules out answering a broadcast.
 */
static inline bool mctp_turnaround_eid_ok(mctp_eid_t eid)
{
	return mctp_address_unicast(eid) || mctp_address_null(eid);
}

/**
 * mctp_turnaround() - make the response to an MCTP request packet
 * @pkt: packet, starting at the MCTP transport header
 * @len: bytes available at @pkt
 *
 * On %MCTP_TURNAROUND_OK the source and destination EIDs are swapped and the
 * Tag Owner bit is cleared; tag, SOM, EOM, sequence number and payload are
 * kept. On any other verdict @pkt is left untouched.
 */
static inline enum mctp_turnaround_verdict
mctp_turnaround(u8 *pkt, unsigned int len)
{
	struct mctp_hdr *hdr = (struct mctp_hdr *)pkt;
	u8 ver;

	if (len < sizeof(*hdr))
		return MCTP_TURNAROUND_SHORT;

	ver = hdr->ver & MCTP_HDR_VER_MASK;
	if (ver < MCTP_VER_MIN || ver > MCTP_VER_MAX)
		return MCTP_TURNAROUND_BAD_VERSION;

	if (!(hdr->flags_seq_tag & MCTP_HDR_FLAG_TO))
		return MCTP_TURNAROUND_NOT_REQUEST;

	if (!mctp_turnaround_eid_ok(hdr->src) ||
	    !mctp_turnaround_eid_ok(hdr->dest))
		return MCTP_TURNAROUND_BAD_ADDR;

	swap(hdr->src, hdr->dest);
	hdr->flags_seq_tag &= ~MCTP_HDR_FLAG_TO;
	return MCTP_TURNAROUND_OK;
}

#endif /* __MCTP_TURNAROUND_H */
