/*
 * PCCT of the emulated PCC platform (test VM only; never packaged).
 *
 * A worked example of the ACPI description the mctp-pcc ACPI transport
 * expects: two PCC subspaces, one per direction, named by the _CRS of
 * the DMT0001 device (ssdt-mctp.asl).
 *
 * Memory (the guest boots with memmap=1M$0x5ff00000, which keeps the
 * kernel off it; tests/pcc/platform/mctp-pcc-platform.c plays the
 * platform firmware on it):
 *
 *   0x5FF00000  register page, all registers 32-bit SystemMemory
 *     +0x00 subspace 0 doorbell        +0x20 subspace 1 doorbell
 *     +0x04 subspace 0 cmd complete    +0x24 subspace 1 cmd complete
 *     +0x08 subspace 0 platform ack    +0x28 subspace 1 platform ack
 *     +0x0C subspace 0 error status    +0x2C subspace 1 error status
 *   0x5FF10000  subspace 0 shared memory, 4 KiB (outbox, OS -> platform)
 *   0x5FF20000  subspace 1 shared memory, 4 KiB (inbox, platform -> OS)
 *
 * Each shared memory starts with the extended PCC header (little endian):
 *   +0  signature  0x50434300 | subspace index
 *   +4  flags      bit 0: notify (outbox: the OS wants the completion
 *                  interrupt; inbox: the platform wants the doorbell
 *                  rung when the OS has consumed the message)
 *   +8  length     bytes after this field: 4 (command) + MCTP packet
 *   +12 command    "MCTP"
 *   +16 the MCTP packet (at most 4096 - 16 = 4080 bytes)
 *
 * Masks. Doorbell: preserve 0, write 1. Command complete check: bit 0.
 * Command update: preserve 0xFFFFFFFE, set 0 for the outbox (posting a
 * command clears "complete"; the platform sets it when done) and set 1
 * for the inbox (the OS sets "complete" when it has consumed a message;
 * the platform clears it as it posts the next one, and to the OS a
 * clear bit means "new message"). Platform interrupt ack: preserve 0,
 * set 1. Error status: mask 0x4, the bit the platform sets in place of
 * a good completion (Linux's pcc driver then clears it and drops that
 * interrupt).
 *
 * Interrupts. Subspace flags 0x02 = edge-triggered (bit 1), active high
 * (bit 0 clear), as ACPI and include/acpi/actbl2.h define them (bit 0 is
 * polarity, 1 = active low; bit 1 is mode, 1 = edge). GSI 22 signals the
 * outbox completion, GSI 23 a new inbox message; both are IO-APIC pins
 * nothing else uses on QEMU's pc machine.
 *
 * Values below are hexadecimal (iasl data table syntax): Bit Width 20 is
 * 32 bits, Platform Interrupt 16 is GSI 22, Command Latency 64 is 100 us.
 *
 * Timing rules (the OS must honour them; the platform counts each
 * doorbell that breaks one). Outbox: Maximum Access Rate EA60 is 60000
 * doorbells a minute (one a millisecond), Minimum Turnaround Time 1F4 is
 * 500 us from a completion to the next doorbell; both longer than the
 * platform's 50 us poll, so a driver that ignores them is seen to. Inbox:
 * 0, no limit (the OS only acknowledges there).
 * Compile: tests/pcc/build-tables.sh OUT_DIR.
 */
[0004]                          Signature : "PCCT"    [Platform Communications Channel Table]
[0004]                       Table Length : 00000000
[0001]                           Revision : 02
[0001]                           Checksum : 00
[0006]                             Oem ID : "MCTPCC"
[0008]                       Oem Table ID : "MCTPPCCT"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

/* Bit 0: the platform raises interrupts (required for a type 4 subspace) */
[0004]              Flags (decoded below) : 00000001
                                 Platform : 1
[0008]                           Reserved : 0000000000000000

/*
 * Subspace 0, the outbox (OS -> platform): type 3, the OS initiates.
 * Registers at 0x5FF00000 + 0x00 (doorbell), 0x04 (command complete,
 * checked and updated), 0x08 (platform interrupt ack), 0x0C (error).
 * The OS clears "complete" (update set mask 0) as it posts a command;
 * the platform sets bit 0 when done, then raises GSI 22.
 */
[0001]                      Subtable Type : 03 [Extended PCC Master Subspace]
[0001]                             Length : A4

[0004]                 Platform Interrupt : 00000016
[0001]              Flags (Decoded Below) : 02
                                 Polarity : 0
                                     Mode : 1
[0001]                           Reserved : 00
[0008]                       Base Address : 000000005FF10000
[0004]                     Address Length : 00001000

[0012]                  Doorbell Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00000

[0008]                      Preserve Mask : 0000000000000000
[0008]                         Write Mask : 0000000000000001
[0004]                    Command Latency : 00000064
[0004]                Maximum Access Rate : 0000EA60
[0004]            Minimum Turnaround Time : 000001F4
[0012]              Platform ACK Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00008

[0008]                  ACK Preserve Mask : 0000000000000000
[0008]                       ACK Set Mask : 0000000000000001
[0008]                           Reserved : 0000000000000000
[0012]          Command Complete Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00004

[0008]        Command Complete Check Mask : 0000000000000001
[0012]            Command Update Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00004

[0008]       Command Update Preserve Mask : 00000000FFFFFFFE
[0008]            Command Update Set Mask : 0000000000000000
[0012]              Error Status Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF0000C

[0008]                  Error Status Mask : 0000000000000004

/*
 * Subspace 1, the inbox (platform -> OS): type 4, the platform initiates.
 * Registers at 0x5FF00000 + 0x20, 0x24, 0x28, 0x2C, as above. The
 * platform clears "complete" as it posts a message and raises GSI 23;
 * a clear bit 0 means "new message" to the OS, which sets it again
 * (update set mask 1) once it has consumed the message.
 */
[0001]                      Subtable Type : 04 [Extended PCC Slave Subspace]
[0001]                             Length : A4

[0004]                 Platform Interrupt : 00000017
[0001]              Flags (Decoded Below) : 02
                                 Polarity : 0
                                     Mode : 1
[0001]                           Reserved : 00
[0008]                       Base Address : 000000005FF20000
[0004]                     Address Length : 00001000

[0012]                  Doorbell Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00020

[0008]                      Preserve Mask : 0000000000000000
[0008]                         Write Mask : 0000000000000001
[0004]                    Command Latency : 00000064
[0004]                Maximum Access Rate : 00000000
[0004]            Minimum Turnaround Time : 00000000
[0012]              Platform ACK Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00028

[0008]                  ACK Preserve Mask : 0000000000000000
[0008]                       ACK Set Mask : 0000000000000001
[0008]                           Reserved : 0000000000000000
[0012]          Command Complete Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00024

[0008]        Command Complete Check Mask : 0000000000000001
[0012]            Command Update Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF00024

[0008]       Command Update Preserve Mask : 00000000FFFFFFFE
[0008]            Command Update Set Mask : 0000000000000001
[0012]              Error Status Register : [Generic Address Structure]
[0001]                           Space ID : 00 [SystemMemory]
[0001]                          Bit Width : 20
[0001]                         Bit Offset : 00
[0001]               Encoded Access Width : 03 [DWord Access:32]
[0008]                            Address : 000000005FF0002C

[0008]                  Error Status Mask : 0000000000000004
