// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: Management Component Transport Protocol (MCTP, DMTF DSP0236)
 * transport over ACPI Platform Communication Channel (PCC) mailboxes, with
 * echo interfaces that let the whole MCTP stack run with no hardware.
 *
 * This file only holds the module parameters and entry points.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <net/rtnetlink.h>

#include "mctp-echo-endpoint.h"
#include "mctp-pcc.h"

static unsigned int echo_devs;
module_param(echo_devs, uint, 0444);
MODULE_PARM_DESC(echo_devs,
		 "Echo interfaces (mctpecho<N>) to create at load, 0..16 (default 0)");

static unsigned int echo_eid;
module_param(echo_eid, uint, 0444);
MODULE_PARM_DESC(echo_eid,
		 "Static EID of the endpoint behind each echo interface, 8..254, or 0 for none: it waits for Set Endpoint ID (default 0)");

static bool pcc_loopback;
module_param(pcc_loopback, bool, 0444);
MODULE_PARM_DESC(pcc_loopback,
		 "PCC interfaces (mctppcc<N>) echo requests instead of sending them to the platform, for bring-up (default 0)");

static int __init mctp_pcc_init(void)
{
	int rc;

	if (echo_devs > MCTP_ECHO_MAX_DEVS) {
		pr_err("mctp_pcc: echo_devs=%u is out of range (0..%u)\n",
		       echo_devs, MCTP_ECHO_MAX_DEVS);
		return -EINVAL;
	}

	if (echo_eid && (echo_eid < 8 || echo_eid > 254)) {
		pr_err("mctp_pcc: echo_eid=%u is not 0 or a unicast EID (8..254)\n",
		       echo_eid);
		return -EINVAL;
	}
	mctp_echo_endpoint_configure(echo_eid);

	rc = mctp_echo_init(echo_devs);
	if (rc)
		return rc;

	rc = mctp_pcc_acpi_init(pcc_loopback);
	if (rc) {
		pr_err("mctp_pcc: registering the PCC driver failed: %d\n", rc);
		mctp_echo_exit();
	}
	return rc;
}

static void __exit mctp_pcc_exit(void)
{
	/* PCC loopback interfaces are echo interfaces: they go first */
	mctp_pcc_acpi_exit();
	mctp_echo_exit();
}

module_init(mctp_pcc_init);
module_exit(mctp_pcc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MCTP transport over ACPI PCC, with echo interfaces");
MODULE_VERSION(MCTP_PCC_VERSION);
/* No rtnl-link-mctpecho alias: "ip link add type mctpecho" does not load
 * the module, which a user of any user namespace could ask for; echo links
 * are for whoever loaded it.
 */
