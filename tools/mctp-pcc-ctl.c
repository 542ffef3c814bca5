// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc-ctl: configure MCTP links, local addresses and routes over
 * rtnetlink. Its subcommands have the shapes of the upstream `mctp` tool's,
 * so scripts can call either. "info" and "control" query an endpoint with
 * MCTP control messages.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/mctp.h>

#include "args.h"
#include "ctrl.h"
#include "rtnl.h"

#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef ARPHRD_MCTP
#define ARPHRD_MCTP 290
#endif

static const char *prog = "mctp-pcc-ctl";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s link show [DEV]\n"
		"       %s link set DEV [up|down] [mtu N] [net N]\n"
		"       %s addr show [dev DEV]\n"
		"       %s addr add|del EID dev DEV\n"
		"       %s route show\n"
		"       %s route add EID via DEV [mtu N]\n"
		"       %s route del EID via DEV\n"
		"       %s info EID [dev DEV] [net N] [timeout SECONDS]\n"
		"       %s control EID [dev DEV] [net N] [timeout SECONDS] BYTE...\n"
		"EIDs are 8..254; net ids 1..4294967295. info and control take EID 0\n"
		"with dev DEV (physical addressing); with dev DEV, no route is used.\n"
		"control sends BYTEs (hex, from the Rq/D/instance byte) as a control\n"
		"message and prints the response's bytes after the type byte.\n",
		prog, prog, prog, prog, prog, prog, prog, prog, prog);
}

static int fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

static int bad_usage(const char *what, const char *arg)
{
	fail(what, arg);
	usage(stderr);
	return 2;
}

/* Turn a kernel error into a sentence a user can act on. */
static int kernel_error(int err, const char *action)
{
	const char *why;

	switch (-err) {
	case EPERM:
	case EACCES:
		why = "permission denied (needs CAP_NET_ADMIN: run as root)";
		break;
	case EAFNOSUPPORT:
	case EOPNOTSUPP:
		why = "the running kernel has no MCTP support (CONFIG_MCTP)";
		break;
	case EEXIST:
		why = "it already exists";
		break;
	case ENOENT:
	case ESRCH:
		why = "no such entry";
		break;
	case ENODEV:
		why = "the interface is not an MCTP interface";
		break;
	default:
		why = strerror(-err);
	}
	if (*rtnl_extack())
		fprintf(stderr, "%s: %s: %s (%s)\n", prog, action, why,
			rtnl_extack());
	else
		fprintf(stderr, "%s: %s: %s\n", prog, action, why);
	return 1;
}

/* The kernel answers MCTP requests only when it has MCTP: ask first, so
 * the user hears that rather than a confusing netlink error.
 */
