// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: the PCC link.
 *
 * An mctppcc<N> interface carries MCTP packets through two ACPI PCC
 * subspaces (DMTF DSP0292): the outbox, an initiator subspace (type 3) the
 * OS writes into, and the inbox, a responder subspace (type 4) the platform
 * writes into. <N> is the inbox's subspace index.
 *
 * Data flow: ndo_start_xmit() copies the packet, behind an extended PCC
 * header, into the outbox's shared memory, rings the doorbell through the
 * PCC mailbox and stops the queue: the outbox holds one packet. The
 * platform's command-complete interrupt wakes the queue; a platform that
 * never completes is timed out. On the inbox, the platform's interrupt
 * brings a packet, which is validated, copied out and handed to the stack;
 * the PCC mailbox then acknowledges it to the platform.
 */

#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <acpi/pcc.h>
#include <net/mctp.h>

#include "mctp-pcc.h"
#include "mctp-pcc-compat.h"
#include "mctp-pcc-wire.h"

/* How long the platform may take to complete a transmit: a hundred times
 * the nominal latency the PCCT gives, and never less than a second.
 */
#define MCTP_PCC_TX_TIMEOUT_MIN		HZ
#define MCTP_PCC_TX_TIMEOUT_LATENCIES	100

struct mctp_pcc_box {
	struct mbox_client	client;
	struct pcc_mbox_chan	*chan;
	void __iomem		*shmem;	/* NULL until the channel is set up */
	u64			room;	/* bytes after the header */
	u32			index;
};

struct mctp_pcc_link {
	struct net_device	*ndev;
	struct mctp_pcc_box	outbox;
	struct mctp_pcc_box	inbox;
	struct timer_list	tx_timer;
	unsigned long		tx_timeout;

	/* taken from xmit, both mailbox interrupts and the timer */
	spinlock_t		lock;
	bool			tx_busy;
	unsigned int		tx_len;
	struct rtnl_link_stats64 stats;
};

/* One more in @counter, and @len more in @bytes if given */
static void mctp_pcc_count(struct mctp_pcc_link *link, u64 *counter,
			   u64 *bytes, unsigned int len)
{
	unsigned long flags;

	spin_lock_irqsave(&link->lock, flags);
	(*counter)++;
	if (bytes)
		*bytes += len;
	spin_unlock_irqrestore(&link->lock, flags);
}

static netdev_tx_t mctp_pcc_tx_drop(struct mctp_pcc_link *link,
				    struct sk_buff *skb, u64 *counter)
{
	mctp_pcc_count(link, counter, NULL, 0);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static netdev_tx_t mctp_pcc_start_xmit(struct sk_buff *skb,
				       struct net_device *ndev)
{
	struct mctp_pcc_link *link = netdev_priv(ndev);
	struct mctp_pcc_box *box = &link->outbox;
	struct mctp_pcc_hdr hdr;
	unsigned long flags;
	int rc;

	/* The stack keeps to the MTU; a packet socket may send less than a
	 * header, which the platform is left to reject, as on any link.
	 */
	if (skb->len > box->room)
		return mctp_pcc_tx_drop(link, skb, &link->stats.tx_errors);
	if (skb_linearize(skb))
		return mctp_pcc_tx_drop(link, skb, &link->stats.tx_dropped);

	spin_lock_irqsave(&link->lock, flags);
	if (link->tx_busy) {
		/* not reached: the queue stops while a packet is in flight */
		netif_stop_queue(ndev);
		spin_unlock_irqrestore(&link->lock, flags);
		return NETDEV_TX_BUSY;
	}

	mctp_pcc_hdr_fill(&hdr, box->index, skb->len);
	memcpy_toio(box->shmem, &hdr, sizeof(hdr));
	memcpy_toio(box->shmem + sizeof(hdr), skb->data, skb->len);

