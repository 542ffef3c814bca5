// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-echo: echo interfaces.
 *
 * An mctpecho<N> interface is an MCTP link whose far end answers every
 * request itself: the transmitted request packet is turned around in place
 * (EIDs swapped, Tag Owner cleared) and received back as the response. With
 * a local address and a route to any peer EID through it, the kernel's MCTP
 * sockets, tags, routing and fragmentation all work with no hardware.
 *
 * Data flow: ndo_start_xmit() turns the packet around and queues it;
 * NAPI delivers the queue to the stack in batches.
 *
 * Why NAPI, by measurement (6.12 debug kernel under QEMU, MTU 68):
 * - netif_rx() straight from ndo_start_xmit() puts replies on the per-CPU
 *   backlog, which drops past netdev_max_backlog; four fragments dropped in
 *   a row go unseen by MCTP's 2-bit sequence number, so 15 of 16 concurrent
 *   64 KiB replies came back silently truncated.
 * - A workqueue draining our own queue, 8 requesters, kept up at 64 B and
 *   1 KiB (626 and 146 replies/s, against NAPI's 592 and 150: noise) but
 *   not at 16 KiB: while the worker waited to be scheduled the qdisc
 *   overflowed and senders got ENOBUFS.
 * - NAPI, draining a bounded queue of our own from softirq, runs as soon as
 *   the sender re-enables bottom halves; when the queue fills we stop the
 *   transmit queue and the qdisc holds the senders' packets: no loss at
 *   any size.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <net/rtnetlink.h>

#include <net/mctp.h>

#include "mctp-echo.h"
#include "mctp-echo-endpoint.h"
#include "mctp-link.h"
#include "mctp-pcc-compat.h"
#include "mctp-turnaround.h"

/* Replies waiting for NAPI. Past the high mark the transmit queue stops;
 * it wakes once NAPI has drained below the low mark.
 */
#define MCTP_ECHO_QUEUE_HIGH	256
#define MCTP_ECHO_QUEUE_LOW	64

struct mctp_echo_stats {
	u64_stats_t		packets;
	u64_stats_t		bytes;
	u64_stats_t		dropped;
	u64_stats_t		errors;
	struct u64_stats_sync	syncp;
};

struct mctp_echo {
	/* first, so that its sysfs attributes find it (mctp-echo-endpoint.h)
	 * and it need not ask us: what answers control messages
	 */
	struct mctp_echo_endpoint ep;

	struct net_device	*ndev;
	struct napi_struct	napi;
	struct sk_buff_head	replies;

	/* written only under the tx lock */
	struct mctp_echo_stats	tx;
	/* written only by NAPI poll, or with NAPI disabled */
	struct mctp_echo_stats	rx;
};

static_assert(offsetof(struct mctp_echo, ep) == 0);

/* Writers of one set never run at once; the irqsave form keeps a 32-bit
 * reader on this CPU from spinning on a writer it interrupted, since the
 * purge on link down writes from process context.
 */
static void mctp_echo_count(struct mctp_echo_stats *s, u64_stats_t *counter,
			    u64 n)
{
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_add(counter, n);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
}

static void mctp_echo_count_packet(struct mctp_echo_stats *s,
				   unsigned int len)
{
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->packets);
	u64_stats_add(&s->bytes, len);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
}

/* Frames that are not valid MCTP count as errors; valid packets we do not
 * answer (responses, broadcasts) and allocation failures as drops.
 */
static netdev_tx_t mctp_echo_reject(struct mctp_echo *echo,
				    struct sk_buff *skb, bool malformed)
{
	netdev_dbg(echo->ndev, "not echoed: %s, len %u\n",
		   malformed ? "malformed" : "dropped", skb->len);
	mctp_echo_count(&echo->tx, malformed ? &echo->tx.errors :
			&echo->tx.dropped, 1);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static netdev_tx_t mctp_echo_start_xmit(struct sk_buff *skb,
					struct net_device *ndev)
{
	struct mctp_echo *echo = netdev_priv(ndev);
	enum mctp_turnaround_verdict verdict;
	unsigned int len = skb->len;
	bool malformed;

	if (len < sizeof(struct mctp_hdr))
		return mctp_echo_reject(echo, skb, true);

	/* The header may be shared with a packet tap's clone: unshare it
	 * before writing. GFP_ATOMIC inside; failure is a drop.
	 */
	if (skb_ensure_writable(skb, sizeof(struct mctp_hdr)))
		return mctp_echo_reject(echo, skb, false);

