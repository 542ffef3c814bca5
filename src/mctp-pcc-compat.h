/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: every difference between the kernels we build for (6.1 to
 * 7.2), in one place, each with the version that brought it.
 */
#ifndef __MCTP_PCC_COMPAT_H
#define __MCTP_PCC_COMPAT_H

#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/netdevice.h>
#include <linux/timer.h>
#include <acpi/pcc.h>
#include <net/mctp.h>
#include <net/mctpdevice.h>

/* v6.16 renamed from_timer() to timer_container_of(). */
#ifndef timer_container_of
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

/* v6.13 brought hrtimer_setup(); hrtimer_init() went in 7.0 (Kbuild looks
 * for the former).
 */
static inline void
mctp_pcc_compat_hrtimer_setup(struct hrtimer *timer,
			      enum hrtimer_restart (*fn)(struct hrtimer *),
			      enum hrtimer_mode mode)
{
#ifdef MCTP_PCC_HAVE_HRTIMER_SETUP
	hrtimer_setup(timer, fn, CLOCK_MONOTONIC, mode);
#else
	hrtimer_init(timer, CLOCK_MONOTONIC, mode);
	timer->function = fn;
#endif
}

/*
 * 7.x's MCTP core records each link's physical binding, given to
 * mctp_register_netdev(), and reports it over netlink
 * (IFLA_MCTP_PHYS_BINDING), where mctpd reads it; 6.12 and older take no
 * binding (Kbuild looks for MCTP_PHYS_BINDING_PCC).
 */
#ifdef MCTP_PCC_HAVE_PHYS_BINDING
#define MCTP_PCC_BINDING_NONE	MCTP_PHYS_BINDING_UNSPEC
#define MCTP_PCC_BINDING_PCC	MCTP_PHYS_BINDING_PCC
#else
#define MCTP_PCC_BINDING_NONE	0x00
#define MCTP_PCC_BINDING_PCC	0x08	/* DSP0239 */
#endif

static inline int mctp_pcc_compat_register_netdev(struct net_device *ndev,
						  int binding)
{
#ifdef MCTP_PCC_HAVE_PHYS_BINDING
	return mctp_register_netdev(ndev, NULL, binding);
#else
	return mctp_register_netdev(ndev, NULL);
#endif
}

/*
 * The PCC mailbox maps a subspace's shared memory in
 * pcc_mbox_request_channel() on the kernels we test; upstream kernels
 * before v6.15 left mapping it to the client. Map it ourselves when the
 * controller did not.
 */
static inline void __iomem *
mctp_pcc_compat_shmem(struct device *dev, struct pcc_mbox_chan *chan)
{
	if (chan->shmem)
		return chan->shmem;
	return devm_ioremap(dev, chan->shmem_base_addr, chan->shmem_size);
}

/*
 * pcc_mbox_free_channel() unmaps the shared memory it mapped in
 * pcc_mbox_request_channel(), then frees the interrupt (in
 * mbox_free_channel()). For a responder subspace the PCC driver's own
 * interrupt handler reads that memory (check_and_ack() in 6.12,
 * pcc_chan_acknowledge() in 7.x), so an interrupt in between faults in
 * hard-irq context, whatever the client does. Where the controller mapped
 * it, free in the safe order instead: the channel and its interrupt
 * first, then the mapping, which is all pcc_mbox_free_channel() does.
 * Where the client mapped it (devm, above), nothing is unmapped early.
 */
static inline void mctp_pcc_compat_free_channel(struct pcc_mbox_chan *chan)
{
	void __iomem *shmem = chan->shmem;

	if (!shmem) {
		pcc_mbox_free_channel(chan);
		return;
	}
	mbox_free_channel(chan->mchan);
	chan->shmem = NULL;
	iounmap(shmem);
}

/*
 * Transmit completion: up to 6.12 the PCC interrupt handler only passes
 * the command-complete interrupt to the client, which has to run the
 * mailbox's transmit state machine itself (mbox_chan_txdone()); 7.x
 * calls mbox_chan_txdone() from the handler too. The driver needs no
 * version test for this: it keeps at most one message in flight and
 * tracks its completion itself, so a second mbox_chan_txdone() only
 * clears the mailbox's own bookkeeping (see mctp_pcc_tx_complete()).
 */

#endif /* __MCTP_PCC_COMPAT_H */