static int check_mctp(void)
{
	int fd = socket(AF_MCTP, SOCK_DGRAM, 0);

	if (fd < 0 && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT)) {
		fprintf(stderr,
			"%s: the running kernel has no MCTP support (CONFIG_MCTP)\n",
			prog);
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

/* The rtnetlink socket, opened once the command line has been checked:
 * usage errors come first, then what the kernel says.
 */
static int kernel(void)
{
	static int fd = -1;

	if (fd >= 0)
		return fd;
	if (check_mctp())
		return -1;
	fd = rtnl_open();
	if (fd < 0) {
		kernel_error(fd, "opening rtnetlink");
		return -1;
	}
	return fd;
}

static int ifindex_of(const char *dev, unsigned int *ifindex)
{
	*ifindex = if_nametoindex(dev);
	if (!*ifindex) {
		fail("no interface '%s'", dev);
		return -1;
	}
	return 0;
}

/* ---- link ---- */

struct link_filter {
	unsigned int ifindex;	/* 0: every MCTP link */
	int found;
};

#ifndef IFLA_MCTP_PHYS_BINDING
#define IFLA_MCTP_PHYS_BINDING 2	/* Linux 7.x */
#endif

/* What the MCTP core says of a link: its network, and its physical
 * binding (DSP0239) where the kernel records one (-1: it does not)
 */
struct link_mctp {
	unsigned int net;
	int binding;
};

static struct link_mctp link_mctp(struct rtattr *af_spec)
{
	struct link_mctp m = { .net = 0, .binding = -1 };
	struct rtattr *rta;
	int len;

	if (!af_spec)
		return m;
	len = (int)RTA_PAYLOAD(af_spec);
	for (rta = RTA_DATA(af_spec); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		struct rtattr *in;
		int inlen = (int)RTA_PAYLOAD(rta);

		if (rta->rta_type != AF_MCTP)
			continue;
		for (in = RTA_DATA(rta); RTA_OK(in, inlen); in = RTA_NEXT(in, inlen)) {
			if (in->rta_type == IFLA_MCTP_NET)
				m.net = *(uint32_t *)RTA_DATA(in);
			else if (in->rta_type == IFLA_MCTP_PHYS_BINDING)
				m.binding = *(uint8_t *)RTA_DATA(in);
		}
	}
	return m;
}

/* DSP0239's physical transport binding identifiers */
static const char *binding_name(int binding)
{
	static const char *const names[] = {
		"unspec", "smbus", "pcie-vdm", "usb", "kcs", "serial", "i3c",
		"mmbi", "pcc", "ucie",
	};

	if (binding >= 0 && binding < (int)(sizeof(names) / sizeof(names[0])))
		return names[binding];
	return binding == 0xff ? "vendor" : "other";
}

static int print_link(const struct nlmsghdr *nh, void *arg)
{
	struct link_filter *f = arg;
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct rtattr *tb[IFLA_MAX + 1];
	struct link_mctp m;

	if (nh->nlmsg_type != RTM_NEWLINK || ifi->ifi_type != ARPHRD_MCTP)
		return 0;
	if (f->ifindex && (unsigned int)ifi->ifi_index != f->ifindex)
		return 0;
	rtnl_parse(nh, sizeof(*ifi), tb, IFLA_MAX);
	m = link_mctp(tb[IFLA_AF_SPEC]);
	printf("dev %s index %d net %u mtu %u ",
	       tb[IFLA_IFNAME] ? (char *)RTA_DATA(tb[IFLA_IFNAME]) : "?",
	       ifi->ifi_index, m.net,
	       tb[IFLA_MTU] ? *(uint32_t *)RTA_DATA(tb[IFLA_MTU]) : 0);
	if (m.binding >= 0)
		printf("binding %s ", binding_name(m.binding));
	printf("%s\n", ifi->ifi_flags & IFF_UP ? "up" : "down");
	f->found = 1;
	return 0;
}

static int link_show(int argc, char **argv)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct link_filter f = { 0 };
	struct rtnl_req r;
	int fd;
	int err;

	if (argc > 1)
		return bad_usage("link show takes at most one interface", "");
	if (argc == 1 && ifindex_of(argv[0], &f.ifindex))
		return 1;
	fd = kernel();
	if (fd < 0)
		return 1;
	rtnl_req_init(&r, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	err = rtnl_dump(fd, &r, print_link, &f);
	if (err)
		return kernel_error(err, "reading links");
	if (argc == 1 && !f.found)
		return fail("'%s' is not an MCTP interface", argv[0]);
	return 0;
}

static int link_set(int argc, char **argv)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	unsigned long mtu = 0, net = 0;
	unsigned int ifindex;
	struct rtnl_req r;
	int fd;
	int i, err;

	if (argc < 1)
		return bad_usage("link set needs an interface%s", "");
	if (ifindex_of(argv[0], &ifindex))
		return 1;
	ifi.ifi_index = (int)ifindex;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "up")) {
			ifi.ifi_change |= IFF_UP;
			ifi.ifi_flags |= IFF_UP;
		} else if (!strcmp(argv[i], "down")) {
			ifi.ifi_change |= IFF_UP;
			ifi.ifi_flags &= ~IFF_UP;
		} else if (!strcmp(argv[i], "mtu") && i + 1 < argc) {
			if (parse_uint(argv[++i], 68, UINT32_MAX, &mtu))
				return bad_usage("bad mtu '%s' (68 or more)", argv[i]);
		} else if ((!strcmp(argv[i], "net") || !strcmp(argv[i], "network")) &&
			   i + 1 < argc) {
			if (parse_uint(argv[++i], 1, UINT32_MAX, &net))
				return bad_usage("bad net '%s' (1..4294967295)", argv[i]);
		} else {
			return bad_usage("link set: unexpected '%s'", argv[i]);
		}
	}
	fd = kernel();
	if (fd < 0)
		return 1;
	rtnl_req_init(&r, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	if (mtu) {
		uint32_t v = (uint32_t)mtu;

		rtnl_put(&r, IFLA_MTU, &v, sizeof(v));
	}
	if (net) {
		struct rtattr *spec = rtnl_nest_start(&r, IFLA_AF_SPEC);
		struct rtattr *mctp = rtnl_nest_start(&r, AF_MCTP);
		uint32_t v = (uint32_t)net;

		rtnl_put(&r, IFLA_MCTP_NET, &v, sizeof(v));
		rtnl_nest_end(&r, mctp);
		rtnl_nest_end(&r, spec);
	}
	err = rtnl_talk(fd, &r);
	return err ? kernel_error(err, "setting link") : 0;
}

