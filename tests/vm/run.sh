#!/bin/sh
# Run guest test suites in the test VM and report the results.
#
# usage: run.sh SUITE...      (suites are tests/vm/guest/SUITE.sh)
# Builds (or reuses) the test kernel, builds the initramfs, boots once per
# suite, counts the guest's TEST lines, and checks the kernel log. Ends with
# "N passed, N failed"; exits 1 if anything failed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/vm

kdir=$("$top/tests/kernel/build.sh" debug)
"$here/build-initramfs.sh" "$kdir" "$out"

# shellcheck source=tests/lib/result.sh
. "$top/tests/lib/result.sh"
# shellcheck source=tests/vm/results.sh
. "$here/results.sh"
passed=0
failed=0
for suite in "$@"; do
	log=$out/$suite.log
	echo "--- booting test VM for suite '$suite' (log: $log)"
	"$here/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$suite" "$log" \
		"${MCTP_PCC_VM_TIMEOUT:-1500}"
	if [ -n "${MCTP_PCC_VM_SHOW:-}" ]; then
		sed -n '/=== mctp-pcc-vm: suite/,$p' "$log"
	fi
	guest_results "$log" "$suite"
done

echo "vm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
