/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-echo: echo interfaces (mctp-echo-link.c), for the echo module's entry
 * points and, through mctp_echo_add() alone, for other modules.
 */
#ifndef __MCTP_ECHO_H
#define __MCTP_ECHO_H

#include <linux/device.h>
#include <linux/netdevice.h>

#define MCTP_ECHO_MAX_DEVS	16

/* the "mctpecho" link kind, and @count interfaces of it */
int mctp_echo_init(unsigned int count);
/* deletes every echo interface the kind owns */
void mctp_echo_exit(void);

/* Exported. An echo interface owned by @dev, not by rtnetlink: "ip link
 * del" cannot remove it, mctp_unregister_netdev() does (and frees it).
 * Registered with the MCTP core as of @binding (mctp-pcc-compat.h). The
 * caller holds a reference on this module for as long as the interface
 * exists: mctp_pcc's pcc_loopback takes it with symbol_request(), so that
 * loading mctp_pcc never loads a module that can create test links.
 */
struct net_device *mctp_echo_add(struct device *dev, const char *name,
				 unsigned int max_mtu, int binding);

#endif /* __MCTP_ECHO_H */
