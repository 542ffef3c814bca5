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
 * PCC mailbox and stops the queue: the outbox holds one packet, and it is
 * the platform's until the platform completes it. The command-complete
 * interrupt opens the transmit gate, which wakes the queue once the PCCT's
 * timing rules allow the next doorbell. On the inbox, the platform's
 * interrupt brings a packet, which is validated, copied out and handed to
 * the stack; the PCC mailbox then acknowledges it to the platform.
 *
 * A platform that does not complete in time is counted, then, if it stays
 * silent, judged dead: carrier goes off and what the stack queues is
 * dropped. Its completion, however late, brings the link back.
 */

#include <linux/acpi.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
/* readq() of a 64-bit Command Complete register, also on 32-bit */
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <acpi/pcc.h>
#include <net/mctp.h>
#include <net/sch_generic.h>

#include "mctp-echo.h"
#include "mctp-link.h"
#include "mctp-pcc.h"
#include "mctp-pcc-compat.h"
#include "mctp-pcc-wire.h"

/* How long the platform may take to complete a transmit before it is
 * counted as timed out: a hundred times the nominal latency the PCCT
 * gives, within one to five seconds.
 */
#define MCTP_PCC_TX_TIMEOUT_MIN_MS	1000
#define MCTP_PCC_TX_TIMEOUT_MAX_MS	5000
#define MCTP_PCC_TX_TIMEOUT_LATENCIES	100
/* A platform still silent after twice that, and at least five seconds
 * (so between 5 and 10 s after the doorbell), is judged dead: by then
 * every request queued behind the packet has outlived MCTP's 6 s tag.
 */
#define MCTP_PCC_DEAD_MIN_MS		5000

struct mctp_pcc_box {
	struct mbox_client	client;
	struct pcc_mbox_chan	*chan;
	/* held while the inbox interrupt reads the shared memory, so that
	 * teardown can take it away before the mailbox unmaps it
	 */
	spinlock_t		shmem_lock;
	void __iomem		*shmem;	/* NULL unless the channel is usable */
	void __iomem		*mapped;	/* what to unmap, and who does */
	enum mctp_pcc_shmem_owner owner;
	u64			room;	/* packet bytes it may carry */
	u32			index;
};

/* The PCCT's timing rules for the outbox */
struct mctp_pcc_pace {
	ktime_t			turnaround;	/* completion to next doorbell */
	ktime_t			period;		/* doorbell to doorbell */
};

struct mctp_pcc_link {
	struct net_device	*ndev;
	struct mctp_pcc_box	outbox;
	struct mctp_pcc_box	inbox;
	struct mctp_pcc_pace	pace;
	/* the outbox's Command Complete register, read when its interrupt
	 * does not come (NULL where it is not in system memory)
	 */
	void __iomem		*done_reg;
	struct mctp_pcc_done	done;
	struct timer_list	tx_timer;
	struct hrtimer		tx_gate;	/* wakes the queue */
	unsigned long		tx_timeout;
	unsigned long		dead_after;

	/* taken from xmit, both mailbox interrupts and both timers */
	spinlock_t		lock;
	bool			tx_busy;	/* the outbox is the platform's */
	bool			tx_overdue;	/* ... and it has timed out */
	bool			dead;		/* ... and judged dead */
	bool			draining;	/* ... carrier not yet off */
	bool			gone;		/* being torn down */
	unsigned int		tx_len;
	unsigned long		tx_sent;	/* jiffies at the doorbell */
	unsigned long		tx_deadline;	/* what tx_timer waits for */
	unsigned long		dead_at;	/* jiffies, when judged dead */
	unsigned long		last_drop;	/* jiffies, while draining */
	ktime_t			tx_rang;	/* the last doorbell */
	ktime_t			tx_ready;	/* the next one allowed */
};

/* Statistics are the netdev's own (DEV_STATS_*: atomic, so taken from any
 * context without link->lock, and read by the core as they are).
 */
