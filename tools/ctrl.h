/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MCTP control requests (DSP0236 section 12) from userspace, over the
 * kernel's AF_MCTP sockets: to an EID through the routing table, or with
 * physical addressing to an interface (extended addressing; EID 0 on a
 * link without hardware addresses).
 */
#ifndef MCTP_PCC_CTRL_H
#define MCTP_PCC_CTRL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CTRL_RQ		0x80
#define CTRL_D		0x40
#define CTRL_IID_MASK	0x1f
#define CTRL_MSG_MAX	256	/* the largest response kept */

struct ctrl_peer {
	uint8_t eid;
	unsigned int net;	/* MCTP_NET_ANY: the default network */
	unsigned int ifindex;	/* non-zero: physical addressing on it */
	uint64_t timeout_us;	/* per try */
	unsigned int tries;
};

/* a socket for control messages to @p: fd, or -errno */
int ctrl_open(const struct ctrl_peer *p);

/* Send one control message (@req: the bytes after the type byte, from the
 * Rq/D/IID byte on) and wait for the response: its length (the bytes after
 * the type byte), -ETIMEDOUT after every try, or another -errno. With
 * @match, only a response with the request's instance ID and command code
 * counts; without, the first one does.
 */
ssize_t ctrl_request(int fd, const struct ctrl_peer *p, const uint8_t *req,
		     size_t len, uint8_t *rsp, size_t cap, int match);

/* The checks a requester makes of a response, as mctpd makes them: NULL
 * when it is well formed for @req and at least @min_len bytes on success
 * (completion code 0), or what is wrong.
 */
const char *ctrl_check(const uint8_t *req, const uint8_t *rsp, size_t len,
		       size_t min_len);

/* the name of a completion code, "" when it has none */
const char *ctrl_cc_name(uint8_t cc);

/* a version entry of Get MCTP Version Support ("1.3.1", "1.0"), in @buf */
const char *ctrl_version_str(const uint8_t v[4], char *buf, size_t cap);

#endif
