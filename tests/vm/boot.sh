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
#
# An arm64 kernel (tests/kernel/build.sh with MCTP_PCC_ARCH=arm64) boots on
# qemu-system-aarch64's virt machine under UEFI (AAVMF), with ACPI. Its PCC
# platform: the tables built for arm64 come in an uncompressed cpio put in
# front of the initramfs (kernel/firmware/acpi/, the kernel's initrd table
# upgrade: virt has no -acpitable), and its memory is a 2 MiB QEMU memory
# device (pc-dimm) at 0xc0000000, in virt's device-memory window: outside
# the EFI memory map, so Linux maps it as device memory (no memmap= on
# arm64). tests/pcc/README.md says why this way.
set -eu

kdir=$1
initrd=$2
suite=$3
log=$4
limit=${5:-1200}

arch=x86_64
case $(cat "$kdir/.mctp-pcc-make" 2>/dev/null) in
*ARCH=arm64*) arch=arm64 ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)

# extra QEMU arguments, as the positional parameters (paths may have blanks)
set --
pcc_append=
case $suite in
pcc*) MCTP_PCC_PLATFORM=1 ;;
esac
if [ "${MCTP_PCC_PLATFORM:-0}" = 1 ]; then
	tables=${MCTP_PCC_BUILD:-$top/build}/pcc
	[ "$arch" = x86_64 ] || tables=$tables-$arch
	MCTP_PCC_ARCH=$arch "$top/tests/pcc/build-tables.sh" "$tables"
	pcct=pcct${MCTP_PCC_PCCT:+-$MCTP_PCC_PCCT}
	# suites of firmware that gets the PCCT wrong boot its table
	case $suite in
	pcc-odd | pcc-truncated) pcct=pcct-${suite#pcc-} ;;
	esac
	if [ "$arch" = arm64 ]; then
		# the tables, uncompressed, in front of the initramfs
		rm -rf "$log.tables"
		mkdir -p "$log.tables/kernel/firmware/acpi"
		cp "$tables/$pcct.aml" "$log.tables/kernel/firmware/acpi/pcct.aml"
		cp "$tables/ssdt-mctp.aml" "$log.tables/kernel/firmware/acpi/"
		(cd "$log.tables" && find kernel | cpio -o -H newc --quiet) >"$log.initrd"
		cat "$initrd" >>"$log.initrd"
		initrd=$log.initrd
		set -- -object memory-backend-ram,id=pccmem,size=2M \
			-device pc-dimm,id=pccdimm,memdev=pccmem,addr=0xc0000000
	else
		set -- -acpitable "file=$tables/$pcct.aml" -acpitable "file=$tables/ssdt-mctp.aml"
		# shellcheck disable=SC2016 # a literal '$': QEMU passes it on as it is
		pcc_append='memmap=1M$0x5ff00000'
	fi
fi
append="panic=-1 oops=panic kasan.fault=report mctp_suite=$suite $pcc_append ${MCTP_PCC_GUEST_ARGS:-}"

# KVM is present here but its guests hang: always software emulation.
if [ "$arch" = arm64 ]; then
	"$top/tests/lib/install-deps.sh" vm-arm64 >&2
	# UEFI's variable store: a fresh copy each boot
	cp /usr/share/AAVMF/AAVMF_VARS.fd "$log.vars.fd"
	timeout --foreground -k 10 "$limit" \
		qemu-system-aarch64 -M virt -cpu cortex-a57 -accel tcg -smp 2 \
		-m 1536,slots=1,maxmem=4G \
		-drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \
		-drive "if=pflash,format=raw,file=$log.vars.fd" \
		-nographic -no-reboot -monitor none -serial stdio -nic none \
		-kernel "$kdir/$(cat "$kdir/.mctp-pcc-image")" -initrd "$initrd" "$@" \
		-append "console=ttyAMA0 acpi=force $append" \
		</dev/null >"$log" 2>&1 || true
	rm -rf "$log.vars.fd" "$log.tables" "$log.initrd"
else
	timeout --foreground -k 10 "$limit" \
		qemu-system-x86_64 -accel tcg -smp 2 -m 1536 \
		-nographic -no-reboot -monitor none -serial stdio \
		-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$initrd" "$@" \
		-append "console=ttyS0 $append" \
		</dev/null >"$log" 2>&1 || true
fi