static netdev_tx_t mctp_pcc_tx_drop(struct net_device *ndev,
				    struct sk_buff *skb, bool malformed)
{
	if (malformed)
		DEV_STATS_INC(ndev, tx_errors);
	else
		DEV_STATS_INC(ndev, tx_dropped);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/*
 * A doorbell the PCC controller failed to ring leaves the message in the
 * mailbox's queue, where the next transmit-done would send it, stale, and
 * mbox_send_message() still returns success. Take it back: the mailbox
 * has no call for that, so do it under the channel's own lock. Called
 * with link->lock held.
 */
static bool mctp_pcc_doorbell_failed(struct mbox_chan *mchan)
{
	bool failed;

	spin_lock(&mchan->lock);
	failed = mchan->msg_count == 1;
	if (failed)
		mchan->msg_count = 0;
	spin_unlock(&mchan->lock);
	return failed;
}

/* Ring the outbox doorbell for what is in the outbox; under link->lock */
static int mctp_pcc_ring(struct mctp_pcc_link *link)
{
	struct mbox_chan *mchan = link->outbox.chan->mchan;
	int rc;

	/* the message pointer is only a token */
	rc = mbox_send_message(mchan, link);
	if (rc >= 0 && mctp_pcc_doorbell_failed(mchan))
		rc = -EIO;
	if (rc < 0) {
		DEV_STATS_INC(link->ndev, tx_errors);
		DEV_STATS_INC(link->ndev, tx_carrier_errors);
	}
	return rc;
}

/* The outbox timer's next look; under link->lock */
static void mctp_pcc_rearm(struct mctp_pcc_link *link, unsigned long at)
{
	link->tx_deadline = at;
	mod_timer(&link->tx_timer, at);
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
		return mctp_pcc_tx_drop(ndev, skb, true);
	if (skb_linearize(skb))
		return mctp_pcc_tx_drop(ndev, skb, false);

	spin_lock_irqsave(&link->lock, flags);
	if (link->dead) {
		/* drains the qdisc while the platform is away */
		DEV_STATS_INC(ndev, tx_dropped);
		link->last_drop = jiffies;
		spin_unlock_irqrestore(&link->lock, flags);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (link->tx_busy || ktime_before(ktime_get(), link->tx_ready)) {
		/* only after a recovery: the gate wakes the queue */
		netif_stop_queue(ndev);
		spin_unlock_irqrestore(&link->lock, flags);
		return NETDEV_TX_BUSY;
	}

	mctp_pcc_hdr_fill(&hdr, box->index, skb->len);
	memcpy_toio(box->shmem, &hdr, sizeof(hdr));
	memcpy_toio(box->shmem + sizeof(hdr), skb->data, skb->len);

	rc = mctp_pcc_ring(link);
	if (rc < 0) {
		spin_unlock_irqrestore(&link->lock, flags);
		if (net_ratelimit())
			netdev_warn(ndev, "PCC doorbell failed: %d\n", rc);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	link->tx_busy = true;
	link->tx_len = skb->len;
	link->tx_sent = jiffies;
	link->tx_rang = ktime_get();
	netif_stop_queue(ndev);
	mctp_pcc_rearm(link, link->tx_sent + link->tx_timeout);
	spin_unlock_irqrestore(&link->lock, flags);

	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

/* When the PCCT lets us ring again, after a completion at @now */
static ktime_t mctp_pcc_next_doorbell(const struct mctp_pcc_link *link,
				      ktime_t now)
{
	ktime_t after_turnaround = ktime_add(now, link->pace.turnaround);
	ktime_t after_period = ktime_add(link->tx_rang, link->pace.period);

	return ktime_after(after_period, after_turnaround) ?
		after_period : after_turnaround;
}

/*
 * The platform is done with the outbox, @in_time or not: let the next
 * doorbell ring once the PCCT allows. Returns whether the link was dead.
 * Under link->lock.
 */
static bool mctp_pcc_outbox_free(struct mctp_pcc_link *link, bool in_time)
{
	bool revived = link->dead;

	/* one that was not was counted when it timed out */
	if (in_time) {
		DEV_STATS_INC(link->ndev, tx_packets);
		DEV_STATS_ADD(link->ndev, tx_bytes, link->tx_len);
	}
	link->tx_busy = false;
	link->tx_overdue = false;
	link->dead = false;
	link->draining = false;
	timer_delete(&link->tx_timer);
	/* see mctp-pcc-compat.h: harmless where the mailbox did it */
	mbox_chan_txdone(link->outbox.chan->mchan, in_time ? 0 : -ETIME);

	link->tx_ready = mctp_pcc_next_doorbell(link, ktime_get());
	if (!link->gone) {
		if (revived) {
			/* carrier may not have gone off yet: no harm */
			netif_stop_queue(link->ndev);
			netif_carrier_on(link->ndev);
		}
		/* the queue wakes from softirq, as it does after NAPI */
		hrtimer_start(&link->tx_gate, link->tx_ready,
			      HRTIMER_MODE_ABS_SOFT);
	}
	return revived;
}

/* Whether the platform has completed the outbox command, interrupt or no:
 * Linux's PCC mailbox drops a completion that carries an error status.
 */
static bool mctp_pcc_outbox_done(const struct mctp_pcc_link *link)
{
	void __iomem *reg = link->done_reg;
	u64 val;

	if (!reg)
		return false;
	switch (link->done.width) {
	case 8:
		val = readb(reg);
		break;
	case 16:
		val = readw(reg);
		break;
	case 32:
		val = readl(reg);
		break;
	default:
		val = readq(reg);
		break;
	}
	return val & link->done.mask;
}

/* Outbox interrupt: the platform has completed the command (hard irq). */
static void mctp_pcc_tx_complete(struct mbox_client *cl, void *unused)
{
	struct mctp_pcc_link *link = container_of(cl, struct mctp_pcc_link,
						  outbox.client);
	bool overdue, revived;
	unsigned long flags;
	unsigned int ms;

	spin_lock_irqsave(&link->lock, flags);
	if (!link->tx_busy) {
		spin_unlock_irqrestore(&link->lock, flags);
		netdev_dbg(link->ndev, "completion with nothing in flight\n");
		return;
	}
	/*
	 * An interrupt late past the timeout, for a packet its Command
	 * Complete bit freed, can come while the next is in flight. The PCC
	 * mailbox reads the bit before calling us, but the next doorbell may
	 * clear it in between: read it again, under the lock transmit rings
	 * the doorbell with.
	 */
	if (link->done_reg && !mctp_pcc_outbox_done(link)) {
		spin_unlock_irqrestore(&link->lock, flags);
		netdev_dbg(link->ndev, "completion interrupt for an earlier packet\n");
		return;
	}
	overdue = link->tx_overdue;
	ms = jiffies_to_msecs(jiffies - link->tx_sent);
	/* a packet that timed out was counted then */
	revived = mctp_pcc_outbox_free(link, !overdue);
	spin_unlock_irqrestore(&link->lock, flags);

	if (revived)
		netdev_info(link->ndev, "platform completed again after %u ms: link up\n",
			    ms);
	else if (overdue && net_ratelimit())
		netdev_info(link->ndev, "platform completed a transmit %u ms after its doorbell\n",
			    ms);
}

static enum hrtimer_restart mctp_pcc_tx_gate(struct hrtimer *gate)
{
	struct mctp_pcc_link *link = container_of(gate, struct mctp_pcc_link,
						  tx_gate);
	unsigned long flags;

	spin_lock_irqsave(&link->lock, flags);
	if (!link->gone && !link->tx_busy)
		netif_wake_queue(link->ndev);
	spin_unlock_irqrestore(&link->lock, flags);
	return HRTIMER_NORESTART;
}

/*
 * Whether the qdisc still holds packets. Only for draining a dead link:
 * carrier off has the core reset the qdisc, freeing what it holds
 * uncounted, and a tick-based guess at "drained" is wrong whenever
 * softirqs run late (a loaded host, a VM descheduled).
 */
static bool mctp_pcc_qdisc_empty(struct net_device *ndev)
{
	struct netdev_queue *txq = netdev_get_tx_queue(ndev, 0);
	bool empty;

	/* a registered device always has one, noop_qdisc at least */
	rcu_read_lock();
	empty = !qdisc_qlen_sum(rcu_dereference(txq->qdisc));
	rcu_read_unlock();
	return empty;
}

enum mctp_pcc_stall {
	MCTP_PCC_STALL_WAIT,		/* still the platform's */
	MCTP_PCC_STALL_LATE,		/* just timed out */
	MCTP_PCC_STALL_DEAD,		/* the platform is judged dead */
	MCTP_PCC_STALL_SILENT,		/* completed with no interrupt */
	MCTP_PCC_STALL_REVIVED,		/* ... and the link was dead */
};

/* A packet in flight past its deadline; under link->lock */
static enum mctp_pcc_stall mctp_pcc_stalled(struct mctp_pcc_link *link)
{
	bool late = !link->tx_overdue;
	unsigned long next, dead_at;

	/* counted once per packet, however it ends */
	if (late) {
		link->tx_overdue = true;
		DEV_STATS_INC(link->ndev, tx_errors);
		DEV_STATS_INC(link->ndev, tx_aborted_errors);
	}
	if (mctp_pcc_outbox_done(link))
		return mctp_pcc_outbox_free(link, false) ?
			MCTP_PCC_STALL_REVIVED : MCTP_PCC_STALL_SILENT;

	/* the outbox stays the platform's: no next packet until it is done */
	if (!late && !link->dead &&
	    time_after_eq(jiffies, link->tx_sent + link->dead_after)) {
		/* Let the qdisc drain into counted drops first: carrier off
		 * has the core reset it, freeing what it holds uncounted.
		 */
		link->dead = true;
		link->draining = true;
		link->dead_at = jiffies;
		link->last_drop = jiffies;
		netif_wake_queue(link->ndev);
		mctp_pcc_rearm(link, jiffies + 1);
		return MCTP_PCC_STALL_DEAD;
	}
	if (link->draining) {
		/* drained once the qdisc is empty and nothing came for two
		 * ticks, or after a second of a sender that does not stop
		 */
		if ((!mctp_pcc_qdisc_empty(link->ndev) ||
		     time_before(jiffies, link->last_drop + 2)) &&
		    time_before(jiffies, link->dead_at + HZ)) {
			mctp_pcc_rearm(link, jiffies + 1);
			return MCTP_PCC_STALL_WAIT;
		}
		link->draining = false;
		netif_carrier_off(link->ndev);
	}
	/* look again, for a completion whose interrupt does not come, and
	 * at the moment the platform is to be judged dead, not a timeout
	 * after it
	 */
	next = jiffies + link->tx_timeout;
	dead_at = link->tx_sent + link->dead_after;
	if (!link->dead && time_after(dead_at, jiffies) &&
	    time_before(dead_at, next))
		next = dead_at;
	mctp_pcc_rearm(link, next);
	return late ? MCTP_PCC_STALL_LATE : MCTP_PCC_STALL_WAIT;
}

/*
 * The outbox timer, armed at each doorbell. A run that finds no packet in
 * flight, or one whose deadline is still ahead, belongs to an earlier
 * packet and does nothing: the completion and the next doorbell came
 * between its expiry and now.
 */
static void mctp_pcc_tx_timeout(struct timer_list *t)
{
	struct mctp_pcc_link *link = timer_container_of(link, t, tx_timer);
	enum mctp_pcc_stall stall;
	unsigned long flags;

	spin_lock_irqsave(&link->lock, flags);
	if (!link->tx_busy || link->gone ||
	    time_before(jiffies, link->tx_deadline)) {
		spin_unlock_irqrestore(&link->lock, flags);
		return;
	}
	stall = mctp_pcc_stalled(link);
	spin_unlock_irqrestore(&link->lock, flags);

	switch (stall) {
	case MCTP_PCC_STALL_LATE:
		if (net_ratelimit())
			netdev_warn(link->ndev,
				    "platform did not complete a transmit within %u ms\n",
				    jiffies_to_msecs(link->tx_timeout));
		break;
	case MCTP_PCC_STALL_SILENT:
		if (net_ratelimit())
			netdev_warn(link->ndev,
				    "platform completed a transmit with no interrupt, or with an error status\n");
		break;
	case MCTP_PCC_STALL_DEAD:
		netdev_warn(link->ndev,
			    "platform silent for %u ms: link down until it completes\n",
			    jiffies_to_msecs(link->dead_after));
		break;
	case MCTP_PCC_STALL_REVIVED:
		netdev_info(link->ndev, "platform completed again: link up\n");
		break;
	default:
		break;
	}
}

static const char *const mctp_pcc_rx_reason[] = {
	[MCTP_PCC_RX_BAD_SIGNATURE] = "bad signature",
	[MCTP_PCC_RX_BAD_COMMAND] = "not an MCTP command",
	[MCTP_PCC_RX_SHORT] = "too short for an MCTP header",
	[MCTP_PCC_RX_TOO_LONG] = "longer than the shared memory or the largest MCTP packet",
};

static void mctp_pcc_rx_invalid(struct mctp_pcc_link *link,
				enum mctp_pcc_rx_verdict verdict,
				const struct mctp_pcc_hdr *hdr)
{
	DEV_STATS_INC(link->ndev, rx_errors);
	if (verdict == MCTP_PCC_RX_SHORT || verdict == MCTP_PCC_RX_TOO_LONG)
		DEV_STATS_INC(link->ndev, rx_length_errors);
	else
		DEV_STATS_INC(link->ndev, rx_frame_errors);

	if (net_ratelimit())
		netdev_warn(link->ndev,
			    "dropped a message from the platform: %s (signature %#x, length %u)\n",
			    mctp_pcc_rx_reason[verdict],
			    le32_to_cpu(hdr->signature), le32_to_cpu(hdr->length));
}

/*
 * The packet in the inbox, validated and copied into an skb, or NULL with
 * the reason counted. Under the inbox's shmem_lock.
 */
static struct sk_buff *mctp_pcc_rx_read(struct mctp_pcc_link *link,
					void __iomem *shmem)
{
	struct mctp_pcc_box *box = &link->inbox;
	struct net_device *ndev = link->ndev;
	enum mctp_pcc_rx_verdict verdict;
	struct mctp_pcc_hdr hdr;
	struct sk_buff *skb;
	u32 len;

	memcpy_fromio(&hdr, shmem, sizeof(hdr));
	verdict = mctp_pcc_hdr_check(&hdr, box->index, box->room, &len);
	if (verdict != MCTP_PCC_RX_OK) {
		mctp_pcc_rx_invalid(link, verdict, &hdr);
		return NULL;
	}

	/* the stack must not see packets once the link is down */
	skb = netif_running(ndev) ? netdev_alloc_skb(ndev, len) : NULL;
	if (!skb) {
		DEV_STATS_INC(link->ndev, rx_dropped);
		return NULL;
	}
	memcpy_fromio(skb_put(skb, len), shmem + sizeof(hdr), len);
	return skb;
}

/* Inbox interrupt: the platform has written a packet (hard irq). */
static void mctp_pcc_rx(struct mbox_client *cl, void *unused)
{
	struct mctp_pcc_link *link = container_of(cl, struct mctp_pcc_link,
						  inbox.client);
	struct mctp_pcc_box *box = &link->inbox;
	struct sk_buff *skb = NULL;
	unsigned int len;

	/* No shared memory: a message already waiting comes in while the
	 * channel is being set up, or one comes late while it is torn down.
	 * There is nowhere to read it from.
	 */
	spin_lock(&box->shmem_lock);
	if (box->shmem)
		skb = mctp_pcc_rx_read(link, box->shmem);
	else
		DEV_STATS_INC(link->ndev, rx_dropped);
	spin_unlock(&box->shmem_lock);
	if (!skb)
		return;

	len = skb->len;
	skb->protocol = htons(ETH_P_MCTP);
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	__mctp_cb(skb)->halen = 0;

	/* a drop here is the core's, counted in its own rx_dropped */
	if (netif_rx(skb) == NET_RX_SUCCESS) {
		DEV_STATS_INC(link->ndev, rx_packets);
		DEV_STATS_ADD(link->ndev, rx_bytes, len);
	}
}

static int mctp_pcc_open(struct net_device *ndev)
{
	struct mctp_pcc_link *link = netdev_priv(ndev);
	unsigned long flags;

	/* a packet sent before the last stop may still be in flight; the
	 * gate wakes the queue when it completes
	 */
	spin_lock_irqsave(&link->lock, flags);
	if (link->tx_busy && !link->dead)
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

static const struct net_device_ops mctp_pcc_netdev_ops = {
	.ndo_open = mctp_pcc_open,
	.ndo_stop = mctp_pcc_stop,
	.ndo_start_xmit = mctp_pcc_start_xmit,
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
	unsigned long flags;

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
	/* A larger subspace carries no larger packet: the cap keeps an
	 * inbound copy, and its allocation in hard irq, to what the stack
	 * takes (a 64 KiB message and its header), and bounds the MTU.
	 */
	box->room = min_t(u64, chan->shmem_size - sizeof(struct mctp_pcc_hdr),
			  MCTP_LINK_MAX_MTU);

	shmem = mctp_pcc_compat_shmem(chan, &box->owner);
	box->mapped = shmem;
	if (!shmem) {
		dev_err(dev, "%s: cannot map PCC subspace %u\n", role, index);
		return -ENOMEM;
	}
	/* the inbox interrupt may already be running */
	spin_lock_irqsave(&box->shmem_lock, flags);
	box->shmem = shmem;
	spin_unlock_irqrestore(&box->shmem_lock, flags);
	return 0;
}

/* Nothing reads the shared memory once this has begun, and the mailbox
 * unmaps it only once the interrupt is gone (mctp-pcc-compat.h).
 */
static void mctp_pcc_box_close(struct mctp_pcc_box *box)
{
	unsigned long flags;

	spin_lock_irqsave(&box->shmem_lock, flags);
	box->shmem = NULL;
	spin_unlock_irqrestore(&box->shmem_lock, flags);
	if (box->chan)
		mctp_pcc_compat_free_channel(box->chan, box->mapped, box->owner);
	box->chan = NULL;
	box->mapped = NULL;
}

/* The largest MTU both subspaces hold */
static unsigned int mctp_pcc_max_mtu(const struct mctp_pcc_box *outbox,
				     const struct mctp_pcc_box *inbox)
{
	/* each is at most MCTP_LINK_MAX_MTU already */
	return min(outbox->room, inbox->room);
}

/* Both subspaces, or neither and an error said */
static int mctp_pcc_boxes_open(struct device *dev, struct mctp_pcc_box *outbox,
			       u32 out_index,
			       void (*tx_done)(struct mbox_client *, void *),
			       struct mctp_pcc_box *inbox, u32 in_index,
			       void (*rx)(struct mbox_client *, void *))
{
	int rc;

	spin_lock_init(&outbox->shmem_lock);
	spin_lock_init(&inbox->shmem_lock);
	rc = mctp_pcc_box_open(dev, outbox, out_index, "outbox", tx_done);
	if (!rc)
		rc = mctp_pcc_box_open(dev, inbox, in_index, "inbox", rx);
	if (rc) {
		mctp_pcc_box_close(inbox);
		mctp_pcc_box_close(outbox);
	}
	return rc;
}

/* The PCCT's rules for the outbox: a minimum request turnaround time in
 * microseconds, and a maximum periodic access rate in doorbells a minute
 * (0: no limit), kept by spacing doorbells evenly.
 */
static void mctp_pcc_pace_init(struct mctp_pcc_pace *pace,
			       const struct pcc_mbox_chan *chan)
{
	pace->turnaround = ns_to_ktime((u64)chan->min_turnaround_time * NSEC_PER_USEC);
	pace->period = chan->max_access_rate ?
		ns_to_ktime(div_u64(60ULL * NSEC_PER_SEC,
				    chan->max_access_rate)) : 0;
}

/*
 * The PCCT's rules set the link's speed: say what they allow. The maximum
 * periodic access rate is meant for polling (CPPC's), but the PCCT gives
 * no other limit for the subspace and the platform may rely on it, so
 * every doorbell keeps to it; one set low for polling throttles MCTP,
 * which deserves more than an info line.
 */
#define MCTP_PCC_SLOW_RATE	(60 * 100)	/* doorbells a minute */

static void mctp_pcc_pace_say(const struct mctp_pcc_link *link)
{
	const struct pcc_mbox_chan *chan = link->outbox.chan;

	if (!chan->max_access_rate) {
		netdev_info(link->ndev, "PCCT: no access-rate limit, turnaround %u us\n",
			    chan->min_turnaround_time);
		return;
	}
	if (chan->max_access_rate < MCTP_PCC_SLOW_RATE)
		netdev_warn(link->ndev, "PCCT allows only %u doorbells a minute: at most %u.%02u packets a second\n",
			    chan->max_access_rate, chan->max_access_rate / 60,
			    chan->max_access_rate % 60 * 100 / 60);
	else
		netdev_info(link->ndev, "PCCT: up to %u doorbells a minute (%u packets a second), turnaround %u us\n",
			    chan->max_access_rate, chan->max_access_rate / 60,
			    chan->min_turnaround_time);
}

/* Map the Command Complete register if it is memory we can read */
static void __iomem *mctp_pcc_done_map(const struct mctp_pcc_done *done)
{
	if (done->space_id != ACPI_ADR_SPACE_SYSTEM_MEMORY || !done->address ||
	    !done->mask || (done->width != 8 && done->width != 16 &&
			    done->width != 32 && done->width != 64))
		return NULL;
	/* device memory faults an unaligned access on arm64 */
	if (!IS_ALIGNED(done->address, done->width / 8))
		return NULL;
	/* mapped as the PCC mailbox maps it */
	return mctp_pcc_compat_map_reg(done->address, done->width / 8);
}

static void mctp_pcc_link_free(struct mctp_pcc_link *link)
{
	/* no callback runs once the channels are freed; then the timers,
	 * which nothing re-arms after that
	 */
	mctp_pcc_box_close(&link->inbox);
	mctp_pcc_box_close(&link->outbox);
	timer_delete_sync(&link->tx_timer);
	hrtimer_cancel(&link->tx_gate);
	if (link->done_reg)
		mctp_pcc_compat_unmap_reg(link->done_reg, link->done.width / 8);
	free_netdev(link->ndev);
}

static void mctp_pcc_link_remove(void *data)
{
	struct mctp_pcc_link *link = data;
	unsigned long flags;

	/* from here on the interrupts and timers leave the netdev alone */
	spin_lock_irqsave(&link->lock, flags);
	link->gone = true;
	spin_unlock_irqrestore(&link->lock, flags);

	mctp_unregister_netdev(link->ndev);
	mctp_pcc_link_free(link);
}

static struct mctp_pcc_link *
mctp_pcc_link_alloc(struct device *dev, u32 outbox, u32 inbox,
		    const struct mctp_pcc_done *done)
{
	struct mctp_pcc_link *link;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	unsigned int ms;
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
	mctp_pcc_compat_hrtimer_setup(&link->tx_gate, mctp_pcc_tx_gate,
				      HRTIMER_MODE_ABS_SOFT);

	rc = mctp_pcc_boxes_open(dev, &link->outbox, outbox,
				 mctp_pcc_tx_complete, &link->inbox, inbox,
				 mctp_pcc_rx);
	if (rc) {
		free_netdev(ndev);
		return ERR_PTR(rc);
	}

	ndev->max_mtu = mctp_pcc_max_mtu(&link->outbox, &link->inbox);
	mctp_pcc_pace_init(&link->pace, link->outbox.chan);
	link->done = *done;
	link->done_reg = mctp_pcc_done_map(done);
	ms = clamp_t(u64, div_u64((u64)MCTP_PCC_TX_TIMEOUT_LATENCIES *
				  link->outbox.chan->latency, USEC_PER_MSEC),
		     MCTP_PCC_TX_TIMEOUT_MIN_MS, MCTP_PCC_TX_TIMEOUT_MAX_MS);
	link->tx_timeout = msecs_to_jiffies(ms);
	link->dead_after = msecs_to_jiffies(max(2 * ms, MCTP_PCC_DEAD_MIN_MS));
	return link;
}

int mctp_pcc_link_add(struct device *dev, u32 outbox, u32 inbox,
		      const struct mctp_pcc_done *done)
{
	struct mctp_pcc_link *link;
	int rc;

	link = mctp_pcc_link_alloc(dev, outbox, inbox, done);
	if (IS_ERR(link))
		return PTR_ERR(link);

	rc = mctp_pcc_compat_register_netdev(link->ndev, MCTP_PCC_BINDING_PCC);
	if (rc) {
		dev_err(dev, "cannot register mctppcc%u: %d\n", inbox, rc);
		mctp_pcc_link_free(link);
		return rc;
	}
	netdev_info(link->ndev, "MCTP over PCC subspaces %u (outbox) and %u (inbox), MTU up to %u\n",
		    outbox, inbox, link->ndev->max_mtu);
	mctp_pcc_pace_say(link);
	return devm_add_action_or_reset(dev, mctp_pcc_link_remove, link);
}

static void mctp_pcc_loopback_remove(void *ndev)
{
	/* needs_free_netdev: freed once unregistered */
	mctp_unregister_netdev(ndev);
	symbol_put(mctp_echo_add);
}

/* While the subspaces are only being checked, their interrupts are
 * ignored: nothing reads the shared memory.
 */
static void mctp_pcc_ignore(struct mbox_client *cl, void *unused)
{
}

/* pcc_loopback: the subspaces are checked as for a real link, then left
 * alone, and an echo interface takes the link's name and MTU range. The
 * echo module is asked for by symbol, not linked against, so that mctp_pcc
 * alone never brings in a module that can create test links; the symbol
 * reference keeps it loaded while the interface exists.
 */
int mctp_pcc_loopback_add(struct device *dev, u32 outbox, u32 inbox)
{
	struct mctp_pcc_box out = { }, in = { };
	typeof(mctp_echo_add) *echo_add;
	struct net_device *ndev;
	char name[IFNAMSIZ];
	unsigned int max_mtu;
	int rc;

	rc = mctp_pcc_boxes_open(dev, &out, outbox, mctp_pcc_ignore,
				 &in, inbox, mctp_pcc_ignore);
	if (rc)
		return rc;
	max_mtu = mctp_pcc_max_mtu(&out, &in);
	mctp_pcc_box_close(&in);
	mctp_pcc_box_close(&out);

	echo_add = symbol_request(mctp_echo_add);
	if (!echo_add) {
		dev_err(dev, "pcc_loopback needs the mctp_echo module, which cannot be loaded\n");
		return -ENOENT;
	}
	snprintf(name, sizeof(name), "mctppcc%u", inbox);
	ndev = echo_add(dev, name, max_mtu, MCTP_PCC_BINDING_PCC);
	if (IS_ERR(ndev)) {
		dev_err(dev, "cannot register %s: %pe\n", name, ndev);
		symbol_put(mctp_echo_add);
		return PTR_ERR(ndev);
	}
	netdev_info(ndev, "loopback: echoing instead of using PCC subspaces %u and %u\n",
		    outbox, inbox);
	return devm_add_action_or_reset(dev, mctp_pcc_loopback_remove, ndev);
}
