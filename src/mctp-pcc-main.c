// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: Management Component Transport Protocol (MCTP, DMTF DSP0236)
 * transport over ACPI Platform Communication Channel (PCC) mailboxes
 * (DMTF DSP0292). The echo interfaces are the mctp_echo module's.
 *
 * This file only holds the module parameters and entry points.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>

#include "mctp-pcc.h"

static bool pcc_loopback;
module_param(pcc_loopback, bool, 0444);
MODULE_PARM_DESC(pcc_loopback,
		 "PCC interfaces (mctppcc<N>) echo requests instead of sending them to the platform, for bring-up; needs the mctp_echo module (default 0)");

/* The echo interfaces moved to the mctp_echo module. Their parameters stay
 * here, hidden, only to refuse a load that still gives them: the kernel
 * would otherwise ignore them with a warning and leave the user without
 * the interfaces they asked for.
 */
static char *echo_devs;
module_param(echo_devs, charp, 0);
MODULE_PARM_DESC(echo_devs, "Moved to the mctp_echo module: given here, the load fails");
static char *echo_eid;
module_param(echo_eid, charp, 0);
MODULE_PARM_DESC(echo_eid, "Moved to the mctp_echo module: given here, the load fails");

static int __init mctp_pcc_init(void)
{
	int rc;

	if (echo_devs || echo_eid) {
		pr_err("echo_devs and echo_eid belong to the mctp_echo module now: modprobe mctp_echo %s=%s\n",
		       echo_devs ? "echo_devs" : "echo_eid",
		       echo_devs ? echo_devs : echo_eid);
		return -EINVAL;
	}

	rc = mctp_pcc_acpi_init(pcc_loopback);
	if (rc)
		pr_err("registering the PCC driver failed: %d\n", rc);
	return rc;
}

static void __exit mctp_pcc_exit(void)
{
	mctp_pcc_acpi_exit();
}

module_init(mctp_pcc_init);
module_exit(mctp_pcc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("MCTP transport over ACPI PCC mailboxes");
MODULE_VERSION(MCTP_PCC_VERSION);
