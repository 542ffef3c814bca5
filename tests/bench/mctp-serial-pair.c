// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-serial-pair: join two mctp-serial interfaces back to back through a
 * pseudo-terminal pair, so MCTP traffic really crosses a transport the
 * kernel already has. Holds both ends open until killed. Not installed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#ifndef N_MCTP
#define N_MCTP 28
#endif

static int mctp_line(int fd)
{
	struct termios t;
	int ldisc = N_MCTP;

	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
	return ioctl(fd, TIOCSETD, &ldisc);
}

int main(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave;

	if (master < 0 || grantpt(master) || unlockpt(master)) {
		perror("mctp-serial-pair: pty");
		return 1;
	}
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0) {
		perror("mctp-serial-pair: open slave");
		return 1;
	}
	if (mctp_line(master) || mctp_line(slave)) {
		perror("mctp-serial-pair: TIOCSETD N_MCTP (CONFIG_MCTP_SERIAL?)");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	pause();
	return 0;
}
