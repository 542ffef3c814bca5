/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: pieces of the module, and how the module entry points reach
 * them. Each transport lives in its own file.
 */
#ifndef __MCTP_PCC_H
#define __MCTP_PCC_H

#include <linux/device.h>
#include <linux/netdevice.h>

/* Echo interfaces: MCTP endpoints that answer every request themselves */
#define MCTP_ECHO_MAX_DEVS	16

int mctp_echo_init(unsigned int count);
void mctp_echo_exit(void);
/* an echo interface owned by a device, not by rtnetlink (pcc_loopback) */
struct net_device *mctp_echo_add(struct device *dev, const char *name,
				 unsigned int max_mtu);
void mctp_echo_remove(struct net_device *ndev);

#if IS_ENABLED(CONFIG_PCC)
/* PCC links, bound to the firmware's DMT0001 devices */
int mctp_pcc_acpi_init(bool loopback);
void mctp_pcc_acpi_exit(void);
int mctp_pcc_link_add(struct device *dev, u32 outbox, u32 inbox);
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