	/* rings the doorbell; the message pointer is only a token */
	rc = mbox_send_message(box->chan->mchan, link);
	if (rc < 0) {
		link->stats.tx_errors++;
		spin_unlock_irqrestore(&link->lock, flags);
		if (net_ratelimit())
			netdev_warn(ndev, "PCC doorbell failed: %d\n", rc);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	link->tx_busy = true;
	link->tx_len = skb->len;
	netif_stop_queue(ndev);
	mod_timer(&link->tx_timer, jiffies + link->tx_timeout);
	spin_unlock_irqrestore(&link->lock, flags);

	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

/* Outbox interrupt: the platform has taken the packet (hard irq). */
static void mctp_pcc_tx_complete(struct mbox_client *cl, void *unused)
{
	struct mctp_pcc_link *link = container_of(cl, struct mctp_pcc_link,
						  outbox.client);
	unsigned long flags;
	bool late;

	spin_lock_irqsave(&link->lock, flags);
	late = !link->tx_busy;
	if (!late) {
		link->tx_busy = false;
		timer_delete(&link->tx_timer);
		link->stats.tx_packets++;
		link->stats.tx_bytes += link->tx_len;
		/* see mctp-pcc-compat.h: harmless where the mailbox did it */
		mbox_chan_txdone(link->outbox.chan->mchan, 0);
	}
	spin_unlock_irqrestore(&link->lock, flags);

	if (late)
		netdev_dbg(link->ndev, "completion with nothing in flight\n");
	else
		netif_wake_queue(link->ndev);
}

static void mctp_pcc_tx_timeout(struct timer_list *t)
{
	struct mctp_pcc_link *link = timer_container_of(link, t, tx_timer);
	unsigned long flags;
	bool timed_out;

	spin_lock_irqsave(&link->lock, flags);
	timed_out = link->tx_busy;
	if (timed_out) {
		link->tx_busy = false;
		link->stats.tx_errors++;
		link->stats.tx_aborted_errors++;
		/* let the mailbox send again */
		mbox_chan_txdone(link->outbox.chan->mchan, -ETIME);
	}
	spin_unlock_irqrestore(&link->lock, flags);

	if (!timed_out)
		return;
	if (net_ratelimit())
		netdev_warn(link->ndev,
			    "platform did not complete a transmit within %u ms\n",
			    jiffies_to_msecs(link->tx_timeout));
	netif_wake_queue(link->ndev);
}

static const char *const mctp_pcc_rx_reason[] = {
	[MCTP_PCC_RX_BAD_SIGNATURE] = "bad signature",
	[MCTP_PCC_RX_BAD_COMMAND] = "not an MCTP command",
	[MCTP_PCC_RX_SHORT] = "too short for an MCTP header",
	[MCTP_PCC_RX_TOO_LONG] = "longer than the shared memory or MTU",
};

static void mctp_pcc_rx_invalid(struct mctp_pcc_link *link,
				enum mctp_pcc_rx_verdict verdict,
				const struct mctp_pcc_hdr *hdr)
{
	struct rtnl_link_stats64 *s = &link->stats;
	unsigned long flags;

	spin_lock_irqsave(&link->lock, flags);
	s->rx_errors++;
	if (verdict == MCTP_PCC_RX_SHORT || verdict == MCTP_PCC_RX_TOO_LONG)
		s->rx_length_errors++;
	else
		s->rx_frame_errors++;
	spin_unlock_irqrestore(&link->lock, flags);

	if (net_ratelimit())
		netdev_warn(link->ndev,
			    "dropped a message from the platform: %s (signature %#x, length %u)\n",
			    mctp_pcc_rx_reason[verdict],
			    le32_to_cpu(hdr->signature), le32_to_cpu(hdr->length));
}

/* Inbox interrupt: the platform has written a packet (hard irq). */
static void mctp_pcc_rx(struct mbox_client *cl, void *unused)
{
	struct mctp_pcc_link *link = container_of(cl, struct mctp_pcc_link,
						  inbox.client);
	struct mctp_pcc_box *box = &link->inbox;
	struct net_device *ndev = link->ndev;
	struct rtnl_link_stats64 *s = &link->stats;
	enum mctp_pcc_rx_verdict verdict;
	struct mctp_pcc_hdr hdr;
	void __iomem *shmem;
	struct sk_buff *skb;
	u32 len;

	/* A message already waiting comes in while the channel is still
	 * being set up: there is nowhere to read it from yet.
	 */
	shmem = smp_load_acquire(&box->shmem);
	if (!shmem) {
		mctp_pcc_count(link, &s->rx_dropped, NULL, 0);
		return;
	}

	memcpy_fromio(&hdr, shmem, sizeof(hdr));
	verdict = mctp_pcc_hdr_check(&hdr, box->index, box->room,
				     READ_ONCE(ndev->mtu), &len);
	if (verdict != MCTP_PCC_RX_OK) {
		mctp_pcc_rx_invalid(link, verdict, &hdr);
		return;
	}

	/* the stack must not see packets once the link is down */
	skb = netif_running(ndev) ? netdev_alloc_skb(ndev, len) : NULL;
	if (!skb) {
		mctp_pcc_count(link, &s->rx_dropped, NULL, 0);
		return;
	}

	memcpy_fromio(skb_put(skb, len), shmem + sizeof(hdr), len);
	skb->protocol = htons(ETH_P_MCTP);
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	__mctp_cb(skb)->halen = 0;

	if (netif_rx(skb) == NET_RX_SUCCESS)
		mctp_pcc_count(link, &s->rx_packets, &s->rx_bytes, len);
	else
		mctp_pcc_count(link, &s->rx_dropped, NULL, 0);
}

static int mctp_pcc_open(struct net_device *ndev)
{
	struct mctp_pcc_link *link = netdev_priv(ndev);
	unsigned long flags;

	/* a packet sent before the last stop may still be in flight */
	spin_lock_irqsave(&link->lock, flags);
	if (link->tx_busy)
		netif_stop_queue(ndev);
	else
		netif_start_queue(ndev);
	spin_unlock_irqrestore(&link->lock, flags);
	return 0;
}

static int mctp_pcc_stop(struct net_device *ndev)
{
	netif_stop_queue(ndev);
	return 0;
}

static void mctp_pcc_get_stats64(struct net_device *ndev,
				 struct rtnl_link_stats64 *stats)
{
	struct mctp_pcc_link *link = netdev_priv(ndev);
	unsigned long flags;

	spin_lock_irqsave(&link->lock, flags);
	*stats = link->stats;
	spin_unlock_irqrestore(&link->lock, flags);
}

static const struct net_device_ops mctp_pcc_netdev_ops = {
	.ndo_open = mctp_pcc_open,
	.ndo_stop = mctp_pcc_stop,
	.ndo_start_xmit = mctp_pcc_start_xmit,
	.ndo_get_stats64 = mctp_pcc_get_stats64,
};

static void mctp_pcc_setup(struct net_device *ndev)
{
	/* max_mtu comes from the shared memories, once they are known */
	mctp_link_setup(ndev, &mctp_pcc_netdev_ops);
}

static int mctp_pcc_box_open(struct device *dev, struct mctp_pcc_box *box,
			     u32 index, const char *role,
			     void (*rx)(struct mbox_client *, void *))
{
	struct pcc_mbox_chan *chan;
	void __iomem *shmem;

	box->index = index;
	box->client.dev = dev;
	box->client.rx_callback = rx;
	chan = pcc_mbox_request_channel(&box->client, index);
	if (IS_ERR(chan)) {
		dev_err(dev, "%s: cannot use PCC subspace %u: %pe\n",
			role, index, chan);
		return PTR_ERR(chan);
	}
	box->chan = chan;

	if (chan->shmem_size < sizeof(struct mctp_pcc_hdr) + MCTP_LINK_MIN_MTU) {
		dev_err(dev, "%s: PCC subspace %u has %llu bytes of shared memory, too few for a %u-byte packet\n",
			role, index, chan->shmem_size, MCTP_LINK_MIN_MTU);
		return -EINVAL;
	}
	box->room = chan->shmem_size - sizeof(struct mctp_pcc_hdr);

	shmem = mctp_pcc_compat_shmem(dev, chan);
	if (!shmem) {
		dev_err(dev, "%s: cannot map PCC subspace %u\n", role, index);
		return -ENOMEM;
	}
	/* the inbox interrupt may already be running: room first */
	smp_store_release(&box->shmem, shmem);
	return 0;
}

static void mctp_pcc_box_close(struct mctp_pcc_box *box)
{
	if (box->chan)
		pcc_mbox_free_channel(box->chan);
	box->chan = NULL;
}

/* The largest MTU both subspaces hold */
static unsigned int mctp_pcc_max_mtu(const struct mctp_pcc_link *link)
{
	u64 room = min(link->outbox.room, link->inbox.room);

	return min_t(u64, room, MCTP_LINK_MAX_MTU);
}

static void mctp_pcc_link_free(struct mctp_pcc_link *link)
{
	/* Nothing arms the timer once the interface is gone, and it must
	 * not run on a channel that is being freed.
	 */
	timer_delete_sync(&link->tx_timer);
	mctp_pcc_box_close(&link->inbox);
	mctp_pcc_box_close(&link->outbox);
	free_netdev(link->ndev);
}

static void mctp_pcc_link_remove(void *data)
{
	struct mctp_pcc_link *link = data;

	unregister_netdev(link->ndev);
	mctp_pcc_link_free(link);
}

static struct mctp_pcc_link *mctp_pcc_link_alloc(struct device *dev,
						 u32 outbox, u32 inbox)
{
	struct mctp_pcc_link *link;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	int rc;

	snprintf(name, sizeof(name), "mctppcc%u", inbox);
	ndev = alloc_netdev(sizeof(*link), name, NET_NAME_PREDICTABLE,
			    mctp_pcc_setup);
	if (!ndev)
		return ERR_PTR(-ENOMEM);
	SET_NETDEV_DEV(ndev, dev);

	link = netdev_priv(ndev);
	link->ndev = ndev;
	spin_lock_init(&link->lock);
	timer_setup(&link->tx_timer, mctp_pcc_tx_timeout, 0);

	rc = mctp_pcc_box_open(dev, &link->outbox, outbox, "outbox",
			       mctp_pcc_tx_complete);
	if (!rc)
		rc = mctp_pcc_box_open(dev, &link->inbox, inbox, "inbox",
				       mctp_pcc_rx);
	if (rc) {
		mctp_pcc_link_free(link);
		return ERR_PTR(rc);
	}

	ndev->max_mtu = mctp_pcc_max_mtu(link);
	link->tx_timeout = max_t(unsigned long, MCTP_PCC_TX_TIMEOUT_MIN,
				 usecs_to_jiffies(MCTP_PCC_TX_TIMEOUT_LATENCIES *
						  link->outbox.chan->latency));
	return link;
}

int mctp_pcc_link_add(struct device *dev, u32 outbox, u32 inbox)
{
	struct mctp_pcc_link *link;
	int rc;

	link = mctp_pcc_link_alloc(dev, outbox, inbox);
	if (IS_ERR(link))
		return PTR_ERR(link);

	rc = register_netdev(link->ndev);
	if (rc) {
		dev_err(dev, "cannot register mctppcc%u: %d\n", inbox, rc);
		mctp_pcc_link_free(link);
		return rc;
	}
	netdev_info(link->ndev, "MCTP over PCC subspaces %u (outbox) and %u (inbox), MTU up to %u\n",
		    outbox, inbox, link->ndev->max_mtu);
	return devm_add_action_or_reset(dev, mctp_pcc_link_remove, link);
}

static void mctp_pcc_loopback_remove(void *ndev)
{
	mctp_echo_remove(ndev);
}

/* pcc_loopback: the subspaces are checked as for a real link, then left
 * alone, and an echo interface takes the link's name and MTU range.
 */
int mctp_pcc_loopback_add(struct device *dev, u32 outbox, u32 inbox)
{
	struct mctp_pcc_link *link;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	unsigned int max_mtu;

	link = mctp_pcc_link_alloc(dev, outbox, inbox);
	if (IS_ERR(link))
		return PTR_ERR(link);
	max_mtu = mctp_pcc_max_mtu(link);
	mctp_pcc_link_free(link);

	snprintf(name, sizeof(name), "mctppcc%u", inbox);
	ndev = mctp_echo_add(dev, name, max_mtu);
	if (IS_ERR(ndev)) {
		dev_err(dev, "cannot register %s: %pe\n", name, ndev);
		return PTR_ERR(ndev);
	}
	netdev_info(ndev, "loopback: echoing instead of using PCC subspaces %u and %u\n",
		    outbox, inbox);
	return devm_add_action_or_reset(dev, mctp_pcc_loopback_remove, ndev);
}
