// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: the emulated endpoint behind an echo interface.
 *
 * Control messages (type 0) are answered by the pure responder of
 * mctp-control.h: mctpd and other bus owners can then discover, assign and
 * query the endpoint. This file holds its state (EID, UUID), counts what
 * it was sent, and shows both in /sys/class/net/<dev>/mctp_endpoint/.
 */

#include <linux/device.h>
#include <linux/sysfs.h>
#include <linux/uuid.h>

#include "mctp-echo-endpoint.h"

static mctp_eid_t mctp_echo_static_eid;

void mctp_echo_endpoint_configure(mctp_eid_t static_eid)
{
	mctp_echo_static_eid = static_eid;
}

void mctp_echo_endpoint_init(struct mctp_echo_endpoint *ep)
{
	unsigned int i;

	ep->ctl.static_eid = mctp_echo_static_eid;
	ep->ctl.eid = mctp_echo_static_eid;
	/* random: unique per interface, kept for its lifetime */
	generate_random_uuid(ep->ctl.uuid);
	for (i = 0; i < ARRAY_SIZE(ep->count); i++)
		atomic_long_set(&ep->count[i], 0);
}

enum mctp_echo_packet mctp_echo_endpoint_sort(struct mctp_echo_endpoint *ep,
					      const struct sk_buff *skb)
{
	u8 peek[MCTP_CONTROL_OFF_TYPE + 1];
	unsigned int len = min_t(unsigned int, skb->len, sizeof(peek));
	const u8 *pkt = skb_header_pointer(skb, 0, len, peek);
	bool control;

	/* the caller has checked for a whole MCTP header */
	if (WARN_ON_ONCE(!pkt || len < sizeof(struct mctp_hdr)))
		return MCTP_ECHO_DATA;
	control = mctp_control_is_control(pkt, len);
	if (mctp_control_continues(&ep->partial, pkt, control))
		return MCTP_ECHO_CONTROL_REST;
	return control ? MCTP_ECHO_CONTROL : MCTP_ECHO_DATA;
}

struct sk_buff *mctp_echo_endpoint_answer(struct mctp_echo_endpoint *ep,
					  struct net_device *ndev,
					  struct sk_buff *skb)
{
	u8 peek[MCTP_CONTROL_PEEK], rsp[MCTP_CONTROL_RSP_MAX];
	enum mctp_control_verdict verdict;
	unsigned int rsp_len;
	struct sk_buff *reply;
	const u8 *pkt;
	mctp_eid_t eid;

	/* the responder reads no more than the first few bytes */
	pkt = skb_header_pointer(skb, 0,
				 min_t(unsigned int, skb->len, MCTP_CONTROL_PEEK),
				 peek);
	if (pkt)
		verdict = mctp_control_respond(&ep->ctl, pkt, skb->len, rsp,
					       &rsp_len, &eid);
	else
		verdict = MCTP_CONTROL_MALFORMED;
	if (verdict != MCTP_CONTROL_REPLY) {
		atomic_long_inc(&ep->count[verdict]);
		netdev_dbg(ndev, "control message not answered: verdict %d\n",
			   verdict);
		return ERR_PTR(verdict == MCTP_CONTROL_MALFORMED ? -EBADMSG :
			       -ENOMSG);
	}

	/* a response can be longer than its request: a new skb */
	reply = netdev_alloc_skb(ndev, rsp_len);
	if (!reply)
		return ERR_PTR(-ENOMEM);
	skb_put_data(reply, rsp, rsp_len);
	atomic_long_inc(&ep->count[verdict]);
	if (eid != ep->ctl.eid) {
		netdev_dbg(ndev, "endpoint EID %u -> %u\n", ep->ctl.eid, eid);
		WRITE_ONCE(ep->ctl.eid, eid);
	}
	consume_skb(skb);
	return reply;
}

static struct mctp_echo_endpoint *mctp_echo_endpoint_dev(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

static ssize_t eid_show(struct device *d, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  READ_ONCE(mctp_echo_endpoint_dev(d)->ctl.eid));
}
static DEVICE_ATTR_RO(eid);

static ssize_t static_eid_show(struct device *d,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n",
			  mctp_echo_endpoint_dev(d)->ctl.static_eid);
}
static DEVICE_ATTR_RO(static_eid);

static ssize_t uuid_show(struct device *d, struct device_attribute *attr,
			 char *buf)
{
	/* in the byte order Get Endpoint UUID sends */
	return sysfs_emit(buf, "%pUb\n", mctp_echo_endpoint_dev(d)->ctl.uuid);
}
static DEVICE_ATTR_RO(uuid);

#define MCTP_ECHO_COUNTER(name, verdict)				\
static ssize_t name##_show(struct device *d,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	struct mctp_echo_endpoint *ep = mctp_echo_endpoint_dev(d);	\
									\
	return sysfs_emit(buf, "%ld\n",					\
			  atomic_long_read(&ep->count[verdict]));	\
}									\
static DEVICE_ATTR_RO(name)

/* answered, completion code 0 or not */
MCTP_ECHO_COUNTER(requests, MCTP_CONTROL_REPLY);
MCTP_ECHO_COUNTER(malformed, MCTP_CONTROL_MALFORMED);
MCTP_ECHO_COUNTER(not_ours, MCTP_CONTROL_NOT_OURS);
MCTP_ECHO_COUNTER(responses, MCTP_CONTROL_RESPONSE);
MCTP_ECHO_COUNTER(datagrams, MCTP_CONTROL_DATAGRAM);

static struct attribute *mctp_echo_endpoint_attrs[] = {
	&dev_attr_eid.attr,
	&dev_attr_static_eid.attr,
	&dev_attr_uuid.attr,
	&dev_attr_requests.attr,
	&dev_attr_malformed.attr,
	&dev_attr_not_ours.attr,
	&dev_attr_responses.attr,
	&dev_attr_datagrams.attr,
	NULL,
};

const struct attribute_group mctp_echo_endpoint_group = {
	.name = "mctp_endpoint",
	.attrs = mctp_echo_endpoint_attrs,
};
