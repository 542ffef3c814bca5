/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MCTP control protocol (DSP0236 section 12) of an emulated endpoint:
 * one request packet in, its response packet out.
 *
 * Pure logic on the packet bytes and the endpoint's state, with no kernel
 * state, so that the same code runs in the driver and in the host unit
 * tests. Layouts are those mctpd (CodeConstruct/mctp, src/mctpd.c and
 * src/mctp-control-spec.h) sends and accepts.
 */
#ifndef __MCTP_CONTROL_H
#define __MCTP_CONTROL_H

#include <linux/string.h>
#include <net/mctp.h>

/* Offsets in a packet: MCTP header, message type, control header, body */
#define MCTP_CONTROL_OFF_TYPE	4
#define MCTP_CONTROL_OFF_RQDI	5
#define MCTP_CONTROL_OFF_CMD	6
#define MCTP_CONTROL_OFF_BODY	7

#define MCTP_CONTROL_TYPE	0x00
#define MCTP_CONTROL_TYPE_IC	0x80	/* integrity check: never on control */
#define MCTP_CONTROL_RQ		0x80
#define MCTP_CONTROL_D		0x40
#define MCTP_CONTROL_IID_MASK	0x1f

#define MCTP_CONTROL_SET_EID		0x01
#define MCTP_CONTROL_GET_EID		0x02
#define MCTP_CONTROL_GET_UUID		0x03
#define MCTP_CONTROL_GET_VERSION	0x04
#define MCTP_CONTROL_GET_MSG_TYPES	0x05
#define MCTP_CONTROL_GET_VDM		0x06

#define MCTP_CONTROL_CC_SUCCESS		0x00
#define MCTP_CONTROL_CC_INVALID_DATA	0x02
#define MCTP_CONTROL_CC_INVALID_LENGTH	0x03
#define MCTP_CONTROL_CC_UNSUPPORTED_CMD	0x05
#define MCTP_CONTROL_CC_UNSUPPORTED_TYPE 0x80	/* Get MCTP Version Support */

/* Set Endpoint ID operations (request byte 1, bits 1:0) */
#define MCTP_CONTROL_SET_EID_SET	0
#define MCTP_CONTROL_SET_EID_FORCE	1
#define MCTP_CONTROL_SET_EID_RESET	2
#define MCTP_CONTROL_SET_EID_DISCOVERED	3

/* Get Endpoint ID, EID type (byte 2, bits 1:0); endpoint type (bits 5:4)
 * is 0, a simple endpoint
 */
#define MCTP_CONTROL_EID_DYNAMIC	0
#define MCTP_CONTROL_EID_STATIC_SAME	2
#define MCTP_CONTROL_EID_STATIC_OTHER	3

/* Get MCTP Version Support: the base specification and control protocol */
#define MCTP_CONTROL_VERSION_BASE	0xff

/* The vendor-defined type the endpoint advertises (it echoes every type,
 * but an echo is a valid answer only for one whose vendor says so): PCI
 * format, vendor ID 0xffff (assigned to no vendor), command set 0.
 */
#define MCTP_CONTROL_TYPE_VDM_PCI	0x7e
#define MCTP_CONTROL_VDM_PCI_FORMAT	0x00
#define MCTP_CONTROL_VDM_VENDOR		0xffff
#define MCTP_CONTROL_VDM_CMD_SET	0x0000
#define MCTP_CONTROL_VDM_LAST		0xff	/* no more capability sets */

/* The bytes of a request the responder reads, and the largest response */
#define MCTP_CONTROL_PEEK	16
#define MCTP_CONTROL_RSP_MAX	32

#define MCTP_CONTROL_UUID_LEN	16

struct mctp_control_endpoint {
	mctp_eid_t	eid;		/* present EID; 0: none assigned */
	mctp_eid_t	static_eid;	/* 0: none configured */
	u8		uuid[MCTP_CONTROL_UUID_LEN];
};