	switch (mctp_echo_endpoint_sort(&echo->ep, skb)) {
	case MCTP_ECHO_CONTROL: {
		/* the emulated endpoint answers control messages */
		struct sk_buff *reply;

		reply = mctp_echo_endpoint_answer(&echo->ep, ndev, skb);
		if (IS_ERR(reply))
			return mctp_echo_reject(echo, skb,
						PTR_ERR(reply) == -EBADMSG);
		skb = reply;
		break;
	}
	case MCTP_ECHO_CONTROL_REST:
		/* the first packet was refused; so is the rest */
		return mctp_echo_reject(echo, skb, false);
	case MCTP_ECHO_DATA:
		verdict = mctp_turnaround(skb->data, skb_headlen(skb));
		malformed = verdict == MCTP_TURNAROUND_SHORT ||
			    verdict == MCTP_TURNAROUND_BAD_VERSION;
		if (verdict != MCTP_TURNAROUND_OK)
			return mctp_echo_reject(echo, skb, malformed);
		break;
	}
	mctp_echo_count_packet(&echo->tx, len);

	/* From here on the packet is a received one: it no longer belongs to
	 * the sending socket, and carries none of the request's transmit-side
	 * state (as loopback clears it: time stamp, priority, mark).
	 */
	skb_orphan(skb);
	skb_scrub_packet(skb, false);
	skb_clear_tstamp(skb);
	skb->priority = 0;
	skb->mark = 0;

	skb_queue_tail(&echo->replies, skb);
	/* NAPI dequeues under the queue's lock meanwhile */
	if (skb_queue_len_lockless(&echo->replies) >= MCTP_ECHO_QUEUE_HIGH)
		netif_stop_queue(ndev);
	napi_schedule(&echo->napi);

	return NETDEV_TX_OK;
}

static void mctp_echo_deliver(struct mctp_echo *echo, struct sk_buff *skb)
{
	struct mctp_skb_cb *cb;
	unsigned int len = skb->len;

	skb->dev = echo->ndev;
	skb->protocol = htons(ETH_P_MCTP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);

	/* the qdisc has used the control block on the way out */
	memset(skb->cb, 0, sizeof(skb->cb));
	cb = __mctp_cb(skb);
	cb->halen = 0;

	/* Received, as in-tree drivers count it, whatever the stack does
	 * next: a drop on the way up (RPS's backlog) is the core's to count,
	 * and it does.
	 */
	mctp_echo_count_packet(&echo->rx, len);
	netif_receive_skb(skb);
}

static int mctp_echo_poll(struct napi_struct *napi, int budget)
{
	struct mctp_echo *echo = container_of(napi, struct mctp_echo, napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget && (skb = skb_dequeue(&echo->replies))) {
		mctp_echo_deliver(echo, skb);
		done++;
	}

	/* xmit stops the queue before it schedules us, so a stop is never
	 * missed: NAPI runs again after it.
	 */
	if (netif_queue_stopped(echo->ndev) &&
	    skb_queue_len_lockless(&echo->replies) < MCTP_ECHO_QUEUE_LOW)
		netif_wake_queue(echo->ndev);

	if (done < budget)
		napi_complete_done(napi, done);

	return done;
}

/* Replies still queued when the link goes down are lost with it. */
static void mctp_echo_purge(struct mctp_echo *echo)
{
	u32 lost = skb_queue_len(&echo->replies);

	skb_queue_purge(&echo->replies);
	if (lost)
		mctp_echo_count(&echo->rx, &echo->rx.dropped, lost);
}

static int mctp_echo_open(struct net_device *ndev)
{
	struct mctp_echo *echo = netdev_priv(ndev);

	napi_enable(&echo->napi);
	netif_start_queue(ndev);
	return 0;
}

static int mctp_echo_stop(struct net_device *ndev)
{
	struct mctp_echo *echo = netdev_priv(ndev);

	/* the core has already quiesced transmit (dev_deactivate) */
	netif_stop_queue(ndev);
	napi_disable(&echo->napi);
	mctp_echo_purge(echo);
	return 0;
}

static int mctp_echo_init_dev(struct net_device *ndev)
{
	struct mctp_echo *echo = netdev_priv(ndev);

	echo->ndev = ndev;
	skb_queue_head_init(&echo->replies);
	u64_stats_init(&echo->tx.syncp);
	u64_stats_init(&echo->rx.syncp);
	netif_napi_add(ndev, &echo->napi, mctp_echo_poll);
	mctp_echo_endpoint_init(&echo->ep);
	return 0;
}

static void mctp_echo_uninit_dev(struct net_device *ndev)
{
	struct mctp_echo *echo = netdev_priv(ndev);

	netif_napi_del(&echo->napi);
	mctp_echo_purge(echo);
}

static void mctp_echo_read_stats(const struct mctp_echo_stats *s,
				 u64 *packets, u64 *bytes, u64 *dropped,
				 u64 *errors)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		*packets = u64_stats_read(&s->packets);
		*bytes = u64_stats_read(&s->bytes);
		*dropped = u64_stats_read(&s->dropped);
		*errors = u64_stats_read(&s->errors);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void mctp_echo_get_stats64(struct net_device *ndev,
				  struct rtnl_link_stats64 *stats)
{
	struct mctp_echo *echo = netdev_priv(ndev);

