// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc: binding to the firmware's description of an MCTP-over-PCC
 * endpoint.
 *
 * DMTF DSP0292 describes one as an ACPI device with _HID "DMT0001" whose
 * _CRS names two PCC subspaces, each as a DWord address-space resource
 * holding the subspace index: first the outbox (OS to platform, a type 3
 * initiator subspace), then the inbox (platform to OS, type 4 responder).
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

static int mctp_pcc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct mctp_pcc_crs crs = { };
	acpi_status status;

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

	if (mctp_pcc_loopback)
		return mctp_pcc_loopback_add(dev, crs.index[0], crs.index[1]);
	return mctp_pcc_link_add(dev, crs.index[0], crs.index[1]);
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
