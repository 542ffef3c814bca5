// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc-ping: send MCTP requests to one or more EIDs and check that each
 * reply comes back whole and byte-identical, in the spirit of ping.
 *
 * Each requester is a thread with its own socket, so the kernel sees real
 * concurrent senders, each with its own tag per peer.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/mctp.h>

#include "args.h"
#include "payload.h"

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

#define MAX_REQUESTERS	256
#define MAX_PEERS	(EID_MAX - EID_MIN + 1)
#define MAX_PAYLOAD	65535	/* the type byte makes it 64 KiB */
/* Replies of a 64 KiB message at MTU 68 are ~1000 fragments, each
 * charged to the receive buffer: leave room for several.
 */
#define RCVBUF_BYTES	(8 << 20)

static const char *prog = "mctp-pcc-ping";

struct options {
	unsigned long count;	/* per requester; 0: until interrupted */
	uint64_t interval_us;
	uint64_t timeout_us;
	unsigned long size;
	unsigned long requesters;
	unsigned long net;
	unsigned long type;
	int flood, quiet;
	uint8_t peers[MAX_PEERS];
	unsigned int npeers;
};

struct totals {
	pthread_mutex_t lock;
	unsigned long sent, replied, corrupt, lost, late, send_errors, busy_retries;
	uint64_t rtt_min_ns, rtt_max_ns, rtt_sum_ns;
	uint64_t *rtts;		/* every intact reply's, for percentiles */
	size_t nrtts, rtts_cap;
	int fatal;
};

static struct options opt = {
	.interval_us = 1000000,
	.timeout_us = 2000000,
	.size = 64,
	.requesters = 1,
	.net = MCTP_NET_ANY,
	.type = 1,
};
static struct totals tot = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.rtt_min_ns = UINT64_MAX,
};
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_us(uint64_t us)
{
	struct timespec ts = {
		.tv_sec = (time_t)(us / 1000000),
		.tv_nsec = (long)(us % 1000000) * 1000,
	};

	while (!stop && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [options] EID[-EID] [EID[-EID]...]\n"
		"Send MCTP requests and check every reply byte for byte.\n"
		"  -c COUNT    requests per requester (default: until interrupted)\n"
		"  -i SECONDS  wait between requests (default 1; 0 with -f)\n"
		"  -s SIZE     payload bytes after the type byte, 0..%d (default 64)\n"
		"  -W SECONDS  time to wait for each reply (default 2)\n"
		"  -j N        concurrent requesters, 1..%d (default 1); requester k\n"
		"              talks to the k-th EID given, round robin (the kernel\n"
		"              allows 8 requests in flight per peer)\n"
		"  -n NET      MCTP network id (default: any)\n"
		"  -t TYPE     MCTP message type, 0..127 (default 1)\n"
		"  -f          flood: no wait between requests, no per-reply lines\n"
		"  -q          quiet: summary only\n"
		"Exit status: 0 when every reply came back intact, 1 otherwise,\n"
		"2 for bad usage.\n",
		prog, MAX_PAYLOAD, MAX_REQUESTERS);
}

static void fatal_errno(const char *what, int err, uint8_t eid)
{
	pthread_mutex_lock(&tot.lock);
	if (!tot.fatal) {
		if (err == EAFNOSUPPORT || err == EPROTONOSUPPORT)
			fprintf(stderr, "%s: the running kernel has no MCTP support (CONFIG_MCTP)\n",
				prog);
		else if (err == EACCES || err == EPERM)
			fprintf(stderr, "%s: permission denied: sending MCTP needs CAP_NET_RAW (run as root)\n",
				prog);
		else if (err == ENETUNREACH || err == EHOSTUNREACH)
			fprintf(stderr, "%s: no route to eid %u (add one: mctp-pcc-ctl route add %u via DEV)\n",
				prog, eid, eid);
		else
			fprintf(stderr, "%s: %s (eid %u): %s\n", prog, what, eid,
				strerror(err));
	}
	tot.fatal = 1;
	stop = 1;
	pthread_mutex_unlock(&tot.lock);
}

