// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-echo-server: answer MCTP requests from userspace, as the upstream
 * mctp-echo does: the benchmark's baseline for what a user would run
 * without the echo driver. Not installed.
 *
 * usage: mctp-echo-server NET [TYPE]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/mctp.h>

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

int main(int argc, char **argv)
{
	struct sockaddr_mctp addr = {
		.smctp_family = AF_MCTP,
		.smctp_addr.s_addr = MCTP_ADDR_ANY,
	};
	static unsigned char buf[65536 + 16];
	int rcvbuf = 8 << 20, fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s NET [TYPE]\n", argv[0]);
		return 2;
	}
	addr.smctp_network = (unsigned int)strtoul(argv[1], NULL, 0);
	addr.smctp_type = (unsigned char)(argc > 2 ? strtoul(argv[2], NULL, 0) : 1);

	fd = socket(AF_MCTP, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("mctp-echo-server: socket/bind");
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));

	for (;;) {
		struct sockaddr_mctp from;
		socklen_t alen = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &alen);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("mctp-echo-server: recvfrom");
			return 1;
		}
		/* the reply goes back with the request's tag, as its owner's */
		from.smctp_tag &= (unsigned char)~MCTP_TAG_OWNER;
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from,
			   sizeof(from)) < 0)
			perror("mctp-echo-server: sendto");
	}
}
