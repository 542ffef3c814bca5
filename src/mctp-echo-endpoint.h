/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The emulated MCTP endpoint behind an echo interface: what answers its
 * control messages (type 0) instead of the byte turnaround.
 */
#ifndef __MCTP_ECHO_ENDPOINT_H
#define __MCTP_ECHO_ENDPOINT_H

#include <linux/atomic.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "mctp-control.h"

struct mctp_echo_endpoint {
	/* eid changes only in the transmit path, read with READ_ONCE */
	struct mctp_control_endpoint	ctl;
	/* control messages, by verdict of mctp_control_respond() */
	atomic_long_t			count[MCTP_CONTROL_DATAGRAM + 1];
	/* written only in the transmit path */
	struct mctp_control_partial	partial;
};

/* what a packet sent to the endpoint is, for mctp_echo_endpoint_sort() */
enum mctp_echo_packet {
	MCTP_ECHO_DATA,		/* another type's: echoed */
	MCTP_ECHO_CONTROL,	/* a control message: answered */
	MCTP_ECHO_CONTROL_REST,	/* the rest of one: dropped with it */
};

/* the static EID of endpoints created from now on (0: none) */
void mctp_echo_endpoint_configure(mctp_eid_t static_eid);
void mctp_echo_endpoint_init(struct mctp_echo_endpoint *ep);
/* for a packet of at least an MCTP header, linear or not; call for every
 * packet, in order
 */
enum mctp_echo_packet mctp_echo_endpoint_sort(struct mctp_echo_endpoint *ep,
					      const struct sk_buff *skb);
/* the reply to a control message, the request consumed; or an ERR_PTR,
 * the request left to the caller: -EBADMSG malformed, -ENOMSG not
 * answered, -ENOMEM
 */
struct sk_buff *mctp_echo_endpoint_answer(struct mctp_echo_endpoint *ep,
					  struct net_device *ndev,
					  struct sk_buff *skb);

/* /sys/class/net/<dev>/mctp_endpoint/, for an interface whose private
 * area starts with its struct mctp_echo_endpoint
 */
extern const struct attribute_group mctp_echo_endpoint_group;

#endif /* __MCTP_ECHO_ENDPOINT_H */
