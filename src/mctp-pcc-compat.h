/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: every difference between the kernels we build for (6.1 to
 * 7.3), in one place, each with the upstream change that brought it.
 * Kbuild tells which a kernel has from its headers (MCTP_PCC_HAVE_*), not
 * from its version: stable and distribution kernels take changes back.
 */
#ifndef __MCTP_PCC_COMPAT_H
#define __MCTP_PCC_COMPAT_H

#include <linux/acpi.h>
#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
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

/*
 * mctp_register_netdev() attaches the core's mctp_dev, holding the netdev,
 * before register_netdevice(), and on its failure keeps both: a leak, and
 * a reference to a netdev the caller then frees (6.1 to 7.3; kmemleak
 * shows it on 6.12). Upstream has no fix yet. Its likeliest failure is a
 * name already taken, as by "ip link add mctppcc1 type mctpecho" before
 * the PCC device binds: look for that first. Another creator of the same
 * name in between is still possible, but that is a race of two
 * misconfigurations.
 */
static inline int mctp_pcc_compat_register_netdev(struct net_device *ndev,
						  int binding)
{
	bool taken;

	rtnl_lock();
	taken = __dev_get_by_name(dev_net(ndev), ndev->name);
	rtnl_unlock();
	if (taken)
		return -EEXIST;
#ifdef MCTP_PCC_HAVE_PHYS_BINDING
	return mctp_register_netdev(ndev, NULL, binding);
#else
	return mctp_register_netdev(ndev, NULL);
#endif
}

/*
 * Who mapped a subspace's shared memory, and so who unmaps it, and when.
 * - MAILBOX: pcc_mbox_request_channel() maps it and pcc_mbox_free_channel()
 *   unmaps it ("mailbox: pcc: Always map the shared memory communication
 *   address", v6.15; Debian's 6.1.y, 6.12.y and 7.x have it).
 * - IOREMAP: struct pcc_mbox_chan has the shmem field but the mailbox
 *   maps it only when the client asks, with pcc_mbox_ioremap(), devm on
 *   the controller ("mailbox: pcc: Check before sending MCTP PCC response
 *   ACK", v6.13; 6.6.y took it in 2025). The mailbox's interrupt handler
 *   reads it to ring the inbox's notify doorbell, so it must be this
 *   mapping, not one of ours.
 * - CLIENT: kernels before that change have no shmem field and never read
 *   the memory; map it with ACPI's own helper, which maps as the mailbox
 *   would (acpi_os_ioremap(), not exported on arm64, where ioremap()
 *   refuses memory the EFI map calls RAM).
 */
enum mctp_pcc_shmem_owner {
	MCTP_PCC_SHMEM_MAILBOX,		/* 0: also before any mapping */
	MCTP_PCC_SHMEM_IOREMAP,
	MCTP_PCC_SHMEM_CLIENT,
};

static inline void __iomem *
mctp_pcc_compat_shmem(struct pcc_mbox_chan *chan,
		      enum mctp_pcc_shmem_owner *owner)
{
#ifdef MCTP_PCC_HAVE_PCC_SHMEM
	*owner = MCTP_PCC_SHMEM_MAILBOX;
	if (chan->shmem)
		return chan->shmem;
#endif
#ifdef MCTP_PCC_HAVE_PCC_MBOX_IOREMAP
	*owner = MCTP_PCC_SHMEM_IOREMAP;
	if (pcc_mbox_ioremap(chan->mchan))
		return NULL;
	return chan->shmem;
#else
	*owner = MCTP_PCC_SHMEM_CLIENT;
	return acpi_os_map_iomem(chan->shmem_base_addr, chan->shmem_size);
#endif
}

/*
 * pcc_mbox_free_channel() unmaps the shared memory it mapped in
 * pcc_mbox_request_channel(), then frees the interrupt (in
 * mbox_free_channel()). For a responder subspace the PCC driver's own
 * interrupt handler reads that memory (check_and_ack() in 6.12,
 * pcc_chan_acknowledge() in 7.x), so an interrupt in between faults in
 * hard-irq context, whatever the client does. Where the mailbox mapped it
 * at request, free in the safe order instead: the channel and its
 * interrupt first, then the mapping, which is all pcc_mbox_free_channel()
 * adds. Upstream has no fix yet; the order is unchanged in 7.3.
 */
/* @shmem: what mctp_pcc_compat_shmem() gave (NULL: it was not called) */
static inline void
mctp_pcc_compat_free_channel(struct pcc_mbox_chan *chan, void __iomem *shmem,
			     enum mctp_pcc_shmem_owner owner)
{
	switch (owner) {
	case MCTP_PCC_SHMEM_MAILBOX:
#ifdef MCTP_PCC_HAVE_PCC_SHMEM
		/* the mailbox's mapping, even where the client took none */
		shmem = chan->shmem;
		if (shmem) {
			mbox_free_channel(chan->mchan);
			chan->shmem = NULL;
			iounmap(shmem);
			return;
		}
#endif
		break;
	case MCTP_PCC_SHMEM_IOREMAP:
		/* devm of the controller: it stays for the next client */
		break;
	case MCTP_PCC_SHMEM_CLIENT:
		pcc_mbox_free_channel(chan);
		if (shmem)
			acpi_os_unmap_iomem(shmem, chan->shmem_size);
		return;
	}
	pcc_mbox_free_channel(chan);
}

/* A register named by the PCCT, mapped as ACPI maps it (see above) */
static inline void __iomem *mctp_pcc_compat_map_reg(u64 address,
						    unsigned int bytes)
{
	return acpi_os_map_iomem(address, bytes);
}

static inline void mctp_pcc_compat_unmap_reg(void __iomem *reg,
					     unsigned int bytes)
{
	acpi_os_unmap_iomem(reg, bytes);
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