/* ---- addr ---- */

static int print_addr(const struct nlmsghdr *nh, void *arg)
{
	unsigned int *ifindex = arg;
	struct ifaddrmsg *ifa = NLMSG_DATA(nh);
	struct rtattr *tb[IFA_MAX + 1];
	char name[IF_NAMESIZE];

	if (nh->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_MCTP)
		return 0;
	if (*ifindex && ifa->ifa_index != *ifindex)
		return 0;
	rtnl_parse(nh, sizeof(*ifa), tb, IFA_MAX);
	if (!tb[IFA_LOCAL])
		return 0;
	printf("eid %u dev %s\n", *(uint8_t *)RTA_DATA(tb[IFA_LOCAL]),
	       if_indextoname(ifa->ifa_index, name) ? name : "?");
	return 0;
}

static int addr_show(int argc, char **argv)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP };
	unsigned int ifindex = 0;
	struct rtnl_req r;
	int fd;
	int err;

	if (argc == 2 && !strcmp(argv[0], "dev")) {
		if (ifindex_of(argv[1], &ifindex))
			return 1;
	} else if (argc) {
		return bad_usage("addr show takes only 'dev DEV'%s", "");
	}
	fd = kernel();
	if (fd < 0)
		return 1;
	rtnl_req_init(&r, RTM_GETADDR, 0, &ifa, sizeof(ifa));
	err = rtnl_dump(fd, &r, print_addr, &ifindex);
	return err ? kernel_error(err, "reading addresses") : 0;
}

static int addr_change(int argc, char **argv, int add)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP };
	unsigned int ifindex;
	struct rtnl_req r;
	int fd;
	uint8_t eid;
	int err;

	if (argc != 3 || strcmp(argv[1], "dev"))
		return bad_usage("addr add/del takes 'EID dev DEV'%s", "");
	if (parse_eid(argv[0], &eid))
		return bad_usage("EID '%s' out of range (8..254)", argv[0]);
	if (ifindex_of(argv[2], &ifindex))
		return 1;
	fd = kernel();
	if (fd < 0)
		return 1;
	ifa.ifa_index = ifindex;
	rtnl_req_init(&r, add ? RTM_NEWADDR : RTM_DELADDR,
		      add ? NLM_F_CREATE | NLM_F_EXCL : 0, &ifa, sizeof(ifa));
	rtnl_put(&r, IFA_LOCAL, &eid, sizeof(eid));
	err = rtnl_talk(fd, &r);
	return err ? kernel_error(err, add ? "adding address" :
				  "removing address") : 0;
}

