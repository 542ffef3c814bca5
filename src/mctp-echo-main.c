// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-echo: MCTP echo interfaces, a test tool. Each mctpecho<N> answers
 * every request itself, through an emulated MCTP endpoint, so that the
 * kernel's MCTP stack and its userspace run with no hardware.
 *
 * This file only holds the module parameters and entry points.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>

#include "mctp-echo-endpoint.h"
#include "mctp-echo.h"

static unsigned int echo_devs;
module_param(echo_devs, uint, 0444);
MODULE_PARM_DESC(echo_devs,
		 "Echo interfaces (mctpecho<N>) to create at load, 0..16 (default 0)");

static unsigned int echo_eid;
module_param(echo_eid, uint, 0444);
MODULE_PARM_DESC(echo_eid,
		 "Static EID of the endpoint behind each echo interface, 8..254, or 0 for none: it waits for Set Endpoint ID (default 0)");

static int __init mctp_echo_module_init(void)
{
	if (echo_devs > MCTP_ECHO_MAX_DEVS) {
		pr_err("echo_devs=%u is out of range (0..%u)\n",
		       echo_devs, MCTP_ECHO_MAX_DEVS);
		return -EINVAL;
	}

	if (echo_eid && (echo_eid < 8 || echo_eid > 254)) {
		pr_err("echo_eid=%u is not 0 or a unicast EID (8..254)\n",
		       echo_eid);
		return -EINVAL;
	}
	mctp_echo_endpoint_configure(echo_eid);

	return mctp_echo_init(echo_devs);
}

static void __exit mctp_echo_module_exit(void)
{
	mctp_echo_exit();
}

module_init(mctp_echo_module_init);
module_exit(mctp_echo_module_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MCTP echo interfaces, answered by an emulated endpoint (a test tool)");
MODULE_VERSION(MCTP_PCC_VERSION);
/* No rtnl-link-mctpecho alias: "ip link add type mctpecho" does not load
 * the module, which a user of any user namespace could ask for; echo links
 * are for whoever loaded it.
 */
