/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every MCTP interface of this package shares, echo or PCC.
 */
#ifndef __MCTP_LINK_H
#define __MCTP_LINK_H

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <net/mctp.h>

/* Baseline transmission unit (64) plus the MCTP header, as DSP0236 sets */
#define MCTP_LINK_MIN_MTU	68
/* The largest message the kernel reassembles, in one packet */
#define MCTP_LINK_MAX_MTU	(64 * 1024 + sizeof(struct mctp_hdr))

/* While the transmit queue is stopped (echo: replies queued; PCC: a packet
 * in flight) the qdisc holds what senders push. MCTP fragments a message
 * in one go, so leave room for four of the largest (64 KiB at MTU 68: 1025
 * packets each). Past that the stack drops, counts it in the qdisc's stats
 * and the sender gets ENOBUFS.
 */
#define MCTP_LINK_TX_QUEUE_LEN	(4 * 1025)

/* An MCTP link with no hardware address, at the baseline MTU; the caller
 * sets max_mtu.
 */
static inline void mctp_link_setup(struct net_device *ndev,
				   const struct net_device_ops *ops)
{
	ndev->type = ARPHRD_MCTP;
	ndev->mtu = MCTP_LINK_MIN_MTU;
	ndev->min_mtu = MCTP_LINK_MIN_MTU;
	ndev->hard_header_len = 0;
	ndev->addr_len = 0;
	ndev->tx_queue_len = MCTP_LINK_TX_QUEUE_LEN;
	ndev->flags = IFF_NOARP;
	ndev->netdev_ops = ops;
}

#endif /* __MCTP_LINK_H */