enum mctp_control_verdict {
	MCTP_CONTROL_REPLY,	/* the response packet is ready */
	MCTP_CONTROL_MALFORMED,	/* not a single-packet control message */
	MCTP_CONTROL_NOT_OURS,	/* to another EID, or from a bad one */
	MCTP_CONTROL_RESPONSE,	/* Rq clear: a response sent to us */
	MCTP_CONTROL_DATAGRAM,	/* D set: a request wanting no response */
};

/* Versions 1.0, 1.1, 1.2 and 1.3.1, as mctpd reports its own */
static const u8 mctp_control_versions[] = {
	0xf1, 0xf0, 0xff, 0x00,
	0xf1, 0xf1, 0xff, 0x00,
	0xf1, 0xf2, 0xff, 0x00,
	0xf1, 0xf3, 0xf1, 0x00,
};

static const u8 mctp_control_msg_types[] = {
	MCTP_CONTROL_TYPE, MCTP_CONTROL_TYPE_VDM_PCI,
};

/**
 * mctp_control_is_control() - whether a packet starts a control message
 * @pkt: packet, from its MCTP transport header
 * @len: bytes available at @pkt
 *
 * True for a first packet (SOM) of a known header version whose message
 * type is 0, integrity check bit or not: mctp_control_respond() takes it.
 */
static inline bool mctp_control_is_control(const u8 *pkt, unsigned int len)
{
	const struct mctp_hdr *hdr = (const struct mctp_hdr *)pkt;
	u8 ver;

	if (len <= MCTP_CONTROL_OFF_TYPE)
		return false;
	ver = hdr->ver & MCTP_HDR_VER_MASK;
	return ver >= MCTP_VER_MIN && ver <= MCTP_VER_MAX &&
	       (hdr->flags_seq_tag & MCTP_HDR_FLAG_SOM) &&
	       !(pkt[MCTP_CONTROL_OFF_TYPE] & ~MCTP_CONTROL_TYPE_IC);
}

/* Set Endpoint ID: the operations a simple endpoint with one bus owner has */
static inline u8 mctp_control_set_eid(const struct mctp_control_endpoint *ep,
				      const u8 *body, u8 *data,
				      unsigned int *dlen, mctp_eid_t *eid)
{
	mctp_eid_t want;

	switch (body[0] & 0x3) {
	case MCTP_CONTROL_SET_EID_SET:
	case MCTP_CONTROL_SET_EID_FORCE:
		want = body[1];
		if (!mctp_address_unicast(want))
			return MCTP_CONTROL_CC_INVALID_DATA;
		break;
	case MCTP_CONTROL_SET_EID_RESET:
		/* back to the static EID, which only a configured one has */
		if (!ep->static_eid)
			return MCTP_CONTROL_CC_INVALID_DATA;
		want = ep->static_eid;
		break;
	default:
		/* no discovered flag on a link without discovery */
		return MCTP_CONTROL_CC_INVALID_DATA;
	}
	*eid = want;
	data[0] = 0x00;	/* accepted, no EID pool */
	data[1] = want;
	data[2] = 0;	/* pool size */
	*dlen = 3;
	return MCTP_CONTROL_CC_SUCCESS;
}

static inline u8 mctp_control_eid_type(const struct mctp_control_endpoint *ep)
{
	if (!ep->static_eid)
		return MCTP_CONTROL_EID_DYNAMIC;
	return ep->eid == ep->static_eid ? MCTP_CONTROL_EID_STATIC_SAME :
		MCTP_CONTROL_EID_STATIC_OTHER;
}

/* The command's response data after the completion code, in @data; returns
 * the completion code. Only a successful command may change @eid.
 */
