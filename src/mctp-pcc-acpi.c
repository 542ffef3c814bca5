// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: binding to the firmware's description of an MCTP-over-PCC
 * endpoint.
 *
 * DMTF DSP0292 describes one as an ACPI device with _HID "DMT0001" whose
 * _CRS names two PCC subspaces, each as a DWord address-space resource
 * holding the subspace index: first the outbox (OS to platform, a type 3
 * initiator subspace), then the inbox (platform to OS, type 4 responder).
 * Both are checked against the PCCT before use, so a wrong description is
 * reported as such instead of showing up as a silent link.
 * The module device table lets udev load us when such a device exists.
 */

#include <linux/acpi.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#include "mctp-pcc.h"

struct mctp_pcc_crs {
	u32		index[2];	/* outbox, inbox */
	unsigned int	found;
};

static bool mctp_pcc_loopback;

static acpi_status mctp_pcc_crs_entry(struct acpi_resource *res, void *data)
{
	struct mctp_pcc_crs *crs = data;

	if (res->type != ACPI_RESOURCE_TYPE_ADDRESS32)
		return AE_OK;
	if (crs->found < ARRAY_SIZE(crs->index))
		crs->index[crs->found] = res->data.address32.address.minimum;
	crs->found++;
	return AE_OK;
}

/* Where an initiator subspace says a command is complete */
static void mctp_pcc_done_read(const struct acpi_subtable_header *entry,
			       struct mctp_pcc_done *done)
{
	const struct acpi_pcct_ext_pcc_master *ss = (const void *)entry;

	if (entry->type != ACPI_PCCT_TYPE_EXT_PCC_MASTER_SUBSPACE ||
	    entry->length < sizeof(*ss))
		return;
	done->address = ss->cmd_complete_register.address;
	done->space_id = ss->cmd_complete_register.space_id;
	done->width = ss->cmd_complete_register.bit_width;
	done->mask = ss->cmd_complete_mask;
}

/*
 * The PCC mailbox numbers subspaces in PCCT order: the type of one, and
 * for an initiator its Command Complete register in @done.
 */
static int mctp_pcc_subspace_type(u32 index, struct mctp_pcc_done *done)
{
	struct acpi_subtable_header *entry;
	struct acpi_table_header *pcct;
	int type = -ENOENT;
	void *end;
	u32 i;

	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_PCCT, 0, &pcct)))
		return -ENODEV;

	end = (void *)pcct + pcct->length;
	entry = (void *)pcct + sizeof(struct acpi_table_pcct);
	for (i = 0; (void *)(entry + 1) <= end && entry->length; i++) {
		if (i == index) {
			type = entry->type;
			mctp_pcc_done_read(entry, done);
			break;
		}
		entry = (void *)entry + entry->length;
	}

	acpi_put_table(pcct);
	return type;
}

/* A link needs the outbox to be an initiator and the inbox a responder. */
static int mctp_pcc_check_subspace(struct device *dev, const char *role,
				   u32 index, int want,
				   struct mctp_pcc_done *done)
{
	int type = mctp_pcc_subspace_type(index, done);

	if (type == want)
		return 0;
	if (type < 0)
		dev_err(dev, "%s: no PCC subspace %u in the PCCT\n", role, index);
	else
		dev_err(dev, "%s: PCC subspace %u is of type %d; MCTP over PCC needs type %d\n",
			role, index, type, want);
	return -EINVAL;
}

static int mctp_pcc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mctp_pcc_done done = { }, unused = { };
	struct mctp_pcc_crs crs = { };
	acpi_status status;
	int rc;

	status = acpi_walk_resources(ACPI_HANDLE(dev), METHOD_NAME__CRS,
				     mctp_pcc_crs_entry, &crs);
	if (ACPI_FAILURE(status)) {
		dev_err(dev, "cannot read _CRS: %s\n",
			acpi_format_exception(status));
		return -ENODEV;
	}
	if (crs.found != ARRAY_SIZE(crs.index)) {
		dev_err(dev, "_CRS names %u PCC subspaces; MCTP over PCC needs 2 (outbox, then inbox)\n",
			crs.found);
		return -EINVAL;
	}

	rc = mctp_pcc_check_subspace(dev, "outbox", crs.index[0],
				     ACPI_PCCT_TYPE_EXT_PCC_MASTER_SUBSPACE,
				     &done);
	if (!rc)
		rc = mctp_pcc_check_subspace(dev, "inbox", crs.index[1],
					     ACPI_PCCT_TYPE_EXT_PCC_SLAVE_SUBSPACE,
					     &unused);
	if (rc)
		return rc;

	if (mctp_pcc_loopback)
		return mctp_pcc_loopback_add(dev, crs.index[0], crs.index[1]);
	return mctp_pcc_link_add(dev, crs.index[0], crs.index[1], &done);
}

static const struct acpi_device_id mctp_pcc_acpi_ids[] = {
	{ "DMT0001" },
	{ }
};
MODULE_DEVICE_TABLE(acpi, mctp_pcc_acpi_ids);

static struct platform_driver mctp_pcc_driver = {
	.probe = mctp_pcc_probe,
	.driver = {
		.name = "mctp-pcc",
		.acpi_match_table = mctp_pcc_acpi_ids,
	},
};

int mctp_pcc_acpi_init(bool loopback)
{
	mctp_pcc_loopback = loopback;
	return platform_driver_register(&mctp_pcc_driver);
}

void mctp_pcc_acpi_exit(void)
{
	platform_driver_unregister(&mctp_pcc_driver);
}
