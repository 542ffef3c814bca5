/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: pieces of the module, and how the module entry points reach
 * them. Each transport lives in its own file.
 */
#ifndef __MCTP_PCC_H
#define __MCTP_PCC_H

/* Echo interfaces: MCTP endpoints that answer every request themselves */
#define MCTP_ECHO_MAX_DEVS	16

int mctp_echo_init(unsigned int count);
void mctp_echo_exit(void);

#endif /* __MCTP_PCC_H */