/* ---- route ---- */

static int print_route(const struct nlmsghdr *nh, void *arg)
{
	struct rtmsg *rtm = NLMSG_DATA(nh);
	struct rtattr *tb[RTA_MAX + 1];
	char name[IF_NAMESIZE];
	unsigned int mtu = 0, eid;

	(void)arg;
	if (nh->nlmsg_type != RTM_NEWROUTE || rtm->rtm_family != AF_MCTP)
		return 0;
	rtnl_parse(nh, sizeof(*rtm), tb, RTA_MAX);
	if (!tb[RTA_DST] || !tb[RTA_OIF])
		return 0;
	eid = *(uint8_t *)RTA_DATA(tb[RTA_DST]);
	if (tb[RTA_METRICS]) {
		struct rtattr *m = RTA_DATA(tb[RTA_METRICS]);
		int len = (int)RTA_PAYLOAD(tb[RTA_METRICS]);

		for (; RTA_OK(m, len); m = RTA_NEXT(m, len))
			if (m->rta_type == RTAX_MTU)
				mtu = *(uint32_t *)RTA_DATA(m);
	}
	printf("eid min %u max %u dev %s mtu %u\n", eid, eid + rtm->rtm_dst_len,
	       if_indextoname(*(uint32_t *)RTA_DATA(tb[RTA_OIF]), name) ? name : "?",
	       mtu);
	return 0;
}

static int route_show(int argc)
{
	struct rtmsg rtm = { .rtm_family = AF_MCTP };
	struct rtnl_req r;
	int fd;
	int err;

	if (argc)
		return bad_usage("route show takes no arguments%s", "");
	fd = kernel();
	if (fd < 0)
		return 1;
	rtnl_req_init(&r, RTM_GETROUTE, 0, &rtm, sizeof(rtm));
	err = rtnl_dump(fd, &r, print_route, NULL);
	return err ? kernel_error(err, "reading routes") : 0;
}

static int route_change(int argc, char **argv, int add)
{
	struct rtmsg rtm = {
		.rtm_family = AF_MCTP,
		.rtm_table = RT_TABLE_DEFAULT,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};
	unsigned long mtu = 0;
	unsigned int ifindex;
	struct rtnl_req r;
	int fd;
	uint8_t eid;
	int err;

	if (argc == 5 && add && !strcmp(argv[3], "mtu")) {
		if (parse_uint(argv[4], 68, UINT32_MAX, &mtu))
			return bad_usage("bad mtu '%s' (68 or more)", argv[4]);
		argc = 3;
	}
	if (argc != 3 || strcmp(argv[1], "via"))
		return bad_usage(add ? "route add takes 'EID via DEV [mtu N]'%s" :
				 "route del takes 'EID via DEV'%s", "");
	if (parse_eid(argv[0], &eid))
		return bad_usage("EID '%s' out of range (8..254)", argv[0]);
	if (ifindex_of(argv[2], &ifindex))
		return 1;
	fd = kernel();
	if (fd < 0)
		return 1;
	rtnl_req_init(&r, add ? RTM_NEWROUTE : RTM_DELROUTE,
		      add ? NLM_F_CREATE | NLM_F_EXCL : 0, &rtm, sizeof(rtm));
	rtnl_put(&r, RTA_DST, &eid, sizeof(eid));
	rtnl_put(&r, RTA_OIF, &ifindex, sizeof(ifindex));
	if (mtu) {
		struct rtattr *m = rtnl_nest_start(&r, RTA_METRICS);
		uint32_t v = (uint32_t)mtu;

		rtnl_put(&r, RTAX_MTU, &v, sizeof(v));
		rtnl_nest_end(&r, m);
	}
	err = rtnl_talk(fd, &r);
	return err ? kernel_error(err, add ? "adding route" :
				  "removing route") : 0;
}