static inline u8 mctp_control_command(const struct mctp_control_endpoint *ep,
				      u8 cmd, const u8 *body,
				      unsigned int blen, u8 *data,
				      unsigned int *dlen, mctp_eid_t *eid)
{
	/* request body length of commands 1..6 */
	static const unsigned char body_len[] = { 0, 2, 0, 0, 1, 0, 1 };

	if (cmd < MCTP_CONTROL_SET_EID || cmd > MCTP_CONTROL_GET_VDM)
		return MCTP_CONTROL_CC_UNSUPPORTED_CMD;
	if (blen != body_len[cmd])
		return MCTP_CONTROL_CC_INVALID_LENGTH;

	switch (cmd) {
	case MCTP_CONTROL_SET_EID:
		return mctp_control_set_eid(ep, body, data, dlen, eid);
	case MCTP_CONTROL_GET_EID:
		data[0] = ep->eid;
		data[1] = mctp_control_eid_type(ep);
		data[2] = 0;	/* medium-specific information */
		*dlen = 3;
		break;
	case MCTP_CONTROL_GET_UUID:
		memcpy(data, ep->uuid, MCTP_CONTROL_UUID_LEN);
		*dlen = MCTP_CONTROL_UUID_LEN;
		break;
	case MCTP_CONTROL_GET_VERSION:
		if (body[0] != MCTP_CONTROL_VERSION_BASE &&
		    body[0] != MCTP_CONTROL_TYPE)
			return MCTP_CONTROL_CC_UNSUPPORTED_TYPE;
		data[0] = sizeof(mctp_control_versions) / 4;
		memcpy(data + 1, mctp_control_versions,
		       sizeof(mctp_control_versions));
		*dlen = 1 + sizeof(mctp_control_versions);
		break;
	case MCTP_CONTROL_GET_MSG_TYPES:
		data[0] = sizeof(mctp_control_msg_types);
		memcpy(data + 1, mctp_control_msg_types,
		       sizeof(mctp_control_msg_types));
		*dlen = 1 + sizeof(mctp_control_msg_types);
		break;
	case MCTP_CONTROL_GET_VDM:
		if (body[0] != 0)
			return MCTP_CONTROL_CC_INVALID_DATA;
		data[0] = MCTP_CONTROL_VDM_LAST;
		data[1] = MCTP_CONTROL_VDM_PCI_FORMAT;
		data[2] = MCTP_CONTROL_VDM_VENDOR >> 8;
		data[3] = MCTP_CONTROL_VDM_VENDOR & 0xff;
		data[4] = MCTP_CONTROL_VDM_CMD_SET >> 8;
		data[5] = MCTP_CONTROL_VDM_CMD_SET & 0xff;
		*dlen = 6;
		break;
	}
	return MCTP_CONTROL_CC_SUCCESS;
}

/**
 * mctp_control_respond() - answer one control request packet
 * @ep: the endpoint's state
 * @pkt: the packet, from its MCTP transport header: its first
 *	min(@len, %MCTP_CONTROL_PEEK) bytes
 * @len: the packet's length
 * @rsp: room for %MCTP_CONTROL_RSP_MAX bytes
 * @rsp_len: the response packet's length, on %MCTP_CONTROL_REPLY
 * @eid: the endpoint's EID after the request (Set Endpoint ID changes it)
 *
 * For a packet mctp_control_is_control() accepts. A response goes from the
 * request's destination to its source, with the request's header version
 * and tag, TO clear, Rq clear and the instance ID and command code kept.
 * Checked in this order, each verdict but %MCTP_CONTROL_REPLY leaving @rsp
 * and @eid alone: malformed, not ours, a response (Rq and TO clear), a
 * datagram.
 */
