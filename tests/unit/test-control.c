// SPDX-License-Identifier: GPL-2.0
/* Unit tests for the emulated endpoint's control protocol (src/mctp-control.h). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mctp-control.h"

static const u8 uuid[16] = {
	0x4d, 0x43, 0x54, 0x50, 0x2d, 0x50, 0x43, 0x43,
	0x40, 0x01, 0x80, 0x02, 0xa5, 0x5a, 0x0f, 0xf0,
};

static struct mctp_control_endpoint ep;
static u8 rsp[MCTP_CONTROL_RSP_MAX];
static unsigned int rsp_len;
static mctp_eid_t eid_after;

static void reset(mctp_eid_t eid, mctp_eid_t static_eid)
{
	ep.eid = eid;
	ep.static_eid = static_eid;
	memcpy(ep.uuid, uuid, sizeof(uuid));
}

/* Send the control message MSG (type byte onwards) from EID 10 to DEST with
 * SOM|EOM|TO and tag 5, sequence 2. Marks rsp and eid_after first, so a
 * verdict that must leave them alone can be checked.
 */
static enum mctp_control_verdict send_to(u8 dest, const u8 *msg,
					 unsigned int len)
{
	u8 pkt[64] = { 0x01, dest, 10, 0xe8 | 0x05 };

	memcpy(pkt + 4, msg, len);
	memset(rsp, 0xee, sizeof(rsp));
	rsp_len = 0xeeee;
	eid_after = 0xee;
	return mctp_control_respond(&ep, pkt, 4 + len, rsp, &rsp_len, &eid_after);
}

#define SEND(dest, ...) ({						\
	const u8 m_[] = { __VA_ARGS__ };				\
	send_to(dest, m_, sizeof(m_));					\
})

/* the response must be exactly the header of a reply to the request sent by
 * send_to() from EID SRC, then WANT (type byte onwards)
 */
static int reply_is(u8 src, const u8 *want, unsigned int len)
{
	const u8 hdr[4] = { 0x01, 10, src, 0xe0 | 0x05 };

	return rsp_len == 4 + len && !memcmp(rsp, hdr, 4) &&
	       !memcmp(rsp + 4, want, len);
}

#define REPLY(src, ...) ({						\
	const u8 w_[] = { __VA_ARGS__ };				\
	reply_is(src, w_, sizeof(w_));					\
})

static int untouched(void)
{
	for (unsigned int i = 0; i < sizeof(rsp); i++)
		if (rsp[i] != 0xee)
			return 0;
	return rsp_len == 0xeeee && eid_after == 0xee;
}