/* ---- endpoint queries: MCTP control messages ---- */

/* EID [dev DEV] [net N] [timeout SECONDS], then for control the message's
 * bytes in hex. Returns 0, or the exit status.
 */
static int parse_query(int argc, char **argv, struct ctrl_peer *p,
		       uint8_t *bytes, size_t *nbytes)
{
	unsigned long v;
	int i;

	*p = (struct ctrl_peer){ .net = MCTP_NET_ANY, .timeout_us = 1000000,
				 .tries = 3 };
	if (argc < 1)
		return bad_usage("%s an EID", bytes ? "control needs" : "info needs");
	if (parse_uint(argv[0], 0, EID_MAX, &v) || (v && v < EID_MIN))
		return bad_usage("EID '%s' out of range (0, or 8..254)", argv[0]);
	p->eid = (uint8_t)v;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		char *end;

		if (!strcmp(arg, "dev") && i + 1 < argc) {
			if (ifindex_of(argv[++i], &p->ifindex))
				return 1;
		} else if (!strcmp(arg, "net") && i + 1 < argc) {
			if (parse_uint(argv[++i], 1, UINT32_MAX, &v))
				return bad_usage("bad net '%s' (1..4294967295)", argv[i]);
			p->net = (unsigned int)v;
		} else if (!strcmp(arg, "timeout") && i + 1 < argc) {
			if (parse_seconds(argv[++i], &p->timeout_us) || !p->timeout_us)
				return bad_usage("bad timeout '%s' (more than 0 seconds)",
						 argv[i]);
		} else if (bytes && *nbytes < CTRL_MSG_MAX &&
			   (v = strtoul(arg, &end, 16), *arg && !*end && v <= 0xff &&
			    strlen(arg) <= 4)) {
			bytes[(*nbytes)++] = (uint8_t)v;
		} else {
			return bad_usage("unexpected '%s'", arg);
		}
	}
	if (!p->eid && !p->ifindex)
		return bad_usage("EID 0 needs dev DEV (physical addressing)%s", "");
	if (bytes && !*nbytes)
		return bad_usage("control needs the message's bytes%s", "");
	return 0;
}

/* Say why a request got no response; returns 1. */
static int query_error(const struct ctrl_peer *p, int err)
{
	switch (-err) {
	case ETIMEDOUT:
		fprintf(stderr, "%s: no response from eid %u\n", prog, p->eid);
		break;
	case EACCES:
	case EPERM:
		fprintf(stderr, "%s: permission denied: sending MCTP needs CAP_NET_RAW (run as root)\n",
			prog);
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
		fprintf(stderr, "%s: no route to eid %u, or the interface has no local address\n",
			prog, p->eid);
		break;
	default:
		fprintf(stderr, "%s: eid %u: %s\n", prog, p->eid, strerror(-err));
	}
	return 1;
}

static int query_open(const struct ctrl_peer *p)
{
	int fd;

	if (check_mctp())
		return -1;
	fd = ctrl_open(p);
	if (fd < 0) {
		query_error(p, fd);
		return -1;
	}
	return fd;
}

struct query {
	int fd;
	struct ctrl_peer peer;
	uint8_t iid;
	uint8_t rsp[CTRL_MSG_MAX];
	ssize_t len;
	int failed;	/* a request with no valid response */
};

/* Command @cmd with @blen bytes of @body; returns the completion code with
 * the response in q->rsp, or -1 having said what went wrong.
 */
