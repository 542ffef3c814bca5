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

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#include "mctp-pcc.h"
#include "mctp-pcc-pcct.h"

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

	done->address = ss->cmd_complete_register.address;
	done->space_id = ss->cmd_complete_register.space_id;
	done->width = ss->cmd_complete_register.bit_width;
	done->mask = ss->cmd_complete_mask;
}

static const char *const mctp_pcct_problem[] = {
	[MCTP_PCCT_NO_ENTRY] = "is not in the PCCT",
	[MCTP_PCCT_TRUNCATED] = "runs past the end of the PCCT, or one before it does",
	[MCTP_PCCT_BAD_LENGTH] = "cannot be found: a PCCT entry before it has a bad length",
};

/*
 * The PCC mailbox numbers subspaces in PCCT order: the type of one, and
 * for an extended subspace (types 3 and 4, the same layout) its Command
 * Complete register in @done. Says why where there is none.
 */
static int mctp_pcc_subspace_type(struct device *dev, const char *role,
				  u32 index, struct mctp_pcc_done *done)
{
	const struct acpi_subtable_header *entry;
	struct acpi_table_header *pcct;
	enum mctp_pcct_verdict verdict;
	int type = -EINVAL;
	u32 off;

	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_PCCT, 0, &pcct))) {
		dev_err(dev, "%s: no PCCT\n", role);
		return -ENODEV;
	}

	verdict = mctp_pcct_subspace((const u8 *)pcct, pcct->length, index,
				     &off);
	if (verdict != MCTP_PCCT_FOUND) {
		dev_err(dev, "%s: PCC subspace %u %s\n", role, index,
			mctp_pcct_problem[verdict]);
		goto out;
	}
	entry = (const void *)pcct + off;
	type = entry->type;
	if ((type == ACPI_PCCT_TYPE_EXT_PCC_MASTER_SUBSPACE ||
	     type == ACPI_PCCT_TYPE_EXT_PCC_SLAVE_SUBSPACE) &&
	    entry->length < sizeof(struct acpi_pcct_ext_pcc_master)) {
		dev_err(dev, "%s: PCC subspace %u is %u bytes long; its type needs %zu\n",
			role, index, entry->length,
			sizeof(struct acpi_pcct_ext_pcc_master));
		type = -EINVAL;
		goto out;
	}
	if (type == ACPI_PCCT_TYPE_EXT_PCC_MASTER_SUBSPACE)
		mctp_pcc_done_read(entry, done);
out:
	acpi_put_table(pcct);
	return type;
}

/* A link needs the outbox to be an initiator and the inbox a responder. */
static int mctp_pcc_check_subspace(struct device *dev, const char *role,
				   u32 index, int want,
				   struct mctp_pcc_done *done)
{
	int type = mctp_pcc_subspace_type(dev, role, index, done);

	if (type == want)
		return 0;
	if (type >= 0)
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

/*
 * ACPICA reads a PCC resource (address space type 0x0A) in _CRS only since
 * "ACPICA: Allow PCC Data Type in MCTP resource" (6.12 has it, 6.1 does
 * not); before, the resource walk fails, the ACPI core makes no platform
 * device and probe() never runs. Say so once, at load, rather than
 * nothing.
 */
static void mctp_pcc_check_enumerated(void)
{
	struct acpi_device *adev;

	adev = acpi_dev_get_first_match_dev(mctp_pcc_acpi_ids[0].id, NULL, -1);
	if (!adev)
		return;
	if (!acpi_get_first_physical_node(adev))
		pr_err("%s: this kernel's ACPI cannot read the PCC resources of its _CRS (Linux 6.12 and later can): no PCC link\n",
		       dev_name(&adev->dev));
	acpi_dev_put(adev);
}

int mctp_pcc_acpi_init(bool loopback)
{
	int rc;

	mctp_pcc_loopback = loopback;
	rc = platform_driver_register(&mctp_pcc_driver);
	if (!rc)
		mctp_pcc_check_enumerated();
	return rc;
}

void mctp_pcc_acpi_exit(void)
{
	platform_driver_unregister(&mctp_pcc_driver);
}
