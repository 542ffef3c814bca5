// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-serial-pair: join mctp-serial interfaces back to back, as the
 * upstream tools' examples do with socat: pseudo-terminals with the MCTP
 * line discipline on their slave ends, and this process copying bytes
 * between the master ends. (N_MCTP on both ends of one pty stalls: the
 * writer waits for a write wakeup that only a reader of the master sends.)
 *
 * usage: mctp-serial-pair [LINKS]
 *
 * Makes LINKS (default 1) point-to-point links, link k joining
 * mctpserial(2k) and mctpserial(2k+1) (the interfaces are numbered in the
 * order they are made, and nothing else here makes any). One link per
 * remote EID: the kernel sends from the first address of the outgoing
 * interface, so a userspace responder can only answer as one EID per
 * interface. Runs until killed; on SIGTERM prints the bytes relayed each
 * way per link. Not installed.
 *
 * Writes to a master block until done. They cannot block for long:
 * mctp-serial sends one chunk (at most a frame) per write wakeup, and only
 * a read of the master it writes to wakes it, so no more than about a
 * frame per direction is ever waiting in a pty.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#ifndef N_MCTP
#define N_MCTP 28
#endif

#define MAX_LINKS 32

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void raw(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
}

/* a pty whose slave carries N_MCTP (an mctpserial interface); returns
 * the master, keeps the slave open
 */
static int mctp_pty(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave, ldisc = N_MCTP;

	if (master < 0 || grantpt(master) || unlockpt(master))
		return -1;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0)
		return -1;
	raw(master);
	raw(slave);
	if (ioctl(slave, TIOCSETD, &ldisc))
		return -1;
	return master;
}

/* copy what one read gives from one master to the other: bytes copied,
 * 0 when there was nothing, -1 on error
 */
static ssize_t copy(int from, int to)
{
	char buf[4096];
	ssize_t n = read(from, buf, sizeof(buf)), off = 0;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	while (off < n) {
		ssize_t w = write(to, buf + off, (size_t)(n - off));

		if (w < 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		if (w > 0)
			off += w;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct pollfd p[2 * MAX_LINKS];
	unsigned long long bytes[2 * MAX_LINKS] = { 0 };
	int links = argc > 1 ? atoi(argv[1]) : 1, i;

	if (argc > 2 || links < 1 || links > MAX_LINKS) {
		fprintf(stderr, "usage: %s [LINKS 1..%d]\n", argv[0], MAX_LINKS);
		return 2;
	}
	for (i = 0; i < 2 * links; i++) {
		p[i].fd = mctp_pty();
		p[i].events = POLLIN;
		if (p[i].fd < 0) {
			perror("mctp-serial-pair: pty with N_MCTP (CONFIG_MCTP_SERIAL?)");
			return 1;
		}
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	printf("ready: %d link%s\n", links, links > 1 ? "s" : "");
	fflush(stdout);
	while (!stop) {
		if (poll(p, (nfds_t)(2 * links), -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("mctp-serial-pair: poll");
			return 1;
		}
		for (i = 0; i < 2 * links; i++) {
			ssize_t n;

			if (!(p[i].revents & POLLIN))
				continue;
			/* the other end of link i / 2 */
			n = copy(p[i].fd, p[i ^ 1].fd);
			if (n < 0) {
				perror("mctp-serial-pair: relay");
				return 1;
			}
			bytes[i] += (unsigned long long)n;
		}
	}
	for (i = 0; i < links; i++)
		printf("link %d: %llu bytes from mctpserial%d, %llu from mctpserial%d\n",
		       i, bytes[2 * i], 2 * i, bytes[2 * i + 1], 2 * i + 1);
	return 0;
}
