// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-serial-pair: join two mctp-serial interfaces back to back, as the
 * upstream tools' examples do with socat: two pseudo-terminals with the
 * MCTP line discipline on their slave ends, and this process copying bytes
 * between the master ends. (N_MCTP on both ends of one pty stalls: the
 * writer waits for a write wakeup that only a reader of the master sends.)
 * Runs until killed. Not installed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#ifndef N_MCTP
#define N_MCTP 28
#endif

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

static int copy(int from, int to)
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
	return 0;
}

int main(void)
{
	struct pollfd p[2];

	p[0].fd = mctp_pty();
	p[1].fd = mctp_pty();
	if (p[0].fd < 0 || p[1].fd < 0) {
		perror("mctp-serial-pair: pty with N_MCTP (CONFIG_MCTP_SERIAL?)");
		return 1;
	}
	p[0].events = p[1].events = POLLIN;
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if ((p[0].revents & POLLIN) && copy(p[0].fd, p[1].fd))
			return 1;
		if ((p[1].revents & POLLIN) && copy(p[1].fd, p[0].fd))
			return 1;
	}
}
