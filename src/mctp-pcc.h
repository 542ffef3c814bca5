/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: pieces of the module, and how the module entry points reach
 * them. Each transport lives in its own file.
 */
#ifndef __MCTP_PCC_H
#define __MCTP_PCC_H

#include <linux/device.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <net/mctp.h>

/* What every MCTP interface of the module shares, echo or PCC */

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

/* Echo interfaces: MCTP endpoints that answer every request themselves */
#define MCTP_ECHO_MAX_DEVS	16

int mctp_echo_init(unsigned int count);
void mctp_echo_exit(void);
/* an echo interface owned by a device, not by rtnetlink (pcc_loopback),
 * registered with the MCTP core as of @binding (mctp-pcc-compat.h)
 */
struct net_device *mctp_echo_add(struct device *dev, const char *name,
				 unsigned int max_mtu, int binding);
void mctp_echo_remove(struct net_device *ndev);

#if IS_ENABLED(CONFIG_PCC)
/* The outbox's Command Complete register, from its PCCT entry */
struct mctp_pcc_done {
	u64	address;
	u64	mask;
	u8	space_id;
	u8	width;		/* bits */
};

/* PCC links, bound to the firmware's DMT0001 devices */
int mctp_pcc_acpi_init(bool loopback);
void mctp_pcc_acpi_exit(void);
int mctp_pcc_link_add(struct device *dev, u32 outbox, u32 inbox,
		      const struct mctp_pcc_done *done);
int mctp_pcc_loopback_add(struct device *dev, u32 outbox, u32 inbox);
#else
/* a kernel without the PCC mailbox gets the echo interfaces only */
static inline int mctp_pcc_acpi_init(bool loopback)
{
	return 0;
}

static inline void mctp_pcc_acpi_exit(void)
{
}
#endif

#endif /* __MCTP_PCC_H */