	mctp_echo_read_stats(&echo->tx, &stats->tx_packets, &stats->tx_bytes,
			     &stats->tx_dropped, &stats->tx_errors);
	mctp_echo_read_stats(&echo->rx, &stats->rx_packets, &stats->rx_bytes,
			     &stats->rx_dropped, &stats->rx_errors);
}

static const struct net_device_ops mctp_echo_netdev_ops = {
	.ndo_init = mctp_echo_init_dev,
	.ndo_uninit = mctp_echo_uninit_dev,
	.ndo_open = mctp_echo_open,
	.ndo_stop = mctp_echo_stop,
	.ndo_start_xmit = mctp_echo_start_xmit,
	.ndo_get_stats64 = mctp_echo_get_stats64,
};

static void mctp_echo_setup(struct net_device *ndev)
{
	mctp_link_setup(ndev, &mctp_echo_netdev_ops);
	ndev->max_mtu = MCTP_LINK_MAX_MTU;
	ndev->needs_free_netdev = true;
	ndev->sysfs_groups[0] = &mctp_echo_endpoint_group;
}

/*
 * An echo link hands whatever it is sent to the kernel's MCTP receive and
 * forwarding code. rtnetlink asks only for CAP_NET_ADMIN over the caller's
 * own network namespace, which any user can have in a user namespace of
 * its own, so ask for it in the initial one: MCTP's other ways in (a
 * line discipline, a bound socket) ask as much.
 */
static int mctp_echo_validate(struct nlattr *tb[], struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	if (capable(CAP_NET_ADMIN))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "echo links need CAP_NET_ADMIN in the initial user namespace");
	return -EPERM;
}

static struct rtnl_link_ops mctp_echo_link_ops = {
	.kind = "mctpecho",
	.priv_size = sizeof(struct mctp_echo),
	.setup = mctp_echo_setup,
	.validate = mctp_echo_validate,
};

static int mctp_echo_create(void)
{
	struct net_device *ndev;
	int rc;

	ndev = alloc_netdev(sizeof(struct mctp_echo), "mctpecho%d",
			    NET_NAME_ENUM, mctp_echo_setup);
	if (!ndev)
		return -ENOMEM;

	ndev->rtnl_link_ops = &mctp_echo_link_ops;
	rc = register_netdevice(ndev);
	if (rc)
		free_netdev(ndev);
	return rc;
}

/* No rtnl_link_ops: only its owner, not "ip link del", may remove it. */
struct net_device *mctp_echo_add(struct device *dev, const char *name,
				 unsigned int max_mtu, int binding)
{
	struct net_device *ndev;
	int rc;

	ndev = alloc_netdev(sizeof(struct mctp_echo), name,
			    NET_NAME_PREDICTABLE, mctp_echo_setup);
	if (!ndev)
		return ERR_PTR(-ENOMEM);

	SET_NETDEV_DEV(ndev, dev);
	ndev->max_mtu = min_t(unsigned int, max_mtu, MCTP_LINK_MAX_MTU);
	rc = mctp_pcc_compat_register_netdev(ndev, binding);
	if (rc) {
		free_netdev(ndev);
		return ERR_PTR(rc);
	}
	return ndev;
}
EXPORT_SYMBOL_GPL(mctp_echo_add);

int mctp_echo_init(unsigned int count)
{
	unsigned int i;
	int rc;

	rc = rtnl_link_register(&mctp_echo_link_ops);
	if (rc)
		return rc;

	rtnl_lock();
	for (i = 0; i < count; i++) {
		rc = mctp_echo_create();
		if (rc)
			break;
	}
	rtnl_unlock();

	if (rc) {
		pr_err("creating echo interface %u of %u failed: %d\n",
		       i + 1, count, rc);
		/* also removes the interfaces already created */
		rtnl_link_unregister(&mctp_echo_link_ops);
	}
	return rc;
}

void mctp_echo_exit(void)
{
	/* deletes every mctpecho interface, however it was created */
	rtnl_link_unregister(&mctp_echo_link_ops);
}
