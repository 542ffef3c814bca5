/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mctp-pcc: pieces of the PCC transport module, and how its entry points
 * reach them.
 */
#ifndef __MCTP_PCC_H
#define __MCTP_PCC_H

#include <linux/device.h>
#include <linux/types.h>

#if IS_ENABLED(CONFIG_PCC)
/* The outbox's Command Complete register, from its PCCT entry */
struct mctp_pcc_done {
	u64	address;
	u64	mask;
	u8	space_id;
	u8	width;		/* bits */
};

/* PCC links, bound to the firmware's DMT0001 devices */
int mctp_pcc_acpi_init(bool loopback);
void mctp_pcc_acpi_exit(void);
int mctp_pcc_link_add(struct device *dev, u32 outbox, u32 inbox,
		      const struct mctp_pcc_done *done);
/* pcc_loopback: an echo interface (the echo module's) in the link's place */
int mctp_pcc_loopback_add(struct device *dev, u32 outbox, u32 inbox);
#else
/* a kernel without the PCC mailbox: the module drives nothing */
static inline int mctp_pcc_acpi_init(bool loopback)
{
	return 0;
}

static inline void mctp_pcc_acpi_exit(void)
{
}
#endif

#endif /* __MCTP_PCC_H */
