/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the kernel's <net/mctp.h>: just what
 * src/mctp-turnaround.h and src/mctp-pcc-wire.h use, with the values of
 * include/net/mctp.h, so the driver's pure logic can be unit-tested in
 * userspace.
 */
#ifndef SHIM_NET_MCTP_H
#define SHIM_NET_MCTP_H

#include <linux/kernel.h>

typedef u8 mctp_eid_t;

struct mctp_hdr {
	u8 ver;
	u8 dest;
	u8 src;
	u8 flags_seq_tag;
};

#define MCTP_VER_MIN		1
#define MCTP_VER_MAX		1
#define MCTP_HDR_VER_MASK	GENMASK(3, 0)
#define MCTP_HDR_FLAG_SOM	BIT(7)
#define MCTP_HDR_FLAG_EOM	BIT(6)
#define MCTP_HDR_FLAG_TO	BIT(3)
#define MCTP_HDR_SEQ_SHIFT	4
#define MCTP_HDR_SEQ_MASK	GENMASK(1, 0)
#define MCTP_HDR_TAG_MASK	GENMASK(2, 0)

static inline bool mctp_address_unicast(mctp_eid_t eid)
{
	return eid >= 8 && eid < 255;
}

static inline bool mctp_address_null(mctp_eid_t eid)
{
	return eid == 0;
}

#endif
