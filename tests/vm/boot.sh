#!/bin/sh
# Boot the test kernel with the test initramfs under QEMU (TCG) and run one
# guest suite. The serial console (kernel log and test output) goes to LOG.
#
# usage: boot.sh KERNEL_BUILD_DIR INITRAMFS SUITE LOG [TIMEOUT_SECONDS]
# $MCTP_PCC_GUEST_ARGS (e.g. "mctp_quick=1") reach the suite as MCTP_QUICK=1.
set -eu

kdir=$1
initrd=$2
suite=$3
log=$4
limit=${5:-1200}

# KVM is present here but its guests hang: always software emulation.
timeout --foreground -k 10 "$limit" \
	qemu-system-x86_64 -accel tcg -smp 2 -m 1536 \
	-nographic -no-reboot -monitor none -serial stdio \
	-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 oops=panic kasan.fault=report mctp_suite=$suite ${MCTP_PCC_GUEST_ARGS:-}" \
	</dev/null >"$log" 2>&1 || true