static int query_cmd(struct query *q, const char *name, uint8_t cmd,
		     const uint8_t *body, size_t blen, size_t min_len)
{
	uint8_t req[8] = { (uint8_t)(CTRL_RQ | q->iid), cmd };
	const char *bad;

	q->iid = (q->iid + 1) & CTRL_IID_MASK;
	memcpy(req + 2, body, blen);
	q->len = ctrl_request(q->fd, &q->peer, req, 2 + blen, q->rsp,
			      sizeof(q->rsp), 1);
	if (q->len < 0) {
		q->failed = 1;
		printf("%s: no response\n", name);
		return query_error(&q->peer, (int)q->len) ? -1 : -1;
	}
	bad = ctrl_check(req, q->rsp, (size_t)q->len, min_len);
	if (bad) {
		q->failed = 1;
		printf("%s: invalid response: %s (%zd bytes)\n", name, bad, q->len);
		return -1;
	}
	if (q->rsp[2])
		printf("%s: completion code 0x%02x%s%s\n", name, q->rsp[2],
		       *ctrl_cc_name(q->rsp[2]) ? " " : "", ctrl_cc_name(q->rsp[2]));
	return q->rsp[2];
}

static void query_versions(struct query *q, const char *name, uint8_t type)
{
	char v[16];

	if (query_cmd(q, name, 0x04, &type, 1, 4))
		return;
	if ((size_t)q->len != 4 + 4u * q->rsp[3]) {
		q->failed = 1;
		printf("%s: invalid response: %u entries in %zd bytes\n", name,
		       q->rsp[3], q->len);
		return;
	}
	printf("%s", name);
	for (unsigned int i = 0; i < q->rsp[3]; i++)
		printf(" %s", ctrl_version_str(q->rsp + 4 + 4 * i, v, sizeof(v)));
	printf("\n");
}

static void query_vendor_types(struct query *q)
{
	for (unsigned int sel = 0; sel < 0xff;) {
		uint8_t s = (uint8_t)sel;
		const uint8_t *d = q->rsp + 5;

		if (query_cmd(q, "vendor", 0x06, &s, 1, 5))
			return;
		if (q->rsp[4] == 0x00 && q->len == 9) {
			printf("vendor %u pci 0x%04x cmd-set 0x%04x\n", sel,
			       d[0] << 8 | d[1], d[2] << 8 | d[3]);
		} else if (q->rsp[4] == 0x01 && q->len == 11) {
			printf("vendor %u iana %u cmd-set 0x%04x\n", sel,
			       (unsigned int)d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3],
			       d[4] << 8 | d[5]);
		} else {
			q->failed = 1;
			printf("vendor: invalid response: format 0x%02x in %zd bytes\n",
			       q->rsp[4], q->len);
			return;
		}
		/* the next selector, 0xff after the last */
		if (q->rsp[3] != 0xff && q->rsp[3] <= sel) {
			q->failed = 1;
			printf("vendor: invalid next selector 0x%02x\n", q->rsp[3]);
			return;
		}
		sel = q->rsp[3];
	}
}

/* What an endpoint says about itself: EID, UUID, versions, message types
 * and vendor-defined types. Works with any endpoint; exits 1 when one of
 * the requests got no valid response.
 */