/* Errors a running requester waits out, as ping does: the link went down,
 * its routes went with an interface, memory or buffers ran short. On the
 * first request they are fatal, so a wrong setup is said at once.
 */
static int transient(int err)
{
	return err == ENETDOWN || err == ENETUNREACH || err == EHOSTUNREACH ||
	       err == ENOBUFS || err == ENOMEM || err == EBUSY || err == EAGAIN;
}

/* Send one request. Retry until the timeout when the kernel has no free
 * tag for this peer yet (EBUSY: earlier requests' tags still held) or the
 * interface's queue is full (ENOBUFS, EAGAIN): both pass by themselves.
 */
static int send_request(int fd, const struct sockaddr_mctp *addr,
			const uint8_t *buf, size_t len, uint64_t deadline)
{
	for (;;) {
		if (sendto(fd, buf, len, 0, (const struct sockaddr *)addr,
			   sizeof(*addr)) >= 0)
			return 0;
		if ((errno != EBUSY && errno != ENOBUFS && errno != EAGAIN) ||
		    now_ns() > deadline || stop)
			return -errno;
		__atomic_add_fetch(&tot.busy_retries, 1, __ATOMIC_RELAXED);
		sleep_us(1000);
	}
}

/* Wait for the reply: its length (the message may be empty), -ETIMEDOUT,
 * or another -errno.
 */
static ssize_t recv_reply(int fd, uint8_t *buf, size_t cap,
			  struct sockaddr_mctp *from, uint64_t deadline)
{
	for (;;) {
		socklen_t alen = sizeof(*from);
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t now = now_ns();
		ssize_t n;
		int rc;

		if (now >= deadline || stop)
			return -ETIMEDOUT;
		rc = poll(&pfd, 1, (int)((deadline - now + 999999) / 1000000));
		if (rc < 0 && errno != EINTR)
			return -errno;
		if (rc <= 0)
			continue;
		n = recvfrom(fd, buf, cap, MSG_TRUNC, (struct sockaddr *)from, &alen);
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? -errno : n;
	}
}

/* Called with tot.lock held. Past what memory allows, percentiles are
 * taken over the replies kept.
 */