static inline enum mctp_control_verdict
mctp_control_respond(const struct mctp_control_endpoint *ep, const u8 *pkt,
		     unsigned int len, u8 *rsp, unsigned int *rsp_len,
		     mctp_eid_t *eid)
{
	const struct mctp_hdr *hdr = (const struct mctp_hdr *)pkt;
	u8 data[MCTP_CONTROL_RSP_MAX - MCTP_CONTROL_OFF_BODY - 1];
	mctp_eid_t new_eid = ep->eid;
	unsigned int dlen = 0;
	u8 rqdi, cc;

	if (len < MCTP_CONTROL_OFF_BODY ||
	    pkt[MCTP_CONTROL_OFF_TYPE] & MCTP_CONTROL_TYPE_IC ||
	    !(hdr->flags_seq_tag & MCTP_HDR_FLAG_EOM))
		return MCTP_CONTROL_MALFORMED;
	if (!(mctp_address_null(hdr->dest) ||
	      (ep->eid && hdr->dest == ep->eid)) ||
	    !(mctp_address_unicast(hdr->src) || mctp_address_null(hdr->src)))
		return MCTP_CONTROL_NOT_OURS;
	rqdi = pkt[MCTP_CONTROL_OFF_RQDI];
	/* a response is sent with TO clear (DSP0236 8.3.4): one with TO
	 * set is neither a response nor a request
	 */
	if (!(rqdi & MCTP_CONTROL_RQ))
		return hdr->flags_seq_tag & MCTP_HDR_FLAG_TO ?
			MCTP_CONTROL_MALFORMED : MCTP_CONTROL_RESPONSE;
	/* a request in a packet without TO: the stack has no requester for
	 * its response
	 */
	if (!(hdr->flags_seq_tag & MCTP_HDR_FLAG_TO))
		return MCTP_CONTROL_MALFORMED;
	if (rqdi & MCTP_CONTROL_D)
		return MCTP_CONTROL_DATAGRAM;

	cc = mctp_control_command(ep, pkt[MCTP_CONTROL_OFF_CMD],
				  pkt + MCTP_CONTROL_OFF_BODY,
				  len - MCTP_CONTROL_OFF_BODY, data, &dlen,
				  &new_eid);
	if (cc != MCTP_CONTROL_CC_SUCCESS)
		dlen = 0;	/* errors carry the completion code alone */

	/* the header version; the reserved bits are ours to clear */
	rsp[0] = hdr->ver & MCTP_HDR_VER_MASK;
	rsp[1] = hdr->src;
	rsp[2] = hdr->dest;
	rsp[3] = hdr->flags_seq_tag & ~MCTP_HDR_FLAG_TO;
	rsp[MCTP_CONTROL_OFF_TYPE] = MCTP_CONTROL_TYPE;
	rsp[MCTP_CONTROL_OFF_RQDI] = rqdi & MCTP_CONTROL_IID_MASK;
	rsp[MCTP_CONTROL_OFF_CMD] = pkt[MCTP_CONTROL_OFF_CMD];
	rsp[MCTP_CONTROL_OFF_BODY] = cc;
	memcpy(rsp + MCTP_CONTROL_OFF_BODY + 1, data, dlen);
	*rsp_len = MCTP_CONTROL_OFF_BODY + 1 + dlen;
	*eid = new_eid;
	return MCTP_CONTROL_REPLY;
}

/*
 * Control messages fit one packet (DSP0236 12.3: their largest is far
 * below the baseline MTU), so the responder refuses a first packet without
 * EOM. A real endpoint then drops the rest of that message as it comes;
 * left to the echo, its continuations would be echoed back as if they were
 * some other type's. The endpoint remembers, for each source EID, which
 * of its 16 tags (tag and TO) carry such a message.
 */
struct mctp_control_partial {
	u16	tags[256];	/* by source EID: bit (flags_seq_tag & 0xf) */
};

/**
 * mctp_control_continues() - whether a packet continues a control message
 * @p: the endpoint's partial control messages
 * @pkt: the packet, from its MCTP transport header (4 bytes at least)
 * @control: mctp_control_is_control() of the packet
 *
 * Call for every packet, in order. True for a packet without SOM of a
 * message whose first packet was control: it is dropped with its message.
 * A first packet ends whatever its source and tag were carrying.
 */
static inline bool mctp_control_continues(struct mctp_control_partial *p,
					  const u8 *pkt, bool control)
{
	const struct mctp_hdr *hdr = (const struct mctp_hdr *)pkt;
	u16 bit = 1 << (hdr->flags_seq_tag &
			(MCTP_HDR_TAG_MASK | MCTP_HDR_FLAG_TO));
	u16 *tags = &p->tags[hdr->src];

	if (hdr->flags_seq_tag & MCTP_HDR_FLAG_SOM) {
		*tags &= ~bit;
		if (control && !(hdr->flags_seq_tag & MCTP_HDR_FLAG_EOM))
			*tags |= bit;
		return false;
	}
	if (!(*tags & bit))
		return false;
	if (hdr->flags_seq_tag & MCTP_HDR_FLAG_EOM)
		*tags &= ~bit;
	return true;
}

#endif /* __MCTP_CONTROL_H */
