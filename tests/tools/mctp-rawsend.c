// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-rawsend: write frames straight to an MCTP interface through an
 * AF_PACKET socket, bypassing the MCTP stack, to feed a driver frames the
 * stack would never build. Test tool; not installed.
 *
 * usage: mctp-rawsend DEV KIND [COUNT [SEED]]
 *   KIND: short | badver | response | broadcast | request | random | HEX
 *         | paged:HEX
 * paged:HEX sends HEX padded with zeros to PAGED_LEN bytes in a non-linear
 * skb: only the first 4 bytes in its head, the rest in page fragments, as
 * a virtio_net_hdr's hdr_len asks (the interface's MTU must allow it).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/uio.h>

#include <linux/if_packet.h>
#include <linux/virtio_net.h>

/* past a page, so that the packet socket makes the skb paged */
#define PAGED_LEN	4200

#ifndef ETH_P_MCTP
#define ETH_P_MCTP 0x00FA
#endif

static uint64_t rng;

static uint32_t next_random(void)
{
	/* xorshift64*: reproducible from the seed, good enough for fuzzing */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ull) >> 32);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Build frame number i of the given kind; returns its length, or -1. */
static int build(const char *kind, uint8_t *buf, size_t cap)
{
	/* version 1, dest 9, src 10, SOM|EOM|TO|tag 0, type 1, payload */
	static const uint8_t request[] = { 0x01, 9, 10, 0xc8, 0x01, 0xaa, 0xbb };
	size_t len;

	memcpy(buf, request, sizeof(request));
	if (!strcmp(kind, "request"))
		return sizeof(request);
	if (!strcmp(kind, "short"))
		return 1 + (int)(next_random() % 3);
	if (!strcmp(kind, "badver")) {
		buf[0] = (uint8_t)(2 + next_random() % 14);
		return sizeof(request);
	}
	if (!strcmp(kind, "response")) {
		buf[3] &= (uint8_t)~0x08;
		return sizeof(request);
	}
	if (!strcmp(kind, "broadcast")) {
		buf[1] = 0xff;
		return sizeof(request);
	}
	if (!strcmp(kind, "random")) {
		len = 1 + next_random() % 200;
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)next_random();
		return (int)len;
	}
	len = strlen(kind);
	if (len % 2 || len / 2 > cap || !len)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hexval(kind[2 * i]), lo = hexval(kind[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		buf[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(len / 2);
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	/* for paged: no checksum, no GSO, 4 bytes (the MCTP header) linear */
	struct virtio_net_hdr vnet = { .hdr_len = 4 };
	unsigned long count = 1, sent = 0;
	const char *kind = argv[2];
	static uint8_t buf[PAGED_LEN];
	struct iovec iov[2];
	struct msghdr msg = { .msg_name = &sll, .msg_namelen = sizeof(sll),
			      .msg_iov = iov };
	bool paged;
	int fd;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: %s DEV short|badver|response|broadcast|request|random|HEX [COUNT [SEED]]\n",
			argv[0]);
		return 2;
	}
	if (argc > 3)
		count = strtoul(argv[3], NULL, 0);
	rng = argc > 4 ? strtoull(argv[4], NULL, 0) : 1;
	if (!rng)
		rng = 1;

	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	sll.sll_protocol = htons(ETH_P_MCTP);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "%s: no interface '%s'\n", argv[0], argv[1]);
		return 1;
	}
	/* a virtio_net_hdr takes a raw socket; MCTP has no link header, so
	 * the frame is the same
	 */
	paged = !strncmp(kind, "paged:", 6);
	fd = socket(AF_PACKET, paged ? SOCK_RAW : SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket(AF_PACKET)");
		return 1;
	}
	if (paged) {
		int one = 1;

		kind += 6;
		if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one))) {
			perror("PACKET_VNET_HDR");
			return 1;
		}
	}
	for (unsigned long i = 0; i < count; i++) {
		int len = build(kind, buf, 256);

		if (len < 0) {
			fprintf(stderr, "%s: bad frame kind '%s'\n", argv[0], argv[2]);
			return 2;
		}
		msg.msg_iovlen = 0;
		if (paged) {
			memset(buf + len, 0, PAGED_LEN - (size_t)len);
			len = PAGED_LEN;
			iov[msg.msg_iovlen++] = (struct iovec){ &vnet, sizeof(vnet) };
		}
		iov[msg.msg_iovlen++] = (struct iovec){ buf, (size_t)len };
		while (sendmsg(fd, &msg, 0) < 0) {
			/* the queue is full: wait for the driver to drain it */
			if (errno != ENOBUFS && errno != EAGAIN) {
				perror("sendto");
				return 1;
			}
			usleep(1000);
		}
		sent++;
	}
	printf("%lu\n", sent);
	return 0;
}
