/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding a subspace's entry in the PCCT (ACPI 6.5, 14.1), bounded by the
 * table's own length: firmware is not trusted to make an entry end where
 * the table says it does.
 *
 * Pure logic on the table's bytes, with no kernel state, so that the same
 * code runs in the driver and in the host unit tests.
 */
#ifndef __MCTP_PCC_PCCT_H
#define __MCTP_PCC_PCCT_H

#include <linux/kernel.h>

/* The ACPI table header (36 bytes), then the PCCT's flags and reserved */
#define MCTP_PCCT_SUBTABLES	48
/* A subtable starts with its type and its length, both a byte */
#define MCTP_PCCT_ENTRY_HDR	2

enum mctp_pcct_verdict {
	MCTP_PCCT_FOUND,	/* the whole entry lies inside the table */
	MCTP_PCCT_NO_ENTRY,	/* the table ends before that subspace */
	MCTP_PCCT_TRUNCATED,	/* an entry up to it runs past the end */
	MCTP_PCCT_BAD_LENGTH,	/* an entry up to it is shorter than its header */
};

/**
 * mctp_pcct_subspace() - where subspace @index's entry is in a PCCT
 * @pcct: the table, from its ACPI header
 * @len: the table's length, from its header (bytes readable at @pcct)
 * @index: the subspace index, counted as the PCC mailbox counts: in order
 * @off: the entry's offset in the table, on %MCTP_PCCT_FOUND
 *
 * The entry's length is then @pcct[@off + 1], and all of it is inside
 * @len; every entry before it is checked the same way.
 */
static inline enum mctp_pcct_verdict
mctp_pcct_subspace(const u8 *pcct, u32 len, u32 index, u32 *off)
{
	u32 pos = MCTP_PCCT_SUBTABLES;
	u32 i;

	for (i = 0; ; i++) {
		u8 entry_len;

		if (pos >= len)
			return MCTP_PCCT_NO_ENTRY;
		if (len - pos < MCTP_PCCT_ENTRY_HDR)
			return MCTP_PCCT_TRUNCATED;
		entry_len = pcct[pos + 1];
		if (entry_len < MCTP_PCCT_ENTRY_HDR)
			return MCTP_PCCT_BAD_LENGTH;
		if (len - pos < entry_len)
			return MCTP_PCCT_TRUNCATED;
		if (i == index) {
			*off = pos;
			return MCTP_PCCT_FOUND;
		}
		pos += entry_len;
	}
}

#endif /* __MCTP_PCC_PCCT_H */
