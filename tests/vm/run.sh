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
	# Test lines may be interleaved with kernel messages on the console.
	grep -aE 'TEST (ok|FAIL) - |^    ' "$log" | sed 's/^.*TEST /TEST /' || true
	ok=$(grep -ac 'TEST ok - ' "$log" || true)
	bad=$(grep -ac 'TEST FAIL - ' "$log" || true)
	if grep -aq "=== mctp-pcc-vm: suite $suite finished" "$log"; then
		echo "TEST ok - $suite: guest ran to the end"
		ok=$((ok + 1))
	else
		echo "TEST FAIL - $suite: guest did not finish (hang, panic or timeout); last lines:"
		tail -n 30 "$log" | sed 's/^/    /'
		bad=$((bad + 1))
	fi
	if "$here/check-kernel-log.sh" "$log"; then
		echo "TEST ok - $suite: kernel log free of KASAN, lockdep, kmemleak, BUG, WARN"
		ok=$((ok + 1))
	else
		echo "TEST FAIL - $suite: kernel log has reports (above)"
		bad=$((bad + 1))
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
done

echo "vm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