static int info(int argc, char **argv)
{
	static const char *const eid_types[] = {
		"dynamic", "static", "static-current", "static-other",
	};
	static const char *const ep_types[] = {
		"simple", "bus-owner-bridge", "reserved-2", "reserved-3",
	};
	struct query q = { .iid = (uint8_t)(getpid() & CTRL_IID_MASK) };
	int rc;

	rc = parse_query(argc, argv, &q.peer, NULL, NULL);
	if (rc)
		return rc;
	q.fd = query_open(&q.peer);
	if (q.fd < 0)
		return 1;

	rc = query_cmd(&q, "eid", 0x02, NULL, 0, 6);
	if (rc < 0) {
		close(q.fd);
		return 1;
	}
	if (!rc)
		printf("eid %u endpoint-type %s eid-type %s medium 0x%02x\n",
		       q.rsp[3], ep_types[q.rsp[4] >> 4 & 3],
		       eid_types[q.rsp[4] & 3], q.rsp[5]);

	if (!query_cmd(&q, "uuid", 0x03, NULL, 0, 19)) {
		const uint8_t *u = q.rsp + 3;

		printf("uuid %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		       "%02x%02x%02x%02x%02x%02x\n", u[0], u[1], u[2], u[3],
		       u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12],
		       u[13], u[14], u[15]);
	}

	query_versions(&q, "version base", 0xff);
	query_versions(&q, "version control", 0x00);

	if (!query_cmd(&q, "types", 0x05, NULL, 0, 4)) {
		int vendor = 0;

		if ((size_t)q.len != 4u + q.rsp[3]) {
			q.failed = 1;
			printf("types: invalid response: %u types in %zd bytes\n",
			       q.rsp[3], q.len);
		} else {
			printf("types");
			for (unsigned int i = 0; i < q.rsp[3]; i++) {
				printf(" 0x%02x", q.rsp[4 + i]);
				vendor |= q.rsp[4 + i] == 0x7e || q.rsp[4 + i] == 0x7f;
			}
			printf("\n");
			if (vendor)
				query_vendor_types(&q);
		}
	}
	close(q.fd);
	return q.failed;
}

/* One control message as given; prints the response's bytes. */
static int control(int argc, char **argv)
{
	struct ctrl_peer peer;
	uint8_t req[CTRL_MSG_MAX], rsp[CTRL_MSG_MAX];
	size_t n = 0;
	ssize_t len;
	int fd, rc;

	rc = parse_query(argc, argv, &peer, req, &n);
	if (rc)
		return rc;
	fd = query_open(&peer);
	if (fd < 0)
		return 1;
	peer.tries = 1;
	len = ctrl_request(fd, &peer, req, n, rsp, sizeof(rsp), 0);
	close(fd);
	if (len < 0)
		return query_error(&peer, (int)len);
	for (ssize_t i = 0; i < len; i++)
		printf("%s%02x", i ? " " : "", rsp[i]);
	printf("\n");
	return 0;
}

static int is(const char *word, const char *full, size_t min)
{
	size_t n = strlen(word);

	return n >= min && n <= strlen(full) && !strncmp(word, full, n);
}

int main(int argc, char **argv)
{
	const char *obj, *verb;
	int rc;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	obj = argv[1];
	verb = argc > 2 ? argv[2] : "show";

	/* "info EID ..." and "control EID ...": no verb */
	if (!strcmp(obj, "info") || !strcmp(obj, "control")) {
		argc = argc - 2;
		argv = argv + 2;
		return !strcmp(obj, "info") ? info(argc, argv) : control(argc, argv);
	}
	/* what follows "OBJECT VERB" */
	argv += argc > 3 ? 3 : argc;
	argc = argc > 3 ? argc - 3 : 0;

	if (!is(obj, "link", 1) && !is(obj, "address", 1) && !is(obj, "route", 1))
		return bad_usage("unknown object '%s'", obj);

	if (is(obj, "link", 1) && is(verb, "show", 1))
		rc = link_show(argc, argv);
	else if (is(obj, "link", 1) && !strcmp(verb, "set"))
		rc = link_set(argc, argv);
	else if (is(obj, "address", 1) && is(verb, "show", 1))
		rc = addr_show(argc, argv);
	else if (is(obj, "address", 1) && (!strcmp(verb, "add") || !strcmp(verb, "del")))
		rc = addr_change(argc, argv, !strcmp(verb, "add"));
	else if (is(obj, "route", 1) && is(verb, "show", 1))
		rc = route_show(argc);
	else if (is(obj, "route", 1) && (!strcmp(verb, "add") || !strcmp(verb, "del")))
		rc = route_change(argc, argv, !strcmp(verb, "add"));
	else
		rc = bad_usage("unknown command '%s'", verb);
	return rc;
}
