/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal rtnetlink client: build one request, send it, read the answer. */
#ifndef MCTP_PCC_RTNL_H
#define MCTP_PCC_RTNL_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>

struct rtnl_req {
	struct nlmsghdr nh;
	char buf[1024];
};

int rtnl_open(void);
/* the kernel's explanation of the last error, or "" */
const char *rtnl_extack(void);
/* start a request; body is the family header (ifinfomsg, ifaddrmsg, ...) */
void rtnl_req_init(struct rtnl_req *r, uint16_t type, uint16_t flags,
		   const void *body, size_t len);
void rtnl_put(struct rtnl_req *r, uint16_t type, const void *data, size_t len);
struct rtattr *rtnl_nest_start(struct rtnl_req *r, uint16_t type);
void rtnl_nest_end(struct rtnl_req *r, struct rtattr *nest);

/* Send and wait for the ack: 0, or a negative errno from the kernel. */
int rtnl_talk(int fd, struct rtnl_req *r);

/* Send a dump request; cb is called for each message, until it returns
 * non-zero or the dump ends. Returns 0 or a negative errno.
 */
typedef int (*rtnl_dump_cb)(const struct nlmsghdr *nh, void *arg);
int rtnl_dump(int fd, struct rtnl_req *r, rtnl_dump_cb cb, void *arg);

/* attributes of a message after its family header of hdrlen bytes */
void rtnl_parse(const struct nlmsghdr *nh, size_t hdrlen,
		struct rtattr **tb, int max);

#endif
