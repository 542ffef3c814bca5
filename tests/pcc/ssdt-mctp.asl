/*
 * SSDT of the emulated PCC platform (test VM only; never packaged): the
 * device the mctp-pcc ACPI transport binds to.
 *
 * _HID "DMT0001" is the DMTF's ID for an MCTP-over-PCC endpoint. Its
 * _CRS names two PCC subspaces of the PCCT (pcct.asl), in this order:
 *   1. the outbox, subspace 0 (type 3: the OS sends, the platform
 *      completes),
 *   2. the inbox, subspace 1 (type 4: the platform sends, the OS
 *      acknowledges).
 * Each is a DWord Address Space descriptor of resource type 0x0A (PCC),
 * the subspace index in its _MIN (and _MAX). ACPI 6.4 writes it with the
 * DWordPcc () macro; Debian 12's iasl (20200925) has no such macro and
 * its DWordSpace () only takes types 0xC0-0xFF, so the template is
 * written out byte by byte. Linux's acpi_walk_resources () reports each
 * as ACPI_RESOURCE_TYPE_ADDRESS32 with address.resource_type 0x0A and
 * address.minimum = the subspace index.
 */
DefinitionBlock ("ssdt-mctp.aml", "SSDT", 2, "MCTPCC", "MCTPSSDT", 1)
{
    Scope (\_SB)
    {
        Device (MCTP)
        {
            Name (_HID, "DMT0001")
            Name (_UID, Zero)
            Name (_STA, 0x0F)   // present, enabled, shown, functioning
            Name (_CRS, Buffer (0x36)
            {
                /* DWordPcc (0): the outbox, subspace 0 */
                0x87,                   // large item 0x07: DWord Address Space
                0x17, 0x00,             // length: 23 bytes follow
                0x0A,                   // resource type 0x0A: PCC
                0x0D,                   // general flags: _MAF, _MIF fixed,
                                        //   positive decode, consumer
                0x00,                   // type specific flags: none
                0x00, 0x00, 0x00, 0x00, // _GRA granularity: 0
                0x00, 0x00, 0x00, 0x00, // _MIN: subspace index 0
                0x00, 0x00, 0x00, 0x00, // _MAX: subspace index 0
                0x00, 0x00, 0x00, 0x00, // _TRA translation offset: 0
                0x01, 0x00, 0x00, 0x00, // _LEN: 1 (one subspace)

                /* DWordPcc (1): the inbox, subspace 1 */
                0x87,                   // large item 0x07: DWord Address Space
                0x17, 0x00,             // length: 23 bytes follow
                0x0A,                   // resource type 0x0A: PCC
                0x0D,                   // general flags, as above
                0x00,                   // type specific flags: none
                0x00, 0x00, 0x00, 0x00, // _GRA granularity: 0
                0x01, 0x00, 0x00, 0x00, // _MIN: subspace index 1
                0x01, 0x00, 0x00, 0x00, // _MAX: subspace index 1
                0x00, 0x00, 0x00, 0x00, // _TRA translation offset: 0
                0x01, 0x00, 0x00, 0x00, // _LEN: 1 (one subspace)

                0x79, 0x00              // end tag, checksum 0 (none)
            })
        }
    }
}
