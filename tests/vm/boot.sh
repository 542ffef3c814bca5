#!/bin/sh
# Boot the test kernel with the test initramfs under QEMU (TCG) and run one
# guest suite. The serial console (kernel log and test output) goes to LOG.
#
# usage: boot.sh KERNEL_BUILD_DIR INITRAMFS SUITE LOG [TIMEOUT_SECONDS]
# $MCTP_PCC_GUEST_ARGS (e.g. "mctp_quick=1") reach the suite as MCTP_QUICK=1.
# Suites named pcc* (or MCTP_PCC_PLATFORM=1) boot with the emulated PCC
# platform: its ACPI tables (tests/pcc/, built into $MCTP_PCC_BUILD/pcc)
# and its memory kept from the kernel (memmap=1M$0x5ff00000).
# $MCTP_PCC_PCCT=unpaced boots with the PCCT that sets no timing rules;
# suites pcc-odd and pcc-truncated with their broken PCCTs.
set -eu

kdir=$1
initrd=$2
suite=$3
log=$4
limit=${5:-1200}

# extra QEMU arguments, as the positional parameters (paths may have blanks)
set --
pcc_append=
case $suite in
pcc*) MCTP_PCC_PLATFORM=1 ;;
esac
if [ "${MCTP_PCC_PLATFORM:-0}" = 1 ]; then
	top=$(cd "$(dirname "$0")/../.." && pwd)
	tables=${MCTP_PCC_BUILD:-$top/build}/pcc
	"$top/tests/pcc/build-tables.sh" "$tables"
	pcct=pcct${MCTP_PCC_PCCT:+-$MCTP_PCC_PCCT}
	# suites of firmware that gets the PCCT wrong boot its table
	case $suite in
	pcc-odd | pcc-truncated) pcct=pcct-${suite#pcc-} ;;
	esac
	set -- -acpitable "file=$tables/$pcct.aml" -acpitable "file=$tables/ssdt-mctp.aml"
	# shellcheck disable=SC2016 # a literal '$': QEMU passes it on as it is
	pcc_append='memmap=1M$0x5ff00000'
fi

# KVM is present here but its guests hang: always software emulation.
timeout --foreground -k 10 "$limit" \
	qemu-system-x86_64 -accel tcg -smp 2 -m 1536 \
	-nographic -no-reboot -monitor none -serial stdio \
	-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$initrd" "$@" \
	-append "console=ttyS0 panic=-1 oops=panic kasan.fault=report mctp_suite=$suite $pcc_append ${MCTP_PCC_GUEST_ARGS:-}" \
	</dev/null >"$log" 2>&1 || true
