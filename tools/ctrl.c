// SPDX-License-Identifier: GPL-2.0
/* MCTP control requests over AF_MCTP sockets; see ctrl.h. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/mctp.h>

#include "ctrl.h"

#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef SOL_MCTP
#define SOL_MCTP 285
#endif

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000;
}

int ctrl_open(const struct ctrl_peer *p)
{
	int fd = socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int one = 1;

	if (fd < 0)
		return -errno;
	if (p->ifindex &&
	    setsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one, sizeof(one))) {
		int err = errno;

		close(fd);
		return -err;
	}
	return fd;
}

static int ctrl_send(int fd, const struct ctrl_peer *p, const uint8_t *req,
		     size_t len)
{
	struct sockaddr_mctp_ext addr = {
		.smctp_base = {
			.smctp_family = AF_MCTP,
			.smctp_network = p->net,
			.smctp_addr.s_addr = p->eid,
			.smctp_type = 0,
			.smctp_tag = MCTP_TAG_OWNER,
		},
		.smctp_ifindex = (int)p->ifindex,
		.smctp_halen = 0,
	};
	socklen_t alen = p->ifindex ? sizeof(addr) : sizeof(addr.smctp_base);

	if (sendto(fd, req, len, 0, (struct sockaddr *)&addr, alen) < 0)
		return -errno;
	return 0;
}

/* one response before @deadline: its length, 0 on timeout, or -errno */
static ssize_t ctrl_recv(int fd, uint8_t *rsp, size_t cap, uint64_t deadline)
{
	for (;;) {
		struct sockaddr_mctp_ext from;
		socklen_t alen = sizeof(from);
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t now = now_us();
		ssize_t n;
		int rc;

		if (now >= deadline)
			return 0;
		rc = poll(&pfd, 1, (int)((deadline - now + 999) / 1000));
		if (rc < 0 && errno != EINTR)
			return -errno;
		if (rc <= 0)
			continue;
		n = recvfrom(fd, rsp, cap, MSG_TRUNC, (struct sockaddr *)&from, &alen);
		if (n < 0)
			return errno == EINTR ? 0 : -errno;
		/* a response carries the control type and no TO */
		if (from.smctp_base.smctp_type != 0 ||
		    (from.smctp_base.smctp_tag & MCTP_TAG_OWNER))
			continue;
		/* an empty message is none: keep waiting */
		if (n > 0)
			return n > (ssize_t)cap ? (ssize_t)cap : n;
	}
}

ssize_t ctrl_request(int fd, const struct ctrl_peer *p, const uint8_t *req,
		     size_t len, uint8_t *rsp, size_t cap, int match)
{
	unsigned int try;

	for (try = 0; try < p->tries; try++) {
		uint64_t deadline = now_us() + p->timeout_us;
		ssize_t n;
		int err = ctrl_send(fd, p, req, len);

		if (err)
			return err;
		while ((n = ctrl_recv(fd, rsp, cap, deadline)) > 0) {
			/* a late response to an earlier try, or another request */
			if (!match || len < 2 ||
			    (n >= 2 && (rsp[0] & CTRL_IID_MASK) ==
			     (req[0] & CTRL_IID_MASK) && rsp[1] == req[1]))
				return n;
		}
		if (n < 0)
			return n;
	}
	return -ETIMEDOUT;
}

const char *ctrl_check(const uint8_t *req, const uint8_t *rsp, size_t len,
		       size_t min_len)
{
	if (len < 3)
		return "response too short for a completion code";
	if (rsp[0] & (CTRL_RQ | CTRL_D))
		return "Rq or D bit set in the response";
	if ((rsp[0] & CTRL_IID_MASK) != (req[0] & CTRL_IID_MASK))
		return "wrong instance ID in the response";
	if (rsp[1] != req[1])
		return "wrong command code in the response";
	if (rsp[2] == 0 && len < min_len)
		return "response too short for its command";
	return NULL;
}

const char *ctrl_cc_name(uint8_t cc)
{
	switch (cc) {
	case 0x00:
		return "success";
	case 0x01:
		return "error";
	case 0x02:
		return "invalid data";
	case 0x03:
		return "invalid length";
	case 0x04:
		return "not ready";
	case 0x05:
		return "unsupported command";
	default:
		return "";
	}
}

/* A field of a version entry: 0xFn is the digit n, 0xFF absent, any other
 * byte two BCD digits (DSP0236 "Version field encoding").
 */
static int ctrl_version_field(uint8_t b, char *buf, size_t cap)
{
	if ((b & 0xf0) == 0xf0)
		return snprintf(buf, cap, "%u", b & 0x0f);
	return snprintf(buf, cap, "%u%u", b >> 4, b & 0x0f);
}

const char *ctrl_version_str(const uint8_t v[4], char *buf, size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 3 && v[i] != 0xff && n + 1 < cap; i++) {
		if (i)
			buf[n++] = '.';
		n += (size_t)ctrl_version_field(v[i], buf + n, cap - n);
		if (n >= cap)
			return buf;
	}
	if (v[3] && n + 1 < cap) {
		buf[n++] = (char)v[3];
		buf[n] = '\0';
	}
	return buf;
}