static void keep_rtt(uint64_t rtt_ns)
{
	if (tot.nrtts == tot.rtts_cap) {
		size_t cap = tot.rtts_cap ? tot.rtts_cap * 2 : 4096;
		uint64_t *more = realloc(tot.rtts, cap * sizeof(*more));

		if (!more)
			return;
		tot.rtts = more;
		tot.rtts_cap = cap;
	}
	tot.rtts[tot.nrtts++] = rtt_ns;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* the p-th percentile (0..100) of the kept round-trip times, nearest rank */
static double percentile_ms(unsigned int p)
{
	size_t rank = (tot.nrtts * p + 99) / 100;

	return (double)tot.rtts[rank ? rank - 1 : 0] / 1e6;
}

static void record(unsigned int who, unsigned long seq, uint8_t eid,
		   ssize_t got, int intact, uint64_t rtt_ns)
{
	pthread_mutex_lock(&tot.lock);
	if (got < 0) {
		tot.lost++;
		if (!opt.quiet)
			printf("no reply from eid %u: seq=%lu requester=%u\n",
			       eid, seq, who);
	} else if (!intact) {
		tot.corrupt++;
		printf("CORRUPT reply from eid %u: seq=%lu requester=%u len=%zd (sent %lu)\n",
		       eid, seq, who, got, opt.size);
	} else {
		tot.replied++;
		tot.rtt_sum_ns += rtt_ns;
		keep_rtt(rtt_ns);
		if (rtt_ns < tot.rtt_min_ns)
			tot.rtt_min_ns = rtt_ns;
		if (rtt_ns > tot.rtt_max_ns)
			tot.rtt_max_ns = rtt_ns;
		if (!opt.quiet && !opt.flood)
			printf("%lu bytes from eid %u: seq=%lu requester=%u time=%.3f ms\n",
			       opt.size, eid, seq, who, (double)rtt_ns / 1e6);
	}
	pthread_mutex_unlock(&tot.lock);
}

/* Requests of one requester that timed out: their replies may still come,
 * and must not be taken for the reply to a later request.
 */
#define LATE_WINDOW 16
struct late_seqs {
	unsigned long seq[LATE_WINDOW];
	unsigned int next;
};

static int late_reply(const struct late_seqs *late, const uint8_t *buf,
		      size_t len, unsigned int who, unsigned long seq)
{
	unsigned int n = late->next < LATE_WINDOW ? late->next : LATE_WINDOW;

	/* an empty payload cannot tell requests apart: take it as current */
	if (!len || payload_check(buf, len, who, seq))
		return 0;
	for (unsigned int i = 0; i < n; i++)
		if (payload_check(buf, len, who, late->seq[i]))
			return 1;
	return 0;
}

static void *requester(void *arg)
{
	unsigned int who = (unsigned int)(uintptr_t)arg;
	uint8_t eid = opt.peers[who % opt.npeers];
	struct sockaddr_mctp addr = {
		.smctp_family = AF_MCTP,
		.smctp_network = (unsigned int)opt.net,
		.smctp_addr.s_addr = eid,
		.smctp_type = (uint8_t)opt.type,
		.smctp_tag = MCTP_TAG_OWNER,
	};
	uint8_t *req = malloc(opt.size + 1), *rsp = malloc(opt.size + 2);
	int rcvbuf = RCVBUF_BYTES;
	struct late_seqs late = { .next = 0 };
	unsigned long seq;
	int fd;

	fd = socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || !req || !rsp) {
		fatal_errno("socket", fd < 0 ? errno : ENOMEM, eid);
		goto out;
	}
	/* FORCE passes rmem_max when we may; otherwise take what we get */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));

	for (seq = 0; !stop && (!opt.count || seq < opt.count); seq++) {
		struct sockaddr_mctp from;
		uint64_t start, deadline;
		ssize_t got;
		int err;

		payload_fill(req, opt.size, who, seq);
		start = now_ns();
		deadline = start + opt.timeout_us * 1000;
		err = send_request(fd, &addr, req, opt.size, deadline);
		if (err && !stop && seq > 0 && transient(-err)) {
			pthread_mutex_lock(&tot.lock);
			tot.send_errors++;
			if (!opt.quiet)
				printf("send to eid %u failed: %s\n", eid, strerror(-err));
			pthread_mutex_unlock(&tot.lock);
			sleep_us(opt.interval_us ? opt.interval_us : 10000);
			continue;
		}
		if (err) {
			if (!stop)
				fatal_errno("send", -err, eid);
			break;
		}
		__atomic_add_fetch(&tot.sent, 1, __ATOMIC_RELAXED);
		for (;;) {
			got = recv_reply(fd, rsp, opt.size + 1, &from, deadline);
			/* a reply to a request we gave up on: skip it */
			if (got != (ssize_t)opt.size ||
			    !late_reply(&late, rsp, opt.size, who, seq))
				break;
			__atomic_add_fetch(&tot.late, 1, __ATOMIC_RELAXED);
		}
		if (got < 0 && got != -ETIMEDOUT) {
			fatal_errno("receive", (int)-got, eid);
			break;
		}
		if (got == -ETIMEDOUT)
			late.seq[late.next++ % LATE_WINDOW] = seq;
		record(who, seq, eid, got,
		       got == (ssize_t)opt.size && from.smctp_addr.s_addr == eid &&
		       from.smctp_type == opt.type &&
		       !(from.smctp_tag & MCTP_TAG_OWNER) &&
		       payload_check(rsp, opt.size, who, seq),
		       now_ns() - start);
		if (opt.interval_us && (!opt.count || seq + 1 < opt.count))
			sleep_us(opt.interval_us);
	}
out:
	if (fd >= 0)
		close(fd);
	free(req);
	free(rsp);
	return NULL;
}

