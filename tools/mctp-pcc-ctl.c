// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc-ctl: configure MCTP links, local addresses and routes over
 * rtnetlink. Its subcommands have the shapes of the upstream `mctp` tool's,
 * so scripts can call either.
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
		"EIDs are 8..254; net ids 1..4294967295.\n",
		prog, prog, prog, prog, prog, prog, prog);
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
