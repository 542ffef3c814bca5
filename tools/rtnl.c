// SPDX-License-Identifier: GPL-2.0
/* A minimal rtnetlink client: build one request, send it, read the answer. */
#include "rtnl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define NLMSG_TAIL(nh) ((struct rtattr *)((char *)(nh) + NLMSG_ALIGN((nh)->nlmsg_len)))

static char extack[256];

const char *rtnl_extack(void)
{
	return extack;
}

int rtnl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int one = 1;

	if (fd < 0)
		return -errno;
	/* ask for the kernel's reason with each error (best effort) */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

void rtnl_req_init(struct rtnl_req *r, uint16_t type, uint16_t flags,
		   const void *body, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = (uint32_t)NLMSG_LENGTH(len);
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nh.nlmsg_seq = 1;
	memcpy(NLMSG_DATA(&r->nh), body, len);
}

void rtnl_put(struct rtnl_req *r, uint16_t type, const void *data, size_t len)
{
	struct rtattr *rta = NLMSG_TAIL(&r->nh);

	/* requests are small and fixed in shape: overflow is a bug */
	if (NLMSG_ALIGN(r->nh.nlmsg_len) + RTA_SPACE(len) > sizeof(*r))
		abort();
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->nh.nlmsg_len = (uint32_t)(NLMSG_ALIGN(r->nh.nlmsg_len) + RTA_ALIGN(rta->rta_len));
}

struct rtattr *rtnl_nest_start(struct rtnl_req *r, uint16_t type)
{
	struct rtattr *nest = NLMSG_TAIL(&r->nh);

	/* strict parsers (MCTP's among them) insist on the nested flag */
	rtnl_put(r, type | NLA_F_NESTED, NULL, 0);
	return nest;
}

void rtnl_nest_end(struct rtnl_req *r, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)NLMSG_TAIL(&r->nh) - (char *)nest);
}

/* Keep the text of an error's NLMSGERR_ATTR_MSG, if the kernel sent one. */
static void save_extack(const struct nlmsghdr *nh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	size_t off = sizeof(*e);
	struct rtattr *rta;
	int len;

	extack[0] = '\0';
	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* the request is echoed back unless the kernel capped it */
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	len = (int)nh->nlmsg_len - (int)NLMSG_LENGTH(off);
	rta = (struct rtattr *)((char *)NLMSG_DATA(nh) + NLMSG_ALIGN(off));
	for (; len > 0 && RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == NLMSGERR_ATTR_MSG)
			snprintf(extack, sizeof(extack), "%.*s",
				 (int)RTA_PAYLOAD(rta), (char *)RTA_DATA(rta));
}

/* Read replies to our request until done; each message goes to cb (when
 * given). Returns 0 or a negative errno.
 */
static int rtnl_recv(int fd, rtnl_dump_cb cb, void *arg)
{
	static char buf[32768];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nh;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				save_extack(nh);
				return e->error;
			}
			if (cb && cb(nh, arg))
				cb = NULL;	/* drain the rest silently */
		}
	}
}

int rtnl_talk(int fd, struct rtnl_req *r)
{
	r->nh.nlmsg_flags |= NLM_F_ACK;
	if (send(fd, &r->nh, r->nh.nlmsg_len, 0) < 0)
		return -errno;
	return rtnl_recv(fd, NULL, NULL);
}

int rtnl_dump(int fd, struct rtnl_req *r, rtnl_dump_cb cb, void *arg)
{
	r->nh.nlmsg_flags |= NLM_F_DUMP;
	if (send(fd, &r->nh, r->nh.nlmsg_len, 0) < 0)
		return -errno;
	return rtnl_recv(fd, cb, arg);
}

void rtnl_parse(const struct nlmsghdr *nh, size_t hdrlen,
		struct rtattr **tb, int max)
{
	struct rtattr *rta = (struct rtattr *)((char *)NLMSG_DATA(nh) + NLMSG_ALIGN(hdrlen));
	int len = (int)nh->nlmsg_len - (int)NLMSG_LENGTH(hdrlen);

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type <= max)
			tb[rta->rta_type] = rta;
}