static int parse_args(int argc, char **argv)
{
	unsigned long v;
	int c, interval_given = 0;

	while ((c = getopt(argc, argv, "c:i:s:W:j:n:t:fqh")) != -1) {
		const char *bad = NULL;

		switch (c) {
		case 'c':
			if (parse_uint(optarg, 1, ULONG_MAX, &opt.count))
				bad = "count must be 1 or more";
			break;
		case 'i':
			interval_given = 1;
			if (parse_seconds(optarg, &opt.interval_us))
				bad = "interval must be 0..86400 seconds";
			break;
		case 's':
			if (parse_uint(optarg, 0, MAX_PAYLOAD, &opt.size))
				bad = "size must be 0..65535";
			break;
		case 'W':
			if (parse_seconds(optarg, &opt.timeout_us) || !opt.timeout_us)
				bad = "timeout must be more than 0 seconds";
			break;
		case 'j':
			if (parse_uint(optarg, 1, MAX_REQUESTERS, &opt.requesters))
				bad = "requesters must be 1..256";
			break;
		case 'n':
			if (parse_uint(optarg, 1, UINT32_MAX, &v))
				bad = "net must be 1..4294967295";
			opt.net = v;
			break;
		case 't':
			if (parse_uint(optarg, 0, 127, &opt.type))
				bad = "type must be 0..127";
			break;
		case 'f':
			opt.flood = 1;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
		if (bad) {
			fprintf(stderr, "%s: bad -%c '%s': %s\n", prog, c, optarg, bad);
			return -1;
		}
	}
	if (opt.flood && !interval_given)
		opt.interval_us = 0;
	if (optind >= argc) {
		fprintf(stderr, "%s: no EID given\n", prog);
		usage(stderr);
		return -1;
	}
	for (; optind < argc; optind++) {
		if (parse_eid_range(argv[optind], opt.peers, &opt.npeers, MAX_PEERS)) {
			fprintf(stderr, "%s: bad EID '%s' (8..254, or a range like 9-16)\n",
				prog, argv[optind]);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	pthread_t threads[MAX_REQUESTERS];
	unsigned long i, started = 0;
	uint64_t t0, elapsed_ns;
	int ok, probe;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (parse_args(argc, argv))
		return 2;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	/* a kernel without MCTP: the error alone, before any banner */
	probe = socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (probe < 0) {
		fatal_errno("socket", errno, opt.peers[0]);
		return 1;
	}
	close(probe);

	if (!opt.quiet)
		printf("MCTP echo to eid %u%s: %lu payload bytes, %lu requester%s\n",
		       opt.peers[0], opt.npeers > 1 ? " and more" : "", opt.size,
		       opt.requesters, opt.requesters > 1 ? "s" : "");
	t0 = now_ns();
	for (i = 0; i < opt.requesters; i++) {
		if (pthread_create(&threads[i], NULL, requester, (void *)(uintptr_t)i)) {
			fprintf(stderr, "%s: cannot start requester %lu\n", prog, i);
			stop = 1;
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	elapsed_ns = now_ns() - t0;

	printf("--- %lu sent, %lu replied, %lu corrupt, %lu lost, %.1f%% loss, %.3f s",
	       tot.sent, tot.replied, tot.corrupt, tot.lost,
	       tot.sent ? 100.0 * (double)(tot.sent - tot.replied) / (double)tot.sent : 0.0,
	       (double)elapsed_ns / 1e9);
	if (tot.late)
		printf(", %lu late replies", tot.late);
	if (tot.send_errors)
		printf(", %lu send errors", tot.send_errors);
	if (tot.busy_retries)
		printf(", %lu send retries", tot.busy_retries);
	printf(" ---\n");
	if (tot.replied)
		printf("rtt min/avg/max = %.3f/%.3f/%.3f ms, %.0f replies/s\n",
		       (double)tot.rtt_min_ns / 1e6,
		       (double)tot.rtt_sum_ns / (double)tot.replied / 1e6,
		       (double)tot.rtt_max_ns / 1e6,
		       (double)tot.replied / ((double)elapsed_ns / 1e9));
	if (tot.nrtts) {
		qsort(tot.rtts, tot.nrtts, sizeof(*tot.rtts), cmp_u64);
		printf("rtt p50/p99 = %.3f/%.3f ms\n", percentile_ms(50),
		       percentile_ms(99));
	}

	ok = !tot.fatal && !tot.send_errors && tot.sent > 0 &&
	     tot.replied == tot.sent;
	return ok ? 0 : 1;
}
