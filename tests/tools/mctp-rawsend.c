// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-rawsend: write frames straight to an MCTP interface through an
 * AF_PACKET socket, bypassing the MCTP stack, to feed a driver frames the
 * stack would never build. Test tool; not installed.
 *
 * usage: mctp-rawsend DEV KIND [COUNT [SEED]]
 *   KIND: short | badver | response | broadcast | request | random | HEX
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_packet.h>

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
	unsigned long count = 1, sent = 0;
	uint8_t buf[256];
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
	fd = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket(AF_PACKET)");
		return 1;
	}
	for (unsigned long i = 0; i < count; i++) {
		int len = build(argv[2], buf, sizeof(buf));

		if (len < 0) {
			fprintf(stderr, "%s: bad frame kind '%s'\n", argv[0], argv[2]);
			return 2;
		}
		while (sendto(fd, buf, (size_t)len, 0, (struct sockaddr *)&sll,
			      sizeof(sll)) < 0) {
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