static void test_is_control(void)
{
	static const struct {
		u8 pkt[6];
		unsigned int len;
		bool want;
	} cases[] = {
		{ { 0x01, 0, 10, 0xc8, 0x00, 0x82 }, 6, true },
		{ { 0x01, 0, 10, 0xc8, 0x80, 0x82 }, 6, true },	/* IC: ours, malformed */
		{ { 0x01, 0, 10, 0x88, 0x00, 0x82 }, 5, true },	/* SOM, no EOM */
		{ { 0x01, 0, 10, 0xc0, 0x00, 0x02 }, 6, true },	/* a response */
		{ { 0x01, 0, 10, 0xc8, 0x01, 0x82 }, 6, false },	/* PLDM */
		{ { 0x01, 0, 10, 0xc8, 0x7e, 0x82 }, 6, false },
		{ { 0x01, 0, 10, 0xc8, 0x7f, 0x82 }, 6, false },
		{ { 0x01, 0, 10, 0x48, 0x00, 0x82 }, 6, false },	/* not SOM */
		{ { 0x01, 0, 10, 0x08, 0x00, 0x82 }, 6, false },	/* middle */
		{ { 0x02, 0, 10, 0xc8, 0x00, 0x82 }, 6, false },	/* version 2 */
		{ { 0x00, 0, 10, 0xc8, 0x00, 0x82 }, 6, false },
		{ { 0xf1, 0, 10, 0xc8, 0x00, 0x82 }, 6, true },	/* reserved bits */
		{ { 0x01, 0, 10, 0xc8, 0x00, 0x82 }, 4, false },	/* no type byte */
		{ { 0x01, 0, 10, 0xc8, 0x00, 0x82 }, 0, false },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(mctp_control_is_control(cases[i].pkt, cases[i].len) ==
		      cases[i].want, "case %u", i);
}

static void test_get_eid(void)
{
	reset(0, 0);
	CHECK(SEND(0, 0x00, 0x80, 0x02) == MCTP_CONTROL_REPLY, "to EID 0");
	CHECK(REPLY(0, 0x00, 0x00, 0x02, 0x00, 0, 0x00, 0), "no EID, dynamic");
	CHECK(eid_after == 0, "EID kept");

	reset(20, 0);
	CHECK(SEND(20, 0x00, 0x80, 0x02) == MCTP_CONTROL_REPLY, "to its EID");
	CHECK(REPLY(20, 0x00, 0x00, 0x02, 0x00, 20, 0x00, 0), "EID 20, dynamic");

	reset(30, 30);
	CHECK(SEND(0, 0x00, 0x80, 0x02) == MCTP_CONTROL_REPLY, "static");
	CHECK(REPLY(0, 0x00, 0x00, 0x02, 0x00, 30, 0x02, 0), "static, present");

	reset(40, 30);
	CHECK(SEND(0, 0x00, 0x80, 0x02) == MCTP_CONTROL_REPLY, "static, moved");
	CHECK(REPLY(0, 0x00, 0x00, 0x02, 0x00, 40, 0x03, 0), "static, other");
}

static void test_set_eid(void)
{
	/* set and force: accepted, the new EID in the response and the state */
	for (u8 op = 0; op < 2; op++) {
		reset(0, 0);
		CHECK(SEND(0, 0x00, 0x81, 0x01, op, 42) == MCTP_CONTROL_REPLY, "op %u", op);
		CHECK(REPLY(0, 0x00, 0x01, 0x01, 0x00, 0x00, 42, 0), "op %u accepted", op);
		CHECK(eid_after == 42, "op %u: EID now %u", op, eid_after);
	}

	/* reserved bits of the operation byte are ignored */
	reset(0, 0);
	CHECK(SEND(0, 0x00, 0x81, 0x01, 0xfc, 8) == MCTP_CONTROL_REPLY, "reserved bits");
	CHECK(REPLY(0, 0x00, 0x01, 0x01, 0x00, 0x00, 8, 0) && eid_after == 8,
	      "reserved bits: set to 8");

	/* only unicast EIDs can be set */
	for (unsigned int bad = 0; bad < 256; bad++) {
		if (bad >= 8 && bad <= 254)
			continue;
		reset(50, 0);
		CHECK(send_to(0, (const u8[]){ 0x00, 0x81, 0x01, 0x00, (u8)bad }, 5) ==
		      MCTP_CONTROL_REPLY, "eid %u", bad);
		CHECK(REPLY(0, 0x00, 0x01, 0x01, 0x02), "eid %u: invalid data", bad);
		CHECK(eid_after == 50, "eid %u: EID kept", bad);
	}

	/* reset: back to the static EID, only when there is one */
	reset(60, 30);
	CHECK(SEND(60, 0x00, 0x81, 0x01, 0x02, 0) == MCTP_CONTROL_REPLY, "reset");
	CHECK(REPLY(60, 0x00, 0x01, 0x01, 0x00, 0x00, 30, 0) && eid_after == 30,
	      "reset to static 30");
	reset(60, 0);
	CHECK(SEND(60, 0x00, 0x81, 0x01, 0x02, 0) == MCTP_CONTROL_REPLY, "reset, no static");
	CHECK(REPLY(60, 0x00, 0x01, 0x01, 0x02) && eid_after == 60,
	      "reset without a static EID: invalid data");

	/* set discovered flag: no discovery on this link */
	reset(60, 0);
	CHECK(SEND(0, 0x00, 0x81, 0x01, 0x03, 60) == MCTP_CONTROL_REPLY, "discovered");
	CHECK(REPLY(0, 0x00, 0x01, 0x01, 0x02) && eid_after == 60,
	      "discovered flag: invalid data");

	/* after a set, requests to the new EID are ours, to the old one not */
	reset(0, 0);
	SEND(0, 0x00, 0x81, 0x01, 0x00, 77);
	ep.eid = eid_after;
	CHECK(SEND(77, 0x00, 0x82, 0x02) == MCTP_CONTROL_REPLY, "to the new EID");
	CHECK(REPLY(77, 0x00, 0x02, 0x02, 0x00, 77, 0x00, 0), "reports 77");
}

static void test_get_uuid(void)
{
	reset(0, 0);
	CHECK(SEND(0, 0x00, 0x83, 0x03) == MCTP_CONTROL_REPLY, "uuid");
	CHECK(rsp_len == 4 + 4 + 16 && rsp[7] == 0x00 &&
	      !memcmp(rsp + 8, uuid, 16), "the endpoint's UUID, len %u", rsp_len);
	CHECK(REPLY(0, 0x00, 0x03, 0x03, 0x00, 0x4d, 0x43, 0x54, 0x50, 0x2d, 0x50,
		    0x43, 0x43, 0x40, 0x01, 0x80, 0x02, 0xa5, 0x5a, 0x0f, 0xf0),
	      "byte for byte");
}

static void test_get_version(void)
{
	reset(0, 0);
	for (unsigned int t = 0; t < 256; t++) {
		enum mctp_control_verdict v =
			send_to(0, (const u8[]){ 0x00, 0x84, 0x04, (u8)t }, 4);

		CHECK(v == MCTP_CONTROL_REPLY, "type %#x", t);
		if (t == 0xff || t == 0x00)
			CHECK(REPLY(0, 0x00, 0x04, 0x04, 0x00, 4,
				    0xf1, 0xf0, 0xff, 0x00, 0xf1, 0xf1, 0xff, 0x00,
				    0xf1, 0xf2, 0xff, 0x00, 0xf1, 0xf3, 0xf1, 0x00),
			      "type %#x: 1.0 1.1 1.2 1.3.1", t);
		else
			CHECK(REPLY(0, 0x00, 0x04, 0x04, 0x80),
			      "type %#x: unsupported type", t);
	}
}

static void test_get_msg_types(void)
{
	reset(0, 0);
	CHECK(SEND(0, 0x00, 0x85, 0x05) == MCTP_CONTROL_REPLY, "types");
	CHECK(REPLY(0, 0x00, 0x05, 0x05, 0x00, 2, 0x00, 0x7e), "control and PCI VDM");
}

static void test_get_vdm(void)
{
	reset(0, 0);
	CHECK(SEND(0, 0x00, 0x86, 0x06, 0) == MCTP_CONTROL_REPLY, "selector 0");
	CHECK(REPLY(0, 0x00, 0x06, 0x06, 0x00, 0xff, 0x00, 0xff, 0xff, 0x00, 0x00),
	      "last set, PCI format, vendor 0xffff, command set 0");
	for (unsigned int sel = 1; sel < 256; sel++) {
		CHECK(send_to(0, (const u8[]){ 0x00, 0x86, 0x06, (u8)sel }, 4) ==
		      MCTP_CONTROL_REPLY, "selector %u", sel);
		CHECK(REPLY(0, 0x00, 0x06, 0x06, 0x02), "selector %u: invalid data", sel);
	}
}

static void test_unsupported(void)
{
	reset(0, 0);
	for (unsigned int cmd = 0; cmd < 256; cmd++) {
		if (cmd >= 1 && cmd <= 6)
			continue;
		CHECK(send_to(0, (const u8[]){ 0x00, 0x9f, (u8)cmd }, 3) ==
		      MCTP_CONTROL_REPLY, "cmd %#x", cmd);
		CHECK(REPLY(0, 0x00, 0x1f, (u8)cmd, 0x05), "cmd %#x: unsupported", cmd);
		/* whatever the length */
		CHECK(send_to(0, (const u8[]){ 0x00, 0x9f, (u8)cmd, 1, 2, 3 }, 6) ==
		      MCTP_CONTROL_REPLY, "cmd %#x with data", cmd);
		CHECK(REPLY(0, 0x00, 0x1f, (u8)cmd, 0x05), "cmd %#x with data: unsupported", cmd);
	}
}

static void test_invalid_length(void)
{
	/* each command's body one byte short and one byte long */
	static const unsigned int body_len[] = { 0, 2, 0, 0, 1, 0, 1 };

	for (u8 cmd = 1; cmd <= 6; cmd++) {
		for (int delta = -1; delta <= 1; delta += 2) {
			u8 msg[8] = { 0x00, 0x80, cmd, 0, 42, 0, 0, 0 };
			int blen = (int)body_len[cmd] + delta;

			if (blen < 0)
				continue;
			reset(33, 0);
			CHECK(send_to(0, msg, 3 + (unsigned int)blen) ==
			      MCTP_CONTROL_REPLY, "cmd %u body %d", cmd, blen);
			CHECK(REPLY(0, 0x00, 0x00, cmd, 0x03) && eid_after == 33,
			      "cmd %u body %d: invalid length", cmd, blen);
		}
	}

	/* a long one: only MCTP_CONTROL_PEEK bytes are read (ASan checks) */
	u8 *pkt = malloc(MCTP_CONTROL_PEEK);

	memset(pkt, 0, MCTP_CONTROL_PEEK);
	memcpy(pkt, (const u8[]){ 0x01, 0, 10, 0xc8, 0x00, 0x80, 0x02 }, 7);
	CHECK(mctp_control_respond(&ep, pkt, 1000, rsp, &rsp_len, &eid_after) ==
	      MCTP_CONTROL_REPLY && rsp_len == 8 && rsp[7] == 0x03,
	      "1000-byte Get Endpoint ID: invalid length");
	free(pkt);
}

static void test_framing(void)
{
	/* every instance ID kept, Rq cleared; tag, sequence kept, TO cleared */
	reset(0, 0);
	for (u8 iid = 0; iid < 32; iid++) {
		CHECK(send_to(0, (const u8[]){ 0x00, (u8)(0x80 | iid), 0x02 }, 3) ==
		      MCTP_CONTROL_REPLY, "iid %u", iid);
		CHECK(rsp[5] == iid && rsp[6] == 0x02, "iid %u kept, Rq clear: %#x",
		      iid, rsp[5]);
	}
	for (unsigned int fst = 0; fst < 256; fst++) {
		u8 pkt[] = { 0x01, 0, 10, (u8)(fst | 0xc8), 0x00, 0x80, 0x02 };

		CHECK(mctp_control_respond(&ep, pkt, sizeof(pkt), rsp, &rsp_len,
					   &eid_after) == MCTP_CONTROL_REPLY, "fst %#x", fst);
		CHECK(rsp[3] == (u8)((fst | 0xc0) & ~0x08), "fst %#x -> %#x", fst, rsp[3]);
	}
	/* the header version is kept, the reserved bits cleared */
	for (unsigned int rsvd = 0; rsvd < 16; rsvd++) {
		u8 pkt[] = { (u8)(rsvd << 4 | 0x01), 0, 10, 0xc8, 0x00, 0x80, 0x02 };

		CHECK(mctp_control_respond(&ep, pkt, sizeof(pkt), rsp, &rsp_len,
					   &eid_after) == MCTP_CONTROL_REPLY &&
		      rsp[0] == 0x01, "version byte %#x -> %#x", pkt[0], rsp[0]);
	}
	/* from a requester with no EID: back to the null EID */
	u8 null_src[] = { 0x01, 0, 0, 0xc8, 0x00, 0x80, 0x02 };

	CHECK(mctp_control_respond(&ep, null_src, sizeof(null_src), rsp, &rsp_len,
				   &eid_after) == MCTP_CONTROL_REPLY &&
	      rsp[1] == 0 && rsp[2] == 0, "null to null");
}

static void test_malformed(void)
{
	reset(20, 0);
	/* type and Rq/IID, no command code */
	CHECK(SEND(0, 0x00, 0x80) == MCTP_CONTROL_MALFORMED && untouched(), "no command");
	CHECK(SEND(0, 0x00) == MCTP_CONTROL_MALFORMED && untouched(), "type only");
	/* the integrity check bit is never set on control messages */
	CHECK(SEND(0, 0x80, 0x80, 0x02) == MCTP_CONTROL_MALFORMED && untouched(), "IC");
	/* a request without TO: no requester could take the response */
	u8 no_to[] = { 0x01, 0, 10, 0xc0, 0x00, 0x80, 0x02 };

	CHECK(mctp_control_respond(&ep, no_to, sizeof(no_to), rsp, &rsp_len,
				   &eid_after) == MCTP_CONTROL_MALFORMED, "no TO");
	/* control messages fit a packet */
	u8 som_only[] = { 0x01, 0, 10, 0x88, 0x00, 0x80, 0x02 };

	CHECK(mctp_control_respond(&ep, som_only, sizeof(som_only), rsp, &rsp_len,
				   &eid_after) == MCTP_CONTROL_MALFORMED, "SOM without EOM");
}

static void test_not_ours(void)
{
	/* only the null EID while no EID is assigned */
	reset(0, 0);
	CHECK(SEND(9, 0x00, 0x80, 0x02) == MCTP_CONTROL_NOT_OURS && untouched(),
	      "to 9, no EID");
	reset(20, 0);
	CHECK(SEND(21, 0x00, 0x80, 0x02) == MCTP_CONTROL_NOT_OURS && untouched(),
	      "to 21, EID 20");
	CHECK(SEND(255, 0x00, 0x80, 0x02) == MCTP_CONTROL_NOT_OURS && untouched(),
	      "broadcast");
	CHECK(SEND(3, 0x00, 0x80, 0x02) == MCTP_CONTROL_NOT_OURS && untouched(),
	      "reserved EID");
	/* a source a response cannot go to */
	for (u8 src = 1; src < 8; src++) {
		u8 pkt[] = { 0x01, 20, src, 0xc8, 0x00, 0x80, 0x02 };

		CHECK(mctp_control_respond(&ep, pkt, sizeof(pkt), rsp, &rsp_len,
					   &eid_after) == MCTP_CONTROL_NOT_OURS, "from %u", src);
	}
	u8 bcast[] = { 0x01, 20, 255, 0xc8, 0x00, 0x80, 0x02 };

	CHECK(mctp_control_respond(&ep, bcast, sizeof(bcast), rsp, &rsp_len,
				   &eid_after) == MCTP_CONTROL_NOT_OURS, "from broadcast");
}

static void test_responses_and_datagrams(void)
{
	reset(20, 0);
	/* Rq clear and TO clear: a response sent to the endpoint */
	u8 rsp_no_to[] = { 0x01, 20, 10, 0xc0, 0x00, 0x01, 0x02, 0x00 };

	CHECK(mctp_control_respond(&ep, rsp_no_to, sizeof(rsp_no_to), rsp, &rsp_len,
				   &eid_after) == MCTP_CONTROL_RESPONSE && untouched(),
	      "response");
	/* Rq clear with TO set: no response is sent with TO, malformed */
	CHECK(SEND(20, 0x00, 0x00, 0x02, 0x00, 9, 0, 0) == MCTP_CONTROL_MALFORMED &&
	      untouched(), "Rq clear, TO set");
	/* D set: no response, and no state change, whatever the command */
	for (u8 cmd = 0; cmd < 8; cmd++) {
		CHECK(send_to(0, (const u8[]){ 0x00, 0xc0, cmd, 0x00, 99 }, 5) ==
		      MCTP_CONTROL_DATAGRAM && untouched(), "datagram cmd %u", cmd);
	}
	CHECK(ep.eid == 20, "datagram Set Endpoint ID changed nothing");
}

/* a packet from SRC with flags FST (SOM, EOM, TO, tag), message TYPE */
static bool continues(struct mctp_control_partial *p, u8 src, u8 fst, u8 type)
{
	const u8 pkt[] = { 0x01, 20, src, fst, type };

	return mctp_control_continues(p, pkt,
				      mctp_control_is_control(pkt, sizeof(pkt)));
}

static void test_continues(void)
{
	static struct mctp_control_partial p;
	const u8 som = 0x80, eom = 0x40, to = 0x08;

	/* a whole control message, and other types' messages: nothing kept */
	CHECK(!continues(&p, 10, som | eom | to | 1, 0x00), "single control");
	CHECK(!continues(&p, 10, som | to | 1, 0x7e), "data SOM");
	CHECK(!continues(&p, 10, 0x10 | to | 1, 0x55), "data middle");
	CHECK(!continues(&p, 10, eom | 0x20 | to | 1, 0x55), "data EOM");
	/* a control first packet without EOM: its continuations go with it */
	CHECK(!continues(&p, 10, som | to | 2, 0x00), "control SOM, no EOM");
	CHECK(continues(&p, 10, 0x10 | to | 2, 0x55), "its middle packet");
	/* another tag, TO or source is another message */
	CHECK(!continues(&p, 10, 0x10 | 2, 0x55), "same tag, TO clear");
	CHECK(!continues(&p, 10, 0x10 | to | 3, 0x55), "another tag");
	CHECK(!continues(&p, 11, 0x10 | to | 2, 0x55), "another source");
	CHECK(continues(&p, 10, eom | 0x20 | to | 2, 0x55), "its last packet");
	CHECK(!continues(&p, 10, eom | 0x30 | to | 2, 0x55), "nothing after EOM");
	/* a new first packet on the tag ends the message */
	CHECK(!continues(&p, 12, som | to | 7, 0x00), "control SOM from 12");
	CHECK(!continues(&p, 12, som | eom | to | 7, 0x01), "new message, tag 7");
	CHECK(!continues(&p, 12, 0x10 | to | 7, 0x55), "not dropped any more");
	/* every source and tag has its own place */
	for (unsigned int src = 0; src < 256; src++)
		for (u8 tag = 0; tag < 16; tag++)
			CHECK(!continues(&p, (u8)src, som | tag, 0x00) &&
			      continues(&p, (u8)src, 0x10 | tag, 0x55),
			      "src %u tag %#x", src, tag);
	for (unsigned int src = 0; src < 256; src++)
		for (u8 tag = 0; tag < 16; tag++)
			CHECK(continues(&p, (u8)src, eom | 0x20 | tag, 0x55) &&
			      !continues(&p, (u8)src, 0x30 | tag, 0x55),
			      "src %u tag %#x ends", src, tag);
}

int main(void)
{
	test_is_control();
	test_get_eid();
	test_set_eid();
	test_get_uuid();
	test_get_version();
	test_get_msg_types();
	test_get_vdm();
	test_unsupported();
	test_invalid_length();
	test_framing();
	test_malformed();
	test_not_ours();
	test_responses_and_datagrams();
	test_continues();
	return checks_report("control");
}
